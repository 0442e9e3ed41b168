using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

/// <summary>
/// An onRequest inject owed to one team: it fires for that team alone, at <see cref="DueAt"/>, once.
/// The inject itself stays pending, ready to fire for the next team that asks.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TeamFire
{
    [Id(0)] public required string InjectNumber { get; init; }
    [Id(1)] public required string TeamId { get; init; }

    /// <summary>Scenario time: the request's moment plus the trigger's delay.</summary>
    [Id(2)] public required TimeSpan DueAt { get; init; }

    /// <summary>Pending, Firing (recorded before the mailbox is written) or Fired.</summary>
    [Id(3)] public required InjectStatus Status { get; init; }
    [Id(4)] public DateTimeOffset? FiredAt { get; init; }
}

/// <summary>Which onRequest injects a team's request triggers, and which of the owed team fires are due. Pure.</summary>
public static class RequestTriggers
{
    /// <summary>
    /// Enabled onRequest injects, not held or skipped, addressed to the team, naming the persona,
    /// with one of their keywords in the text (if they have any), and not yet owed to this team.
    /// </summary>
    public static IEnumerable<InjectDefinition> Triggered(
        ScenarioDefinition scenario,
        IReadOnlyDictionary<string, InjectProgress> progress,
        IReadOnlyCollection<TeamFire> owed,
        RequestNotice request) =>
        scenario.Injects.Where(i =>
            i.Enabled
            && i.Trigger is { Kind: TriggerKind.OnRequest } trigger
            && trigger.Persona == request.PersonaId
            && Matches(trigger.Keywords, request.Text)
            && progress.GetValueOrDefault(i.Number)?.Status is null or InjectStatus.Pending or InjectStatus.Fired
            && InjectAudience.TeamIds(scenario, i).Contains(request.TeamId)
            && !owed.Any(f => f.InjectNumber == i.Number && f.TeamId == request.TeamId));

    public static bool Matches(IReadOnlyCollection<string>? keywords, string text) =>
        keywords is null or { Count: 0 } || keywords.Any(k => text.Contains(k, StringComparison.CurrentCultureIgnoreCase) || text.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>The earliest pending team fire due by <paramref name="horizon"/>, skipping those whose inject a controller held or skipped.</summary>
    public static TeamFire? Due(IEnumerable<TeamFire> owed, IReadOnlyDictionary<string, InjectProgress> progress, TimeSpan horizon) =>
        Waiting(owed, progress).Where(f => f.DueAt <= horizon).OrderBy(f => f.DueAt).FirstOrDefault();

    public static TimeSpan? NextDue(IEnumerable<TeamFire> owed, IReadOnlyDictionary<string, InjectProgress> progress) =>
        Waiting(owed, progress).Select(f => (TimeSpan?)f.DueAt).Min();

    private static IEnumerable<TeamFire> Waiting(IEnumerable<TeamFire> owed, IReadOnlyDictionary<string, InjectProgress> progress) =>
        owed.Where(f => f.Status == InjectStatus.Pending
            && progress.GetValueOrDefault(f.InjectNumber)?.Status is not (InjectStatus.Held or InjectStatus.Skipped));
}
