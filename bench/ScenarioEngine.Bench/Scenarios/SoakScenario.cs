using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>Many connections held for minutes while an inject goes to all of them every 10 s: none may drop, memory per connection is reported.</summary>
public static class SoakScenario
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    public static async Task<SoakResult> RunAsync(ITarget target, BenchOptions options)
    {
        var connections = options.SoakConnections;
        var injects = Math.Max(1, (int)(options.SoakMinutes * 60 / Every.TotalSeconds));
        var tracker = new InjectTracker();
        var endpoints = await target.PrepareAsync(connections, options.Teams, injects + 2, ClientKind.RawSignalR);
        var pids = target.Servers.Select(s => s.ProcessId ?? 0).Where(p => p > 0).ToList();
        var rssBefore = pids.Sum(p => ProcessSample.Of(p).WorkingSetBytes);
        var heapBefore = await FanoutScenario.HeapAsync(target);

        await using var pool = await ClientPool.ConnectAsync(endpoints, ClientKind.RawSignalR, tracker.OnArrival);
        var connected = pool.OpenCount;
        Log.Line($"soak: {connected}/{connections} connected; holding {options.SoakMinutes} min");
        var errors = 0;
        await FanoutScenario.FireWindow(target, tracker, 1, 2, connections, options, () => Interlocked.Increment(ref errors));
        var rssAfter = pids.Sum(p => ProcessSample.Of(p).WorkingSetBytes);
        var heapAfter = await FanoutScenario.HeapAsync(target);

        var serverBefore = pids.Select(ProcessSample.Of).ToList();
        var clientBefore = ProcessSample.Self();
        var soak = options with { IntervalMs = (int)Every.TotalMilliseconds };
        var run = await FanoutScenario.FireWindow(target, tracker, 3, injects, connections, soak, () => Interlocked.Increment(ref errors));
        var result = new SoakResult
        {
            Target = target.Name,
            Connections = connections,
            Connected = connected,
            Minutes = options.SoakMinutes,
            Drops = connected - pool.OpenCount,
            InjectsFired = injects,
            Missing = run.Missing,
            Latency = run.Latency,
            GcHeapPerConnectionKiB = heapBefore is { } b && heapAfter is { } a ? Math.Round((a - b) / 1024 / connections, 1) : null,
            WorkingSetPerConnectionKiB = Math.Round((rssAfter - rssBefore) / 1024.0 / connections, 1),
            ServerCpuPercent = Math.Round(pids.Select((p, i) => ProcessSample.CpuPercent(serverBefore[i], ProcessSample.Of(p))).Sum(), 1),
            ClientCpuPercent = ProcessSample.CpuPercent(clientBefore, ProcessSample.Self()),
            LoadAverage = MachineInfo.LoadAverageNow(),
        };
        Log.Line($"soak: drops {result.Drops}, missing {result.Missing}, p99 {result.Latency.P99} ms, GC heap {result.GcHeapPerConnectionKiB} KiB/conn");
        return result;
    }
}
