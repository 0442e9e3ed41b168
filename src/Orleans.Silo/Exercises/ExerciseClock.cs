using ScenarioEngine.Exercises;

namespace ScenarioEngine.Silo.Exercises;

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

    public static ExerciseClock Ready => new() { Status = ClockStatus.Ready };

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

    public ExerciseClock Resume(DateTimeOffset now)
    {
        Require(ClockStatus.Paused, "resume");
        return this with { Status = ClockStatus.Running, AnchoredAt = now };
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
