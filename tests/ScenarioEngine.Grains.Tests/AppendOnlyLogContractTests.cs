using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Testing;
using StackExchange.Redis;

namespace ScenarioEngine.Grains.Tests;

/// <summary>What every <see cref="IAppendOnlyLog"/> promises; run against memory and a real redis-server.</summary>
public abstract class AppendOnlyLogContractTests
{
    protected abstract IAppendOnlyLog Log { get; }

    private static string NewStream() => $"test|team|{Guid.NewGuid():N}|entries";

    [Fact]
    public async Task Records_read_back_in_order_after_a_sequence_and_page_by_page()
    {
        var stream = NewStream();
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await Log.AppendAsync(stream, sequence, uniqueKey: null, $"payload {sequence}");
        }

        var page = await Log.ReadAfterAsync(stream, afterSequence: 1, maxCount: 3);

        Assert.Equal([2L, 3L, 4L], page.Select(r => r.Sequence));
        Assert.Equal("payload 2", page[0].Payload);
        Assert.Equal(5, await Log.GetLastSequenceAsync(stream));
        Assert.Empty(await Log.ReadAfterAsync(stream, afterSequence: 5, maxCount: 10));
    }

    [Fact]
    public async Task Appending_a_unique_key_again_returns_the_first_sequence_and_writes_nothing()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, 1, "response-1", "first");

        var retry = await Log.AppendAsync(stream, 2, "response-1", "second");

        Assert.Equal(new AppendResult(1, Appended: false), retry);
        Assert.Equal("first", Assert.Single(await Log.ReadAfterAsync(stream, 0, 10)).Payload);
        Assert.Equal(1, await Log.GetLastSequenceAsync(stream));
    }

    [Fact]
    public async Task Appending_at_or_before_the_tail_is_a_conflict_and_changes_nothing()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, 1, "a", "first");
        await Log.AppendAsync(stream, 2, null, "second");

        await Assert.ThrowsAsync<SequenceConflictException>(() => Log.AppendAsync(stream, 2, "b", "stale writer"));

        Assert.Equal(["first", "second"], (await Log.ReadAfterAsync(stream, 0, 10)).Select(r => r.Payload));
        Assert.Equal(3, (await Log.AppendAsync(stream, 3, "b", "third")).Sequence);
    }

    [Fact]
    public async Task Appending_several_at_once_gives_consecutive_sequences_and_a_known_key_takes_no_place()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, 1, "r1", "first");

        var results = await Log.AppendAllAsync(stream, 2, [new("r2", "second"), new("r1", "first again"), new(null, "third"), new("r2", "second again"), new("r4", "fourth")]);

        Assert.Equal(
            [new AppendResult(2, true), new AppendResult(1, false), new AppendResult(3, true), new AppendResult(2, false), new AppendResult(4, true)],
            results);
        Assert.Equal(["first", "second", "third", "fourth"], (await Log.ReadAfterAsync(stream, 0, 10)).Select(r => r.Payload));
        Assert.Equal([1L, 2L, 3L, 4L], (await Log.ReadAfterAsync(stream, 0, 10)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Appending_several_behind_the_tail_is_a_conflict_that_writes_none_of_them()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, 1, "a", "first");
        await Log.AppendAsync(stream, 2, "b", "second");

        // The known key comes first and writes nothing; the conflict is met at the first real write.
        await Assert.ThrowsAsync<SequenceConflictException>(() => Log.AppendAllAsync(stream, 2, [new("a", "again"), new("c", "stale"), new("d", "stale too")]));

        Assert.Equal(["first", "second"], (await Log.ReadAfterAsync(stream, 0, 10)).Select(r => r.Payload));
        Assert.Equal([new AppendResult(3, true), new AppendResult(4, true)], await Log.AppendAllAsync(stream, 3, [new("c", "third"), new("d", "fourth")]));
    }

    [Fact]
    public async Task Empty_stream_has_tail_zero()
    {
        Assert.Equal(0, await Log.GetLastSequenceAsync(NewStream()));
        Assert.Empty(await Log.ReadAfterAsync(NewStream(), 0, 10));
    }
}

public sealed class InMemoryAppendOnlyLogTests : AppendOnlyLogContractTests
{
    protected override IAppendOnlyLog Log { get; } = new InMemoryAppendOnlyLog();
}

public sealed class RedisAppendOnlyLogTests(RedisFixture redis) : AppendOnlyLogContractTests, IClassFixture<RedisFixture>
{
    protected override IAppendOnlyLog Log { get; } = new RedisAppendOnlyLog(redis.Connection, $"se:test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Records_survive_a_redis_restart_with_aof()
    {
        var stream = $"restart|team|{Guid.NewGuid():N}|entries";
        await Log.AppendAsync(stream, 1, "inject-1", "kept");

        await redis.Server.RestartAsync();

        await WaitForReconnect();
        Assert.Equal("kept", Assert.Single(await Log.ReadAfterAsync(stream, 0, 10)).Payload);
        Assert.False((await Log.AppendAsync(stream, 2, "inject-1", "again")).Appended);
    }

    private async Task WaitForReconnect()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                await redis.Connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }
}

public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync($"{Server.ConnectionString},abortConnect=false");
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
