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

    [Fact]
    public async Task A_correction_is_a_new_entry_and_the_latest_one_counts_while_the_original_stays_in_the_log()
    {
        var log = Log(EmbeddedNodeFixture.NewExerciseId());

        var first = await log.Add(new ObservationEntry { ObjectiveId = "identify", CriticalTaskId = "identify-screen", TeamId = "team-a", Rating = Rating.M, Evaluator = "eva" }, TimeSpan.FromMinutes(10));
        var other = await log.Add(new ObservationEntry { ObjectiveId = "money", CriticalTaskId = "money-trace", TeamId = "team-b", Rating = Rating.P, Evaluator = "eva" }, TimeSpan.FromMinutes(11));
        var fix = await log.Add(new ObservationEntry { ObjectiveId = "identify", CriticalTaskId = "identify-screen", TeamId = "team-a", Rating = Rating.S, Evaluator = "eva", Corrects = first.Sequence }, TimeSpan.FromMinutes(12));
        await log.Add(new ObservationEntry { ObjectiveId = "identify", CriticalTaskId = "identify-screen", TeamId = "team-a", Rating = Rating.P, Note = "Checked the video.", Evaluator = "eva", Corrects = fix.Sequence }, TimeSpan.FromMinutes(13));
        var all = await log.List();
        var current = ObservationCorrections.Current(all);

        Assert.Equal(4, all.Count);
        Assert.Equal(Rating.M, all[0].Entry.Rating);
        Assert.Equal([(first.Sequence, Rating.P), (other.Sequence, Rating.P)], current.Select(o => (o.Sequence, o.Entry.Rating)));
        Assert.Equal("Checked the video.", current[0].Entry.Note);
    }

    [Fact]
    public async Task Correcting_an_observation_that_does_not_exist_is_refused()
    {
        var log = Log(EmbeddedNodeFixture.NewExerciseId());

        await Assert.ThrowsAsync<ArgumentException>(() => log.Add(new ObservationEntry { ObjectiveId = "x", Rating = Rating.P, Evaluator = "eva", Corrects = 1 }, TimeSpan.Zero));
        Assert.Empty(await log.List());
    }

    [Fact]
    public async Task An_observation_sent_twice_from_an_outbox_is_kept_once()
    {
        var log = Log(EmbeddedNodeFixture.NewExerciseId());
        var entry = new ObservationEntry { ObjectiveId = "joint", CriticalTaskId = "joint-reports", TeamId = "team-c", Rating = Rating.S, Evaluator = "eva", ClientId = "phone-1-0001" };

        var sent = await log.Add(entry, TimeSpan.FromMinutes(5));
        var again = await log.Add(entry, TimeSpan.FromMinutes(6));

        Assert.Equal(sent.Sequence, again.Sequence);
        Assert.Equal(TimeSpan.FromMinutes(5), again.ScenarioTime);
        Assert.Single(await log.List());
    }
}
