using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Evaluation;

namespace ScenarioEngine.Web.Tests;

/// <summary>Evaluator observations: appended to the log in order, stamped, never edited.</summary>
public sealed class ObservationLogTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private IObservationLogGrain Log(string exerciseId) =>
        fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(exerciseId);

    [Fact]
    public async Task Observations_are_kept_in_order_with_exercise_and_wall_time()
    {
        var log = Log(EmbeddedNodeFixture.NewExerciseId());
        var before = DateTimeOffset.UtcNow;

        await log.Add(new ObservationEntry { ObjectiveId = "identify", Rating = Rating.S, Note = "Late to call the interpreter.", Evaluator = "eva" }, TimeSpan.FromMinutes(42));
        await log.Add(new ObservationEntry { ObjectiveId = "money", Rating = Rating.P, InjectNumber = "6", Evaluator = "eva" }, TimeSpan.FromMinutes(50));
        var all = await log.List();

        Assert.Equal([1L, 2L], all.Select(o => o.Sequence));
        Assert.Equal(["identify", "money"], all.Select(o => o.Entry.ObjectiveId));
        Assert.Equal(Rating.S, all[0].Entry.Rating);
        Assert.Equal(TimeSpan.FromMinutes(42), all[0].ScenarioTime);
        Assert.All(all, o => Assert.InRange(o.At, before, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Observation_without_an_objective_or_with_an_overlong_note_is_refused()
    {
        var log = Log(EmbeddedNodeFixture.NewExerciseId());

        await Assert.ThrowsAsync<ArgumentException>(() => log.Add(new ObservationEntry { ObjectiveId = " ", Rating = Rating.P, Evaluator = "eva" }, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => log.Add(new ObservationEntry { ObjectiveId = "x", Rating = Rating.P, Note = new string('n', 2001), Evaluator = "eva" }, TimeSpan.Zero));
        Assert.Empty(await log.List());
    }
}
