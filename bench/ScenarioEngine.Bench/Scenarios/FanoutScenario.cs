using System.Diagnostics;
using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// N clients in T teams; injects fired open-loop every interval to every team; latency from each
/// inject's scheduled time to its arrival at each client. Warm-up first, then the measured runs.
/// </summary>
public static class FanoutScenario
{
    public static async Task<FanoutResult> RunAsync(ITarget target, int clients, ClientKind kind, string protocol, BenchOptions options)
    {
        var tracker = new InjectTracker();
        tracker.Begin(1, 0, clients);
        var endpoints = await target.PrepareAsync(clients, options.Teams, options.Warmup + (options.Runs * options.Injects), kind);
        if (options.Pin is { } pin)
        {
            await Pinning.ApplyAsync(target, pin);
        }

        var pids = target.Servers.Select(s => s.ProcessId ?? 0).Where(p => p > 0).ToList();
        var workingSetBefore = pids.Sum(p => ProcessSample.Of(p).WorkingSetBytes);
        var heapBefore = await HeapAsync(target, !options.Smoke);
        var dumpBefore = options.GcDump ? await DumpAsync(target, options, $"{target.Name}-{protocol}-{clients}-before") : null;

        var connecting = Stopwatch.StartNew();
        await using var pool = await ClientPool.ConnectAsync(endpoints, kind, tracker.OnArrival);
        var connectSeconds = Math.Round(connecting.Elapsed.TotalSeconds, 1);
        var connected = pool.OpenCount;
        Log.Line($"{target.Name} {protocol} N={clients}: {connected}/{clients} connected in {connectSeconds} s");

        var fireErrors = 0;
        var next = 1;
        if (options.Warmup > 0)
        {
            await FireWindow(target, tracker, next, options.Warmup, clients, options, () => Interlocked.Increment(ref fireErrors));
            next += options.Warmup;
        }

        // Memory once everyone is connected and warm, and the servers have handled the devices' confirmations
        // of the warm-up (sent 200–1000 ms after each push): a confirmation still queued is not what a connection keeps.
        if (options.Warmup > 0)
        {
            await ServersQuietAsync(pids);
        }

        var workingSetAfter = pids.Sum(p => ProcessSample.Of(p).WorkingSetBytes);
        var heapAfter = await HeapAsync(target, !options.Smoke);
        var dumpAfter = options.GcDump ? await DumpAsync(target, options, $"{target.Name}-{protocol}-{clients}-after") : null;

        var runs = new List<FanoutRun>();
        var serverBefore = pids.Select(ProcessSample.Of).ToList();
        var clientBefore = ProcessSample.Self();
        for (var run = 0; run < options.Runs; run++)
        {
            runs.Add(await FireWindow(target, tracker, next, options.Injects, clients, options, () => Interlocked.Increment(ref fireErrors)));
            next += options.Injects;
            Log.Line($"  run {run + 1}: p50 {runs[^1].Latency.P50} ms, p99 {runs[^1].Latency.P99} ms, max {runs[^1].Latency.Max} ms, last client p99 {runs[^1].LastClient.P99} ms, missing {runs[^1].Missing}");
        }

        var clientAfter = ProcessSample.Self();
        var serverCpuEach = pids.Select((p, i) => Math.Round(ProcessSample.CpuPercent(serverBefore[i], ProcessSample.Of(p)), 1)).ToList();
        var serverCpu = serverCpuEach.Sum();
        var openAtEnd = pool.OpenCount;
        return new FanoutResult
        {
            Target = target.Name,
            Protocol = protocol,
            Clients = kind.ToString(),
            Connections = clients,
            Teams = options.Teams,
            ConnectSeconds = connectSeconds,
            Connected = connected,
            OpenAtEnd = openAtEnd,
            FireErrors = fireErrors,
            Runs = runs,
            Median = MedianOf(runs.Select(r => r.Latency).ToList()),
            MedianLastClient = MedianOf(runs.Select(r => r.LastClient).ToList()),
            Missing = runs.Sum(r => r.Missing),
            ServerCpuPercent = Math.Round(serverCpu, 1),
            ServerCpuPercentEach = serverCpuEach,
            Pinned = options.Pin,
            ClientCpuPercent = ProcessSample.CpuPercent(clientBefore, clientAfter),
            WorkingSetPerConnectionKiB = Math.Round((workingSetAfter - workingSetBefore) / 1024.0 / clients, 1),
            GcHeapPerConnectionKiB = heapBefore is { } b && heapAfter is { } a ? Math.Round((a - b) / 1024.0 / clients, 1) : null,
            LoadAverage = MachineInfo.LoadAverageNow(),
            Dumps = dumpBefore is { } allBefore && dumpAfter is { } allAfter ? (allBefore.All, allAfter.All) : null,
            WebNodeDumps = dumpBefore is { WebNodes: { } webBefore } && dumpAfter is { WebNodes: { } webAfter } ? (webBefore, webAfter) : null,
        };
    }

