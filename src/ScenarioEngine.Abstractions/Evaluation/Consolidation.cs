namespace ScenarioEngine.Evaluation;

/// <summary>The lead evaluator's conclusions that go into the AAR/IP: per capability, and the improvement plan.</summary>
[GenerateSerializer, Immutable]
public sealed record Consolidation
{
    [Id(0)] public IReadOnlyList<CapabilityReview> Capabilities { get; init; } = [];
    [Id(1)] public IReadOnlyList<ImprovementItem> ImprovementPlan { get; init; } = [];
}

/// <summary>One objective's capability as the lead evaluator concludes it.</summary>
[GenerateSerializer, Immutable]
public sealed record CapabilityReview
{
    [Id(0)] public required string ObjectiveId { get; init; }
    [Id(1)] public required string Capability { get; init; }
    [Id(2)] public IReadOnlyList<Finding> Strengths { get; init; } = [];
    [Id(3)] public IReadOnlyList<Finding> AreasForImprovement { get; init; } = [];
    [Id(4)] public Rating? FinalRating { get; init; }
}

/// <summary>A strength or an area for improvement, with the observations (by sequence) that show it.</summary>
[GenerateSerializer, Immutable]
public sealed record Finding
{
    [Id(0)] public required string Text { get; init; }
    [Id(1)] public IReadOnlyList<long> Observations { get; init; } = [];
}

/// <summary>A corrective action of the improvement plan, kept under its id so a later entry replaces it.</summary>
[GenerateSerializer, Immutable]
public sealed record ImprovementItem
{
    /// <summary>Made by whoever adds the item; empty for an item only ever built in memory (a report's test).</summary>
    [Id(6)] public string Id { get; init; } = string.Empty;
    [Id(0)] public required string Capability { get; init; }
    [Id(1)] public required string Issue { get; init; }
    [Id(2)] public required string CorrectiveAction { get; init; }
    [Id(3)] public required string ResponsibleAgency { get; init; }
    [Id(4)] public required DateOnly Start { get; init; }
    [Id(5)] public required DateOnly End { get; init; }
}

/// <summary>One entry of the consolidation log: exactly one of a capability review, an improvement item, or the id of an item withdrawn.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsolidationEntry
{
    [Id(0)] public CapabilityReview? Review { get; init; }
    [Id(1)] public ImprovementItem? Item { get; init; }
    [Id(2)] public string? WithdrawnItem { get; init; }
}

/// <summary>An entry as the log keeps it: who wrote it and when.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsolidationRecord
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required ConsolidationEntry Entry { get; init; }
    [Id(2)] public required string By { get; init; }
    [Id(3)] public required DateTimeOffset At { get; init; }
}

/// <summary>
/// The lead evaluator's consolidation of an exercise, keyed by exercise id. Append-only like the
/// observations: saving a capability's review or an improvement item adds an entry that supersedes
/// the earlier one for the same key; nothing is overwritten, so who concluded what and when stays.
/// </summary>
public interface IConsolidationGrain : IGrainWithStringKey
{
    /// <summary>Checks the entry against the scenario and the observation log, then appends it; throws <see cref="ArgumentException"/> for a bad one.</summary>
    Task<ConsolidationRecord> Add(ConsolidationEntry entry, string by);

    /// <summary>What counts now: the latest review per objective and capability, the latest of each item not withdrawn.</summary>
    Task<Consolidation> Current();

    Task<IReadOnlyList<ConsolidationRecord>> History();
}
