namespace ScenarioEngine.Delivery;

public enum DeliveryState
{
    Queued,
    Sent,
    Delivered,
    Seen,
    Acknowledged,
    Responded,
}

/// <summary>How far one mailbox entry has got with its recipient. Each step keeps its first time.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryProgress
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string InjectNumber { get; init; }
    [Id(2)] public required DateTimeOffset QueuedAt { get; init; }
    [Id(3)] public DateTimeOffset? DeliveredAt { get; init; }
    [Id(4)] public DateTimeOffset? AcknowledgedAt { get; init; }
    [Id(5)] public DateTimeOffset? RespondedAt { get; init; }
    [Id(6)] public int ResponseCount { get; init; }

    public DeliveryState State =>
        RespondedAt is not null ? DeliveryState.Responded
        : AcknowledgedAt is not null ? DeliveryState.Acknowledged
        : DeliveredAt is not null ? DeliveryState.Delivered
        : DeliveryState.Queued;
}

/// <summary>Pushed to controllers whenever a recipient's delivery moves on.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryProgressChanged(
    [property: Id(0)] RecipientAddress Recipient,
    [property: Id(1)] DeliveryProgress Progress);
