using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Tests;

/// <summary>The clock's decisions as the grain applies them, driven through random controller actions.</summary>
public sealed class ClockStepsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clock_stops_exactly_at_a_planned_break_and_resumes_the_next_morning()
    {
        var scenario = Scenario([Timed("evening", 470), Timed("morning", 24 * 60 + 30)], [new PlannedBreak { Id = "night", At = TimeSpan.FromHours(8), ResumeAt = TimeSpan.FromHours(24) }]);
        var sim = new Simulation(scenario, ExerciseClock.Ready.Start(T0));

        sim.RunUntil(T0.AddHours(9));
        var resumed = sim.Resume(T0.AddHours(20));

        Assert.Equal((ClockStatus.Paused, "night"), (sim.ClockAtBreak!.Status, sim.ClockAtBreak.OnBreak));
        Assert.Equal(TimeSpan.FromHours(8), sim.ClockAtBreak.ScenarioTimeAt(T0.AddHours(19)));
        Assert.Equal(["evening"], sim.FiredBefore(T0.AddHours(20)));
        Assert.Equal(TimeSpan.FromHours(24), resumed.ScenarioTimeAt(T0.AddHours(20)));
    }

    [Fact]
    public void Chained_inject_with_no_delay_fires_in_the_same_wake_up_and_a_held_one_waits()
    {
        var scenario = Scenario([Timed("a", 5), After("b", "a", 0), After("c", "b", 10), Timed("held", 1)]);
        var sim = new Simulation(scenario, ExerciseClock.Ready.Start(T0));
        sim.Progress["held"] = new InjectProgress { Status = InjectStatus.Held };

        sim.RunUntil(T0.AddMinutes(6));

        Assert.Equal(["a", "b"], sim.Fired.Select(f => f.Number));
        // "a" was due at 5 but the wake-up came at 6: "b" fired then, so "c" is due 10 minutes after 6.
        Assert.Equal(T0.AddMinutes(16), Assert.IsType<IdleStep>(sim.Step(T0.AddMinutes(6))).WakeAt);
    }

    /// <summary>
    /// Property: whatever the controller does — pause, resume, change speed, jump forward, hold and
    /// release, re-time — each inject that is due fires exactly once, never before it is due, and
    /// breaks stop the clock before anything after them.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_controller_actions_never_fire_an_inject_twice_early_or_not_at_all(int seed)
    {
        var random = new Random(seed);
        var injects = new List<InjectDefinition>();
        for (var n = 0; n < 60; n++)
        {
            injects.Add(n > 5 && random.Next(3) == 0
                ? After($"i{n}", injects[random.Next(n)].Number, random.Next(0, 30))
                : Timed($"i{n}", random.Next(0, 3 * 24 * 60)));
        }

        var breaks = new List<PlannedBreak>
        {
            new() { Id = "night-1", At = TimeSpan.FromHours(8), ResumeAt = TimeSpan.FromHours(24) },
            new() { Id = "night-2", At = TimeSpan.FromHours(32), ResumeAt = TimeSpan.FromHours(48) },
        };
        injects = injects.Select(i => i.At is { } at && breaks.Any(b => at > b.At && at < b.ResumeAt) ? i with { At = at - TimeSpan.FromHours(7) } : i).ToList();
        var sim = new Simulation(Scenario(injects, breaks), ExerciseClock.Ready.Start(T0));
        var now = T0;

        for (var step = 0; step < 4000 && sim.Progress.Count(p => p.Value.Status == InjectStatus.Fired) < injects.Count; step++)
        {
            now = now.AddSeconds(random.Next(1, 600));
            var pending = injects.Where(i => sim.StatusOf(i.Number) == InjectStatus.Pending).Select(i => i.Number).ToList();
            switch (random.Next(10))
            {
                case 0 when sim.Clock.Status == ClockStatus.Running:
                    sim.Clock = sim.Clock.Pause(now);
                    break;
                case 1:
                    sim.Clock = sim.Clock.WithSpeed(now, random.Next(1, 40) / 2.0);
                    break;
                case 2 when sim.Clock.Status != ClockStatus.Paused:
                    var target = sim.Clock.ScenarioTimeAt(now) + TimeSpan.FromMinutes(random.Next(0, 90));
                    sim.Jump(now, breaks.Find(b => target > b.At && target < b.ResumeAt)?.ResumeAt ?? target);
                    break;
                case 3 when pending.Count > 0:
                    sim.Progress[pending[random.Next(pending.Count)]] = new InjectProgress { Status = InjectStatus.Held };
                    break;
                case 4 when pending.Count > 0:
                    sim.Progress[pending[random.Next(pending.Count)]] = new InjectProgress { Status = InjectStatus.Pending, RetimedTo = sim.Clock.ScenarioTimeAt(now) + TimeSpan.FromMinutes(random.Next(0, 60)) };
                    break;
                default:
                    foreach (var held in sim.Progress.Where(p => p.Value.Status == InjectStatus.Held).Select(p => p.Key).ToList())
                    {
                        sim.Progress[held] = new InjectProgress { Status = InjectStatus.Pending };
                    }

                    if (sim.Clock.Status == ClockStatus.Paused)
                    {
                        sim.Resume(now);
                    }

                    break;
            }

            sim.RunUntil(now);
        }

        Assert.Equal(injects.Select(i => i.Number).Order(), sim.Fired.Select(f => f.Number).Order());
        Assert.All(sim.Fired, f => Assert.True(f.ScenarioTime >= f.DueAt, $"{f.Number} fired at {f.ScenarioTime}, due {f.DueAt}"));
        Assert.All(sim.Fired, f => Assert.DoesNotContain(breaks, b => f.ScenarioTime > b.At && f.ScenarioTime < b.ResumeAt));
    }

    internal static InjectDefinition Timed(string number, int minutes) => Inject(number) with { At = TimeSpan.FromMinutes(minutes) };

    internal static InjectDefinition After(string number, string predecessor, int minutes) =>
        Inject(number) with { Trigger = new TriggerDefinition { Kind = TriggerKind.AfterInject, Inject = predecessor, Delay = TimeSpan.FromMinutes(minutes) } };

    internal static InjectDefinition Inject(string number) => new()
    {
        Number = number,
        Subject = new() { ["en"] = number },
        Message = new() { ["en"] = number },
        To = new AudienceDefinition { Teams = ["t"] },
    };

    internal static ScenarioDefinition Scenario(List<InjectDefinition> injects, List<PlannedBreak>? breaks = null) => new()
    {
        Id = "s",
        Title = new() { ["en"] = "s" },
        Languages = ["en"],
        DefaultLanguage = "en",
        Teams = [new TeamDefinition { Id = "t", Name = new() { ["en"] = "t" } }],
        Injects = injects,
        Breaks = breaks ?? [],
    };

    /// <summary>The exercise grain's loop without the grain: apply steps until idle, as RunClock does.</summary>
    private sealed class Simulation(ScenarioDefinition scenario, ExerciseClock clock)
    {
        public ExerciseClock Clock { get; set; } = clock;

        public ExerciseClock? ClockAtBreak { get; private set; }

        public Dictionary<string, InjectProgress> Progress { get; } = [];

        public List<string> BreaksTaken { get; } = [];

        public List<(string Number, TimeSpan ScenarioTime, TimeSpan DueAt, DateTimeOffset Wall)> Fired { get; } = [];

        public InjectStatus StatusOf(string number) => Progress.GetValueOrDefault(number)?.Status ?? InjectStatus.Pending;

        public IEnumerable<string> FiredBefore(DateTimeOffset wall) => Fired.Where(f => f.Wall < wall).Select(f => f.Number);

        public ClockStep Step(DateTimeOffset now) => ClockSteps.Next(scenario, Clock, Progress, BreaksTaken, now);

        public void RunUntil(DateTimeOffset now)
        {
            for (var guard = 0; guard < 1000; guard++)
            {
                switch (Step(now))
                {
                    case FireStep fire:
                        Assert.NotEqual(InjectStatus.Fired, StatusOf(fire.Inject.Number));
                        Fired.Add((fire.Inject.Number, fire.ScenarioTime, InjectSchedule.DueAt(fire.Inject, Progress)!.Value, now));
                        Progress[fire.Inject.Number] = new InjectProgress { Status = InjectStatus.Fired, FiredAtScenarioTime = fire.ScenarioTime };
                        break;
                    case BreakStep pause:
                        BreaksTaken.Add(pause.Break.Id);
                        Clock = Clock.PauseForBreak(now, pause.Break);
                        ClockAtBreak = Clock;
                        break;
                    default:
                        return;
                }
            }

            Assert.Fail("The clock never went idle.");
        }

        public ExerciseClock Resume(DateTimeOffset now)
        {
            Clock = Clock.Resume(now, scenario.Breaks.Find(b => b.Id == Clock.OnBreak)?.ResumeAt);
            return Clock;
        }

        public void Jump(DateTimeOffset now, TimeSpan to)
        {
            BreaksTaken.AddRange(ClockSteps.PassedBy(scenario.Breaks, BreaksTaken, to).Select(b => b.Id));
            Clock = Clock.JumpTo(now, to);
        }
    }
}
