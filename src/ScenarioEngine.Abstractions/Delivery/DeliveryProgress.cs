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

    /// <summary>When the server pushed it to the recipient's connected devices (a doorbell; it may have rung for nobody).</summary>
    [Id(7)] public DateTimeOffset? SentAt { get; init; }

    /// <summary>When a person first opened it on a device.</summary>
    [Id(8)] public DateTimeOffset? SeenAt { get; init; }

    /// <summary>The W3C trace parent of the append, so receipt, acknowledgement and response join the inject's trace.</summary>
    [Id(9)] public string? TraceParent { get; init; }

    public DeliveryState State =>
        RespondedAt is not null ? DeliveryState.Responded
        : AcknowledgedAt is not null ? DeliveryState.Acknowledged
        : SeenAt is not null ? DeliveryState.Seen
        : DeliveredAt is not null ? DeliveryState.Delivered
        : SentAt is not null ? DeliveryState.Sent
        : DeliveryState.Queued;
}

/// <summary>Pushed to controllers whenever a recipient's delivery moves on.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryProgressChanged(
    [property: Id(0)] RecipientAddress Recipient,
    [property: Id(1)] DeliveryProgress Progress);
