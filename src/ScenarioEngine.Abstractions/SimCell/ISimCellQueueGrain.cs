using ScenarioEngine.Delivery;

namespace ScenarioEngine.SimCell;

/// <summary>A player's request as stored in the exercise's append-only request log.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredRequest
{
    /// <summary>Position in the exercise's request log, from 1.</summary>
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string RequestId { get; init; }
    [Id(2)] public required string TeamId { get; init; }
    [Id(3)] public required string PersonaId { get; init; }
    [Id(4)] public required string ThreadId { get; init; }
    [Id(5)] public required string Text { get; init; }
    [Id(6)] public List<string> AttachmentIds { get; init; } = [];
    [Id(7)] public required string DeviceId { get; init; }
    [Id(8)] public required string DeviceName { get; init; }
    [Id(9)] public required DateTimeOffset StoredAt { get; init; }
}

/// <summary>A request waiting for an answer, as the desk's queue shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record OpenRequest
{
    [Id(0)] public required StoredRequest Request { get; init; }

    /// <summary>The controller answering it; null while nobody has claimed it.</summary>
    [Id(1)] public string? ClaimedBy { get; init; }
    [Id(2)] public DateTimeOffset? ClaimedAt { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ClaimResult
{
    [Id(0)] public required bool Claimed { get; init; }

    /// <summary>Who holds the request now: the caller when <see cref="Claimed"/>, someone else otherwise, null when it is no longer open.</summary>
    [Id(1)] public string? ClaimedBy { get; init; }
}

/// <summary>
/// The SimCell's queue of an exercise (keyed by exercise id): takes players' requests (each
/// client-made id stored once), and decides who answers each. Requests live in an append-only
/// log; the state holds only the open ones.
/// </summary>
public interface ISimCellQueueGrain : IGrainWithStringKey
{
    Task<RequestReceipt> Request(string teamId, PersonaRequest request, DeviceIdentity device);

    Task<IReadOnlyList<OpenRequest>> GetOpen();

    /// <summary>Claims an open request for <paramref name="controller"/>; the same controller claiming again keeps it.</summary>
    Task<ClaimResult> Claim(long sequence, string controller);

    Task Unclaim(long sequence, string controller);

    /// <summary>Closes a request once its reply is in the team's mailbox.</summary>
    Task Answered(long sequence);

    Task<IReadOnlyList<StoredRequest>> GetRequests(long afterSequence, int maxCount);
}
