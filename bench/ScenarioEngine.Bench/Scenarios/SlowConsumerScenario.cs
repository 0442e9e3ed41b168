using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// 1% of the clients stop reading (and sending, like a phone whose network froze) with small
/// receive buffers; injects keep flowing for 40 s, past SignalR's 30 s client timeout. The others'
/// p99 must move less than 2×, and the server's memory must stay bounded.
/// </summary>
public static class SlowConsumerScenario
{
    public static async Task<SlowConsumerResult> RunAsync(ITarget target, BenchOptions options)
    {
        var clients = options.SlowClients;
        var stalled = Math.Max(1, clients / 100);
        var during = options.Smoke ? 10 : 200;
        var tracker = new InjectTracker();
        var endpoints = await target.PrepareAsync(clients, options.Teams, options.Warmup + options.Injects + during, ClientKind.RawSignalR);
        await using var pool = await ClientPool.ConnectAsync(endpoints, ClientKind.RawSignalR, tracker.OnArrival, stalled: stalled);
        bool Healthy(int client) => client < clients - stalled;
        var errors = 0;
        void OnError() => Interlocked.Increment(ref errors);

        await FanoutScenario.FireWindow(target, tracker, 1, options.Warmup, clients, options, OnError);
        var before = await FanoutScenario.FireWindow(target, tracker, 1 + options.Warmup, options.Injects, clients, options, OnError, Healthy);
        var pids = target.Servers.Select(s => s.ProcessId ?? 0).Where(p => p > 0).ToList();
        var rssBefore = pids.Sum(p => ProcessSample.Of(p).WorkingSetBytes);
        var heapBefore = await FanoutScenario.HeapAsync(target);

        var connectedBefore = await ConnectedAsync(target);
        foreach (var client in pool.Clients.Where(c => !Healthy(c.Index)))
        {
            client.Stall();
        }

        var slow = options with { IntervalMs = 200 };
        var duringRun = await FanoutScenario.FireWindow(target, tracker, 1 + options.Warmup + options.Injects, during, clients, slow, OnError, Healthy);
        var rssAfter = pids.Sum(p => ProcessSample.Of(p).WorkingSetBytes);
        var heapAfter = await FanoutScenario.HeapAsync(target);
        var result = new SlowConsumerResult
        {
            Target = target.Name,
            Clients = clients,
            Stalled = stalled,
            Before = before.Latency,
            During = duringRun.Latency,
            P99Ratio = Math.Round(duringRun.Latency.P99 / before.Latency.P99, 2),
            MissingAtHealthy = duringRun.Missing,
            WorkingSetBeforeMiB = Math.Round(rssBefore / 1048576.0, 1),
            WorkingSetAfterMiB = Math.Round(rssAfter / 1048576.0, 1),
            GcHeapBeforeMiB = heapBefore is { } hb ? Math.Round(hb / 1048576.0, 1) : null,
            GcHeapAfterMiB = heapAfter is { } ha ? Math.Round(ha / 1048576.0, 1) : null,
            // As the server sees it: a stalled client never reads the close frame, so its own socket still says open.
            ServerClosedStalled = connectedBefore is { } b && await ConnectedAsync(target) is { } a ? (int)(b - a) : null,
            LoadAverage = MachineInfo.LoadAverageNow(),
        };
        Log.Line($"slow consumer: healthy p99 {result.Before.P99} -> {result.During.P99} ms (x{result.P99Ratio}); RSS {result.WorkingSetBeforeMiB} -> {result.WorkingSetAfterMiB} MiB; server closed {result.ServerClosedStalled} stalled connections");
        return result;
    }

    private static async Task<double?> ConnectedAsync(ITarget target)
    {
        double? sum = null;
        foreach (var node in target.WebNodes)
        {
            if (await Prometheus.SumAsync(node, "scenarioengine_devices_connected") is { } connected)
            {
                sum = (sum ?? 0) + connected;
            }
        }

        return sum;
    }
}
