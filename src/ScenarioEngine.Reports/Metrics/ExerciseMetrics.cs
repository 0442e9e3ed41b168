using ScenarioEngine.Evaluation;

namespace ScenarioEngine.Reports.Metrics;

/// <summary>What the logs say happened, per inject and recipient, per contingency, per disclosure and per rated task.</summary>
public sealed record ExerciseMetrics
{
    public required IReadOnlyList<DeliveryMetric> Deliveries { get; init; }
    public required IReadOnlyList<ContingencyMetric> Contingencies { get; init; }
    public required IReadOnlyList<DisclosureMetric> Disclosures { get; init; }

    /// <summary>The observations that count (corrections applied), with the capability their task belongs to.</summary>
    public required IReadOnlyList<RatingMetric> Ratings { get; init; }

    /// <summary>Exercise time at the end of the log: later deadlines are not yet due.</summary>
    public required TimeSpan LoggedUntil { get; init; }
}

/// <summary>One inject at one recipient: how long from firing to each step, and whether the response deadline was met.</summary>
public sealed record DeliveryMetric
{
    public required string InjectNumber { get; init; }
    public required RecipientKind RecipientKind { get; init; }
    public required string RecipientId { get; init; }
    public required DateTimeOffset FiredAt { get; init; }
    public required TimeSpan FiredScenarioTime { get; init; }
    public TimeSpan? ToDelivered { get; init; }
    public TimeSpan? ToSeen { get; init; }
    public TimeSpan? ToAcknowledged { get; init; }
    public TimeSpan? ToResponded { get; init; }
    public int ResponseCount { get; init; }

    /// <summary>Exercise time from firing to the first response, which is what a deadline in the MSEL counts.</summary>
    public TimeSpan? ResponseScenarioDelay { get; init; }
    public TimeSpan? Deadline { get; init; }

    /// <summary>Null when the inject has no deadline, or it has not passed and nobody answered yet.</summary>
    public bool? DeadlineMet { get; init; }
}

public sealed record ContingencyMetric
{
    public required string InjectNumber { get; init; }

    /// <summary>Exercise time it fired at; null when it never fired.</summary>
    public TimeSpan? FiredAt { get; init; }

    /// <summary>The response it stood in for came in time, so it was stood down.</summary>
    public bool StoodDown { get; init; }
}

public sealed record DisclosureMetric
{
    public required string ActorId { get; init; }
    public required string InjectNumber { get; init; }
    public required string GateId { get; init; }
    public required string TeamId { get; init; }
    public required TimeSpan ScenarioTime { get; init; }

    /// <summary>Exercise time from the cue card firing to the disclosure; null when the card's firing is not in the log.</summary>
    public TimeSpan? AfterCueCard { get; init; }
    public required bool GateOpen { get; init; }
}

public sealed record RatingMetric
{
    public required long Sequence { get; init; }
    public required string ObjectiveId { get; init; }
    public string? CriticalTaskId { get; init; }
    public string? Capability { get; init; }
    public string? TeamId { get; init; }
    public required string Evaluator { get; init; }
    public required Rating Rating { get; init; }
    public string? Note { get; init; }
    public string? InjectNumber { get; init; }
    public required TimeSpan ScenarioTime { get; init; }
}