    /// <summary>Waits until the servers together use under 15 % of a core for two half-seconds running, for at most 30 s.</summary>
    private static async Task ServersQuietAsync(IReadOnlyList<int> pids)
    {
        const double QuietPercent = 15;
        var waited = Stopwatch.StartNew();
        var quietSamples = 0;
        var cpu = 0.0;
        while (quietSamples < 2 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            var before = pids.Select(ProcessSample.Of).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            cpu = pids.Select((p, i) => ProcessSample.CpuPercent(before[i], ProcessSample.Of(p))).Sum();
            quietSamples = cpu < QuietPercent ? quietSamples + 1 : 0;
        }

        Log.Line($"  servers {(quietSamples >= 2 ? "quiet" : "still busy")} after {waited.Elapsed.TotalSeconds:0.0} s ({cpu:0} % of a core)");
    }

    /// <summary>
    /// One dump per server process of the target, merged type by type (B5 has four), and the web nodes'
    /// alone where the silos are processes of their own: what the sockets cost apart from the devices'
    /// grain state, which the embedded targets keep in the same heap.
    /// </summary>
    private static async Task<(GcDump.Heap All, GcDump.Heap? WebNodes)?> DumpAsync(ITarget target, BenchOptions options, string name)
    {
        var all = new Dictionary<string, (long Bytes, long Count)>(StringComparer.Ordinal);
        var webNodes = new Dictionary<string, (long Bytes, long Count)>(StringComparer.Ordinal);
        var silos = target is EngineTarget engine ? engine.Silos : [];
        var index = 0;
        foreach (var server in target.Servers.Where(s => s.ProcessId is not null))
        {
            var heap = await GcDump.CollectAsync(server.ProcessId!.Value, Path.Combine(options.Out, "gcdump"), $"{name}-{index++}");
            if (heap is null)
            {
                return null;
            }

            Add(all, heap);
            if (!silos.Contains(server))
            {
                Add(webNodes, heap);
            }
        }

        return (new GcDump.Heap(all), silos.Count > 0 ? new GcDump.Heap(webNodes) : null);

        static void Add(Dictionary<string, (long Bytes, long Count)> merged, GcDump.Heap heap)
        {
            foreach (var (type, (bytes, count)) in heap.Types)
            {
                var (b, c) = merged.GetValueOrDefault(type);
                merged[type] = (b + bytes, c + count);
            }
        }
    }

    /// <summary>Fires <paramref name="count"/> injects from <paramref name="first"/> open-loop, waits for them everywhere (bounded), and summarises.</summary>
    public static async Task<FanoutRun> FireWindow(ITarget target, InjectTracker tracker, int first, int count, int clients, BenchOptions options, Action onError, Func<int, bool>? counted = null)
    {
        tracker.Begin(first, count, clients);
        var fires = new List<Task>();
        var interval = TimeSpan.FromMilliseconds(options.IntervalMs);
        await OpenLoop.RunAsync(count, interval, Stopwatch.GetTimestamp() + OpenLoop.Ticks(TimeSpan.FromMilliseconds(100)), (i, at) =>
        {
            tracker.Schedule(first + i, at);
            fires.Add(target.FireAsync(first + i).ContinueWith(t => { if (t.IsFaulted) { onError(); } }, TaskScheduler.Default));
        });

        counted ??= _ => true;
        var expected = count * Enumerable.Range(0, clients).Count(counted);
        await tracker.WaitAllAsync(expected, TimeSpan.FromSeconds(15) + (interval * count));
        await Task.WhenAll(fires).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return tracker.Summarize(counted);
    }

    public static LatencySummary MedianOf(IReadOnlyList<LatencySummary> runs)
    {
        double Median(Func<LatencySummary, double> field)
        {
            var values = runs.Select(field).Where(v => !double.IsNaN(v)).Order().ToList();
            return values.Count == 0 ? double.NaN : values[values.Count / 2];
        }

        return new(Median(r => r.P50), Median(r => r.P95), Median(r => r.P99), Median(r => r.Max), Median(r => r.Mean), runs.Sum(r => r.Count));
    }

    /// <summary>Managed heap of all the target's processes after a full GC (or, for the smoke run, after whatever GC ran last).</summary>
    public static async Task<double?> HeapAsync(ITarget target, bool induceGc = true)
    {
        double? sum = null;
        foreach (var server in target.Servers.Where(s => s.ProcessId is not null))
        {
            var heap = induceGc
                ? await GcProbe.HeapAfterFullGcAsync(server.ProcessId!.Value, server.BaseAddress)
                : await Prometheus.GcHeapAsync(server.BaseAddress);
            if (heap is not null)
            {
                sum = (sum ?? 0) + heap;
            }
        }

        return sum;
    }
}
