using ScenarioEngine.Delivery;

namespace ScenarioEngine.Media;

/// <summary>A team's public statement as the phone sends it. <see cref="StatementId"/> is made by the phone and makes retries safe.</summary>
[GenerateSerializer, Immutable]
public sealed record StatementSubmission
{
    [Id(0)] public required string StatementId { get; init; }
    [Id(1)] public required string Text { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record StatementReceipt
{
    [Id(0)] public required string StatementId { get; init; }
    [Id(1)] public required DateTimeOffset StoredAt { get; init; }

    /// <summary>True when this id had been stored before: the retry changed nothing.</summary>
    [Id(2)] public required bool Duplicate { get; init; }
}

/// <summary>A statement as stored in the exercise's append-only statement log, before any decision.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredStatement
{
    /// <summary>Position in the exercise's statement log, from 1; the statement's number is "S{Sequence}".</summary>
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string StatementId { get; init; }
    [Id(2)] public required string TeamId { get; init; }
    [Id(3)] public required string Text { get; init; }
    [Id(4)] public required string DeviceId { get; init; }
    [Id(5)] public required string DeviceName { get; init; }
    [Id(6)] public required DateTimeOffset SubmittedAt { get; init; }

    public string Number => $"S{Sequence}";
}

/// <summary>A controller's decision on a statement, as stored in the exercise's append-only decision log.</summary>
[GenerateSerializer, Immutable]
public sealed record StatementDecision
{
    [Id(0)] public required StoredStatement Statement { get; init; }
    [Id(1)] public required bool Approved { get; init; }

    /// <summary>On a rejection: why, as the team is told.</summary>
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public required string Controller { get; init; }
    [Id(4)] public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>The teams whose mailboxes got the outcome (every team on approval, the author team on rejection), with each entry's sequence.</summary>
    [Id(5)] public required Dictionary<string, long> MailboxSequences { get; init; }
}

/// <summary>
/// Teams' statements to the press (keyed by exercise id). A statement under review reaches no
/// device: it lives in the statement log and the grain's pending list, which only controllers read.
/// Approval publishes it as an article to every team; rejection tells its team why.
/// </summary>
public interface IStatementsGrain : IGrainWithStringKey
{
    Task<StatementReceipt> Submit(string teamId, StatementSubmission submission, DeviceIdentity device);

    Task<IReadOnlyList<StoredStatement>> GetPending();

    Task<StatementDecision> Approve(long sequence, string controller);

    Task<StatementDecision> Reject(long sequence, string controller, string reason);

    Task<IReadOnlyList<StoredStatement>> GetStatements(long afterSequence, int maxCount);

    Task<IReadOnlyList<StatementDecision>> GetDecisions(long afterSequence, int maxCount);
}
