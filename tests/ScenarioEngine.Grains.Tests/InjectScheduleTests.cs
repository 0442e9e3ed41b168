using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Tests;

public sealed class InjectScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_timed_pending_injects_at_or_before_scenario_time_are_due_in_time_order()
    {
        var injects = new[] { Inject("late", 30), Inject("manual", null), Inject("b", 10), Inject("a", 5), Inject("done", 1) };
        var progress = new Dictionary<string, InjectProgress> { ["done"] = new() { Status = InjectStatus.Fired } };

        var due = InjectSchedule.Due(injects, progress, TimeSpan.FromMinutes(10)).Select(i => i.Number);

        Assert.Equal(["a", "b"], due);
        Assert.Equal(TimeSpan.FromMinutes(5), InjectSchedule.NextDue(injects, progress));
    }

    /// <summary>
    /// Property: whatever pauses, resumes and speed changes happen, firing whatever is due at random
    /// wake-ups fires every timed inject exactly once, and never before its time.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_clock_changes_never_fire_an_inject_twice_or_skip_one(int seed)
    {
        var random = new Random(seed);
        var injects = Enumerable.Range(1, 40).Select(n => Inject(n.ToString(), random.Next(0, 120))).ToList();
        var progress = new Dictionary<string, InjectProgress>();
        var firings = new List<(string Number, TimeSpan At)>();
        var clock = ExerciseClock.Ready.Start(T0);
        var now = T0;

        while (progress.Count < injects.Count)
        {
            now = now.AddSeconds(random.Next(1, 120));
            clock = random.Next(6) switch
            {
                0 when clock.Status == ClockStatus.Running => clock.Pause(now),
                1 when clock.Status == ClockStatus.Paused => clock.Resume(now),
                2 => clock.WithSpeed(now, random.Next(1, 20) / 2.0),
                _ when clock.Status == ClockStatus.Paused => clock.Resume(now),
                _ => clock,
            };
            var scenarioTime = clock.ScenarioTimeAt(now);
            foreach (var due in InjectSchedule.Due(injects, progress, scenarioTime).ToList())
            {
                Assert.True(due.At <= scenarioTime);
                firings.Add((due.Number, scenarioTime));
                progress[due.Number] = new InjectProgress { Status = InjectStatus.Fired };
            }
        }

        Assert.Equal(injects.Select(i => i.Number).Order(), firings.Select(f => f.Number).Order());
        Assert.Null(InjectSchedule.NextDue(injects, progress));
    }

    private static InjectDefinition Inject(string number, int? minutes) => new()
    {
        Number = number,
        At = minutes is { } m ? TimeSpan.FromMinutes(m) : null,
        Subject = new() { ["en"] = number },
        Message = new() { ["en"] = number },
        To = new AudienceDefinition { Teams = ["t"] },
    };
}
