using StackExchange.Redis;

namespace ScenarioEngine.Grains.AppendLog;

/// <summary>
/// One Redis Stream per log, entry ids "{sequence}-0", so Redis itself refuses an append that is
/// not past the tail. A hash beside each stream maps unique keys (inject numbers, response ids) to
/// sequences; one Lua script checks and writes both, so a retried append is stored once.
/// </summary>
public sealed class RedisAppendOnlyLog(IConnectionMultiplexer redis, string keyPrefix) : IAppendOnlyLog
{
    private const string PayloadField = "p";

    // Returns {1, seq} when appended, {0, seq} when the unique key was there, {-1, 0} on a sequence conflict.
    private static readonly LuaScript AppendScript = LuaScript.Prepare(
        """
        if @uniqueKey ~= '' then
          local existing = redis.call('HGET', @index, @uniqueKey)
          if existing then return {0, tonumber(existing)} end
        end
        local added = redis.pcall('XADD', @stream, @sequence .. '-0', 'p', @payload)
        if type(added) == 'table' and added.err then return {-1, 0} end
        if @uniqueKey ~= '' then redis.call('HSET', @index, @uniqueKey, @sequence) end
        return {1, tonumber(@sequence)}
        """);

    public async Task<AppendResult> AppendAsync(string stream, long sequence, string? uniqueKey, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var result = (RedisResult[])(await Database.ScriptEvaluateAsync(AppendScript, new
        {
            stream = StreamKey(stream),
            index = IndexKey(stream),
            sequence = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            uniqueKey = uniqueKey ?? string.Empty,
            payload,
        }))!;

        return (int)result[0] switch
        {
            1 => new AppendResult(sequence, Appended: true),
            0 => new AppendResult((long)result[1], Appended: false),
            _ => throw new SequenceConflictException(stream, sequence),
        };
    }

    // KEYS: stream, index. ARGV: first sequence, then (unique key or '', payload) per item.
    // Returns a flat {appended, sequence} pair per item, or {-1} on a sequence conflict. Only the
    // first XADD can meet a moved tail (each later one follows this script's own), so a conflict
    // is always met before anything was written.
    private const string AppendAllScript =
        """
        local sequence = tonumber(ARGV[1])
        local results = {}
        for i = 2, #ARGV, 2 do
          local key = ARGV[i]
          local existing = false
          if key ~= '' then existing = redis.call('HGET', KEYS[2], key) end
          if existing then
            results[#results + 1] = 0
            results[#results + 1] = tonumber(existing)
          else
            local added = redis.pcall('XADD', KEYS[1], string.format('%d-0', sequence), 'p', ARGV[i + 1])
            if type(added) == 'table' and added.err then return {-1} end
            if key ~= '' then redis.call('HSET', KEYS[2], key, sequence) end
            results[#results + 1] = 1
            results[#results + 1] = sequence
            sequence = sequence + 1
          end
        end
        return results
        """;

    public async Task<IReadOnlyList<AppendResult>> AppendAllAsync(string stream, long firstSequence, IReadOnlyList<LogItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSequence, 1);
        if (items.Count == 0)
        {
            return [];
        }

        var arguments = new RedisValue[1 + (items.Count * 2)];
        arguments[0] = firstSequence;
        for (var i = 0; i < items.Count; i++)
        {
            arguments[1 + (i * 2)] = items[i].UniqueKey ?? string.Empty;
            arguments[2 + (i * 2)] = items[i].Payload;
        }

        var result = (RedisResult[])(await Database.ScriptEvaluateAsync(AppendAllScript, [StreamKey(stream), IndexKey(stream)], arguments))!;
        if (result.Length == 1 && (long)result[0] == -1)
        {
            throw new SequenceConflictException(stream, firstSequence);
        }

        var results = new AppendResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = new AppendResult((long)result[(i * 2) + 1], Appended: (long)result[i * 2] == 1);
        }

        return results;
    }

    public async Task<IReadOnlyList<LogRecord>> ReadAfterAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        var entries = await Database.StreamRangeAsync(StreamKey(stream), minId: $"{afterSequence + 1}-0", maxId: "+", count: maxCount);
        return entries.Select(e => new LogRecord(SequenceOf(e.Id), e[PayloadField].ToString())).ToList();
    }

    public async Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken = default)
    {
        var last = await Database.StreamRangeAsync(StreamKey(stream), minId: "-", maxId: "+", count: 1, messageOrder: Order.Descending);
        return last.Length == 0 ? 0 : SequenceOf(last[0].Id);
    }

    private IDatabase Database => redis.GetDatabase();

    // The hash tag keeps a stream and its index in one slot, as Lua on Redis Cluster requires.
    private RedisKey StreamKey(string stream) => $"{keyPrefix}:{{{stream}}}:log";

    private RedisKey IndexKey(string stream) => $"{keyPrefix}:{{{stream}}}:keys";

    private static long SequenceOf(RedisValue id)
    {
        var text = id.ToString();
        return long.Parse(text.AsSpan(0, text.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
    }
}
