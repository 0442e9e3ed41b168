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
