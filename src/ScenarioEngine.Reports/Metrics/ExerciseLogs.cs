using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;

namespace ScenarioEngine.Reports.Metrics;

/// <summary>
/// Everything an after-action review is made from, as read from the append-only logs: the
/// exercise event log, each recipient's mailbox (delivery progress and responses), the disclosure
/// log and the observation log. Nothing here is kept for the report while the drill runs.
/// </summary>
public sealed record ExerciseLogs
{
    public required string ExerciseId { get; init; }
    public required ScenarioDefinition Scenario { get; init; }
    public required IReadOnlyList<ExerciseEvent> Events { get; init; }
    public required IReadOnlyList<RecipientDeliveries> Deliveries { get; init; }
    public required IReadOnlyList<RecipientResponses> Responses { get; init; }
    public required IReadOnlyList<DisclosureRecord> Disclosures { get; init; }
    public required IReadOnlyList<Observation> Observations { get; init; }

    /// <summary>Every evidence label scan (issue 17); empty for exercises from before evidence props.</summary>
    public IReadOnlyList<EvidenceScanRecord> EvidenceScans { get; init; } = [];
}

public sealed record RecipientResponses(RecipientAddress Recipient, IReadOnlyList<StoredResponse> Responses);
