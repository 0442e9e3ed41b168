using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

/// <summary>What the exercise grain does next when it wakes: fire one inject, stop for a break, or sleep.</summary>
public abstract record ClockStep;

/// <summary>Fire <paramref name="Inject"/>, recorded at <paramref name="ScenarioTime"/>; a contingency checks responses first.</summary>
public sealed record FireStep(InjectDefinition Inject, TimeSpan ScenarioTime, bool CheckResponsesFirst) : ClockStep;

public sealed record BreakStep(PlannedBreak Break) : ClockStep;

/// <summary>Fire an onRequest inject for the one team that asked, recorded at <paramref name="ScenarioTime"/>.</summary>
public sealed record TeamFireStep(TeamFire Fire, TimeSpan ScenarioTime) : ClockStep;

/// <summary>Nothing to do now; wake at <paramref name="WakeAt"/> (wall time) if anything is scheduled.</summary>
public sealed record IdleStep(DateTimeOffset? WakeAt) : ClockStep;

/// <summary>
/// The exercise clock's decision, as a pure function of the scenario, the clock and what has
/// happened. The grain applies one step and asks again, so an inject fired now can make another
/// due at once (a chain with no delay) and nothing due before a break is left behind it.
/// </summary>
public static class ClockSteps
{
    public static ClockStep Next(
        ScenarioDefinition scenario,
        ExerciseClock clock,
        IReadOnlyDictionary<string, InjectProgress> progress,
        IReadOnlyCollection<string> breaksTaken,
        DateTimeOffset now,
        IReadOnlyCollection<TeamFire>? teamFires = null)
    {
        teamFires ??= [];
        if (clock.Status != ClockStatus.Running)
        {
            return new IdleStep(null);
        }

        var scenarioTime = clock.ScenarioTimeAt(now);
        var nextBreak = NextBreak(scenario.Breaks, breaksTaken);
        var breakReached = nextBreak is not null && nextBreak.At <= scenarioTime;

        // Time stops at a break: nothing due after it fires before the clock pauses there.
        var horizon = breakReached ? nextBreak!.At : scenarioTime;
        if (InjectSchedule.Due(scenario.Injects, progress, horizon).FirstOrDefault() is { } due)
        {
            return new FireStep(due, horizon, InjectSchedule.NeedsResponseCheck(due, progress));
        }

        if (RequestTriggers.Due(teamFires, progress, horizon) is { } owed)
        {
            return new TeamFireStep(owed, horizon);
        }

        if (breakReached)
        {
            return new BreakStep(nextBreak!);
        }

        var wakeAt = new[] { InjectSchedule.NextDue(scenario.Injects, progress), RequestTriggers.NextDue(teamFires, progress), nextBreak?.At }.Where(t => t is not null).Min();
        return new IdleStep(wakeAt is { } at ? clock.WallTimeOf(at) : null);
    }

    public static PlannedBreak? NextBreak(IEnumerable<PlannedBreak> breaks, IReadOnlyCollection<string> taken) =>
        breaks.Where(b => !taken.Contains(b.Id)).OrderBy(b => b.At).FirstOrDefault();

    /// <summary>Breaks a jump to <paramref name="to"/> passes over: they count as taken.</summary>
    public static IEnumerable<PlannedBreak> PassedBy(IEnumerable<PlannedBreak> breaks, IReadOnlyCollection<string> taken, TimeSpan to) =>
        breaks.Where(b => !taken.Contains(b.Id) && b.At < to).OrderBy(b => b.At);
}
