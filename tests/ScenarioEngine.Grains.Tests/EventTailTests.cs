using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests;

/// <summary>The control room's feed reads the end of the event log, not the whole of it.</summary>
public sealed class EventTailTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    [Fact]
    public async Task The_latest_events_are_the_log_s_last_ones_in_order_with_the_count_of_those_before()
    {
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(GrainCluster.NewExerciseId());
        await exercise.Create(ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "test.yaml"));
        // More than two pages of the log (500 each), each event told apart by its detail.
        for (var i = 1; i <= 1_150; i++)
        {
            await exercise.RecordAction(ExerciseEvents.SignalRaised, "test-director", $"action {i}");
        }

        var all = new List<ExerciseEvent>();
        for (IReadOnlyList<ExerciseEvent> page; (page = await exercise.GetEvents(all.LastOrDefault()?.Sequence ?? 0, 500)).Count > 0;)
        {
            all.AddRange(page);
        }

        var tail = await exercise.GetLatestEvents(1_000);

        Assert.Equal(all.TakeLast(1_000).Select(e => (e.Sequence, e.Detail)), tail.Events.Select(e => (e.Sequence, e.Detail)));
        Assert.Equal(all.Count - 1_000, tail.Earlier);
        Assert.Equal("action 1150", tail.Events[^1].Detail);

        var everything = await exercise.GetLatestEvents(all.Count + 50);
        Assert.Equal(all.Count, everything.Events.Count);
        Assert.Equal(0, everything.Earlier);
    }
}
