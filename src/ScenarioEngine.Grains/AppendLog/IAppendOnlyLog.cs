namespace ScenarioEngine.Grains.AppendLog;

/// <summary>
/// Append-only streams for what grows all exercise long (mailbox entries, responses, the event
/// log), so grain state stays small. Redis Streams in production, memory in the embedded default.
/// </summary>
public interface IAppendOnlyLog
{
    /// <summary>
    /// Appends <paramref name="payload"/> at <paramref name="sequence"/>. When <paramref name="uniqueKey"/>
    /// is already in the stream nothing is written and the earlier record's sequence comes back
    /// with <see cref="AppendResult.Appended"/> false. Throws <see cref="SequenceConflictException"/>
    /// when the sequence is not past the stream's tail.
    /// </summary>
    Task<AppendResult> AppendAsync(string stream, long sequence, string? uniqueKey, string payload, CancellationToken cancellationToken = default);

    /// <summary>Records after <paramref name="afterSequence"/>, oldest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The tail's sequence, 0 for an empty stream: a reactivated grain rebuilds its cursor from it.</summary>
    Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken = default);
}

public readonly record struct AppendResult(long Sequence, bool Appended);

public sealed record LogRecord(long Sequence, string Payload);

public sealed class SequenceConflictException(string stream, long sequence)
    : InvalidOperationException($"Sequence {sequence} is not past the tail of stream '{stream}'.")
{
    public string Stream { get; } = stream;
    public long Sequence { get; } = sequence;
}
