namespace ScenarioEngine.Grains.AppendLog;

/// <summary>The embedded default's log: lost when the process ends, which the host says loudly at start.</summary>
public sealed class InMemoryAppendOnlyLog : IAppendOnlyLog
{
    // One lock per stream, not one for the log: every team mailbox appends and reads its own streams,
    // and a single lock had them all spinning on each other (a B3 profile at 2,000 responses/s spent
    // 7 % of its CPU in that lock's slow path).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StreamData> _streams = new(StringComparer.Ordinal);

    public Task<AppendResult> AppendAsync(string stream, long sequence, string? uniqueKey, string payload, CancellationToken cancellationToken = default)
    {
        var data = _streams.GetOrAdd(stream, _ => new StreamData());
        lock (data)
        {
            if (uniqueKey is not null && data.UniqueKeys.TryGetValue(uniqueKey, out var existing))
            {
                return Task.FromResult(new AppendResult(existing, Appended: false));
            }

            if (sequence <= data.LastSequence)
            {
                throw new SequenceConflictException(stream, sequence);
            }

            data.Records.Add(new LogRecord(sequence, payload));
            if (uniqueKey is not null)
            {
                data.UniqueKeys[uniqueKey] = sequence;
            }

            return Task.FromResult(new AppendResult(sequence, Appended: true));
        }
    }

    public Task<IReadOnlyList<AppendResult>> AppendAllAsync(string stream, long firstSequence, IReadOnlyList<LogItem> items, CancellationToken cancellationToken = default)
    {
        var data = _streams.GetOrAdd(stream, _ => new StreamData());
        lock (data)
        {
            var sequence = firstSequence;
            var results = new AppendResult[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var (uniqueKey, payload) = items[i];
                if (uniqueKey is not null && data.UniqueKeys.TryGetValue(uniqueKey, out var existing))
                {
                    results[i] = new AppendResult(existing, Appended: false);
                    continue;
                }

                // Only the first write can meet a moved tail: every later one follows this call's own.
                if (sequence <= data.LastSequence)
                {
                    throw new SequenceConflictException(stream, sequence);
                }

                data.Records.Add(new LogRecord(sequence, payload));
                if (uniqueKey is not null)
                {
                    data.UniqueKeys[uniqueKey] = sequence;
                }

                results[i] = new AppendResult(sequence++, Appended: true);
            }

            return Task.FromResult<IReadOnlyList<AppendResult>>(results);
        }
    }

    public Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        if (!_streams.TryGetValue(stream, out var data))
        {
            return Task.FromResult<IReadOnlyList<LogRecord>>([]);
        }

        lock (data)
        {
            var start = data.FirstAfter(afterSequence);
            IReadOnlyList<LogRecord> page = start >= data.Records.Count
                ? []
                : data.Records.GetRange(start, Math.Min(maxCount, data.Records.Count - start));
            return Task.FromResult(page);
        }
    }

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken = default)
    {
        if (!_streams.TryGetValue(stream, out var data))
        {
            return Task.FromResult(0L);
        }

        lock (data)
        {
            return Task.FromResult(data.LastSequence);
        }
    }

    private sealed class StreamData
    {
        public List<LogRecord> Records { get; } = [];
        public Dictionary<string, long> UniqueKeys { get; } = new(StringComparer.Ordinal);
        public long LastSequence => Records.Count == 0 ? 0 : Records[^1].Sequence;

        /// <summary>
        /// Index of the first record past <paramref name="sequence"/>. Records are in sequence order, so a
        /// binary search: a linear scan made a sync near the tail of a 10,000-entry mailbox cost ~20 µs
        /// under the log's lock (bench/ScenarioEngine.Bench.Micro, AppendLogBenchmarks).
        /// </summary>
        public int FirstAfter(long sequence)
        {
            int low = 0, high = Records.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (Records[middle].Sequence <= sequence)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
