using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

/// <summary>
/// When each inject fires by itself, and which are due. Pure, so it is tested without a cluster.
/// An inject fires by itself only while pending and enabled; held, skipped and fired ones never do.
/// </summary>
public static class InjectSchedule
{
    public static IEnumerable<InjectDefinition> Due(
        IEnumerable<InjectDefinition> injects,
        IReadOnlyDictionary<string, InjectProgress> progress,
        TimeSpan scenarioTime) =>
        injects
            .Select((inject, order) => (inject, order, due: DueAt(inject, progress)))
            .Where(x => x.due is { } due && due <= scenarioTime)
            .OrderBy(x => x.due)
            .ThenBy(x => x.order)
            .Select(x => x.inject);

    /// <summary>The earliest scenario time at which a pending inject is due, or null when none is known.</summary>
    public static TimeSpan? NextDue(IEnumerable<InjectDefinition> injects, IReadOnlyDictionary<string, InjectProgress> progress) =>
        injects.Select(i => DueAt(i, progress)).Where(d => d is not null).Min();

    /// <summary>
    /// Scenario time at which <paramref name="inject"/> fires by itself, as far as known now: its
    /// re-timed moment; its offset; its predecessor's firing plus the delay; or the moment its
    /// response or site condition came true. Null when it will not fire by itself (yet).
    /// </summary>
    public static TimeSpan? DueAt(InjectDefinition inject, IReadOnlyDictionary<string, InjectProgress> progress)
    {
        var own = progress.GetValueOrDefault(inject.Number);
        if (own is not null && own.Status != InjectStatus.Pending)
        {
            return null;
        }

        if (own?.RetimedTo is { } retimed)
        {
            return retimed;
        }

        if (!inject.Enabled)
        {
            return null;
        }

        if (inject.At is { } at)
        {
            return inject.Contingency ? null : at;
        }

        return inject.Trigger switch
        {
            { Kind: TriggerKind.AfterInject or TriggerKind.IfNoResponse, Inject: { } predecessor } =>
                progress.GetValueOrDefault(predecessor) is { Status: InjectStatus.Fired, FiredAtScenarioTime: { } firedAt }
                    ? firedAt + (inject.Trigger.Delay ?? TimeSpan.Zero)
                    : null,
            { Kind: TriggerKind.OnResponse or TriggerKind.OnSiteState } => own?.TriggeredAt,
            _ => null,
        };
    }

    /// <summary>A contingency due by its own trigger fires only after checking that the expected response is still missing.</summary>
    public static bool NeedsResponseCheck(InjectDefinition inject, IReadOnlyDictionary<string, InjectProgress> progress) =>
        inject.Trigger?.Kind == TriggerKind.IfNoResponse && progress.GetValueOrDefault(inject.Number)?.RetimedTo is null;
}

[GenerateSerializer, Immutable]
public sealed record InjectProgress
{
    [Id(0)] public required InjectStatus Status { get; init; }
    [Id(1)] public DateTimeOffset? FiredAt { get; init; }
    [Id(2)] public TimeSpan? FiredAtScenarioTime { get; init; }
    [Id(3)] public string? FiredBy { get; init; }

    /// <summary>Set by a controller's re-time: fire at this offset instead of by the inject's own trigger.</summary>
    [Id(4)] public TimeSpan? RetimedTo { get; init; }

    /// <summary>Scenario time at which a response or site-state trigger came true; it fires then, or on resume.</summary>
    [Id(5)] public TimeSpan? TriggeredAt { get; init; }

    public static readonly InjectProgress Pending = new() { Status = InjectStatus.Pending };
}
