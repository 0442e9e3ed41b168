using BenchmarkDotNet.Attributes;
using ScenarioEngine.Grains.AppendLog;

namespace ScenarioEngine.Bench.Micro;

/// <summary>The embedded default's append-only log: an append, and a device's sync read near the tail of a long mailbox.</summary>
[MemoryDiagnoser]
public class AppendLogBenchmarks
{
    private const string Stream = "exercise|team|team-a|entries";
    private readonly string _payload = new('x', 1000);
    private InMemoryAppendOnlyLog _log = null!;
    private long _next;

    [Params(100, 10_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = new InMemoryAppendOnlyLog();
        for (var i = 1; i <= Entries; i++)
        {
            _log.AppendAsync(Stream, i, $"inject-{i}", _payload).GetAwaiter().GetResult();
        }

        _next = Entries + 1;
    }

    [Benchmark]
    public Task<AppendResult> Append() => _log.AppendAsync(Stream, _next++, uniqueKey: null, _payload);

    [Benchmark]
    public Task<IReadOnlyList<LogRecord>> ReadLast10() => _log.ReadAfterAsync(Stream, Entries - 10, 200);

    [Benchmark]
    public Task<long> LastSequence() => _log.GetLastSequenceAsync(Stream);
}
