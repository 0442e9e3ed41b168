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

    /// <summary>
    /// Appends <paramref name="items"/> in order in one round trip, the first appended one at
    /// <paramref name="firstSequence"/> and each next one right after it. An item whose unique key
    /// is already in the stream, or earlier in <paramref name="items"/>, writes nothing and takes no
    /// sequence, so the stream stays gapless. Throws <see cref="SequenceConflictException"/>, having
    /// written nothing, when <paramref name="firstSequence"/> is not past the stream's tail.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAllAsync(string stream, long firstSequence, IReadOnlyList<LogItem> items, CancellationToken cancellationToken = default);

    /// <summary>Records after <paramref name="afterSequence"/>, oldest first, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The tail's sequence, 0 for an empty stream: a reactivated grain rebuilds its cursor from it.</summary>
    Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken = default);
}

public readonly record struct AppendResult(long Sequence, bool Appended);

public readonly record struct LogItem(string? UniqueKey, string Payload);

public sealed record LogRecord(long Sequence, string Payload);

public sealed class SequenceConflictException(string stream, long sequence)
    : InvalidOperationException($"Sequence {sequence} is not past the tail of stream '{stream}'.")
{
    public string Stream { get; } = stream;
    public long Sequence { get; } = sequence;
}
