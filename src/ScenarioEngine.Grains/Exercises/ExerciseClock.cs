using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

/// <summary>
/// Scenario time against wall time. While running, scenario time advances from an anchor at
/// <see cref="Speed"/> × wall time; every change re-anchors, so pausing, resuming, changing speed
/// or jumping never moves scenario time backwards by accident.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExerciseClock
{
    [Id(0)] public ClockStatus Status { get; init; } = ClockStatus.Draft;

    /// <summary>Scenario time at <see cref="AnchoredAt"/>.</summary>
    [Id(1)] public TimeSpan ElapsedAtAnchor { get; init; }

    [Id(2)] public DateTimeOffset AnchoredAt { get; init; }
    [Id(3)] public double Speed { get; init; } = 1.0;

    /// <summary>The planned break the clock is paused at, if it paused for one.</summary>
    [Id(4)] public string? OnBreak { get; init; }

    public static ExerciseClock Ready => new() { Status = ClockStatus.Ready };

    public static ExerciseClock Draft => new() { Status = ClockStatus.Draft };

    public ExerciseClock MakeReady()
    {
        Require(ClockStatus.Draft, "make ready");
        return this with { Status = ClockStatus.Ready };
    }

    public TimeSpan ScenarioTimeAt(DateTimeOffset now) =>
        Status == ClockStatus.Running
            ? ElapsedAtAnchor + ((now - AnchoredAt) * Speed)
            : ElapsedAtAnchor;

    /// <summary>The wall time at which scenario time reaches <paramref name="scenarioTime"/>; null unless running.</summary>
    public DateTimeOffset? WallTimeOf(TimeSpan scenarioTime)
    {
        if (Status != ClockStatus.Running)
        {
            return null;
        }

        var remaining = scenarioTime - ElapsedAtAnchor;
        return remaining <= TimeSpan.Zero ? AnchoredAt : AnchoredAt + (remaining / Speed);
    }

    public ExerciseClock Start(DateTimeOffset now)
    {
        Require(ClockStatus.Ready, "start");
        return this with { Status = ClockStatus.Running, AnchoredAt = now };
    }

    public ExerciseClock Pause(DateTimeOffset now)
    {
        Require(ClockStatus.Running, "pause");
        return this with { Status = ClockStatus.Paused, ElapsedAtAnchor = ScenarioTimeAt(now), AnchoredAt = now };
    }

    /// <summary>Resumes; after a break that skips scenario time (a night), from <paramref name="continueFrom"/>.</summary>
    public ExerciseClock Resume(DateTimeOffset now, TimeSpan? continueFrom = null)
    {
        Require(ClockStatus.Paused, "resume");
        var from = continueFrom is { } c && c > ElapsedAtAnchor ? c : ElapsedAtAnchor;
        return this with { Status = ClockStatus.Running, ElapsedAtAnchor = from, AnchoredAt = now, OnBreak = null };
    }

    /// <summary>Pauses exactly at the break's moment, even when woken a little after it.</summary>
    public ExerciseClock PauseForBreak(DateTimeOffset now, PlannedBreak plannedBreak)
    {
        Require(ClockStatus.Running, "pause for a break");
        var at = plannedBreak.At < ScenarioTimeAt(now) ? plannedBreak.At : ScenarioTimeAt(now);
        return this with { Status = ClockStatus.Paused, ElapsedAtAnchor = at, AnchoredAt = now, OnBreak = plannedBreak.Id };
    }

    /// <summary>
    /// Moves scenario time forward. Never backward: what fired stays fired, and an after-action
    /// timeline with time running backwards would be unreadable. Hold or re-time injects instead.
    /// </summary>
    public ExerciseClock JumpTo(DateTimeOffset now, TimeSpan scenarioTime)
    {
        if (Status is ClockStatus.Draft or ClockStatus.Ended)
        {
            throw new InvalidOperationException($"An exercise that is {Status} cannot jump.");
        }

        var current = ScenarioTimeAt(now);
        if (scenarioTime < current)
        {
            throw new ArgumentOutOfRangeException(nameof(scenarioTime), scenarioTime, $"The clock only jumps forward; scenario time is already {current}.");
        }

        return this with { ElapsedAtAnchor = scenarioTime, AnchoredAt = now };
    }

    public ExerciseClock End(DateTimeOffset now)
    {
        if (Status is ClockStatus.Ended or ClockStatus.Draft)
        {
            throw new InvalidOperationException($"An exercise that is {Status} cannot end.");
        }

        return this with { Status = ClockStatus.Ended, ElapsedAtAnchor = ScenarioTimeAt(now), AnchoredAt = now };
    }

    public ExerciseClock WithSpeed(DateTimeOffset now, double speed)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a positive number.");
        }

        return this with { ElapsedAtAnchor = ScenarioTimeAt(now), AnchoredAt = now, Speed = speed };
    }

    private void Require(ClockStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"Cannot {action} an exercise that is {Status}; it must be {expected}.");
        }
    }
}
