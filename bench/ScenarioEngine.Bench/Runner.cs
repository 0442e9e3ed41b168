using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Scenarios;
using ScenarioEngine.Bench.Targets;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench;

/// <summary>Starts the targets a scenario needs (once each), runs the scenario, stops everything.</summary>
public sealed class Runner(BenchOptions options, BenchReport report) : IAsyncDisposable
{
    private readonly Dictionary<string, ITarget> _targets = [];
    private ProcessHost? _baseline;

    public async Task RunAsync()
    {
        var scenario = options.Scenario;
        var standard = scenario == "standard";
        if (standard || scenario == "redis-floor")
        {
            report.RedisFloor.AddRange(await RedisFloor.MeasureAsync(options.Smoke));
        }

        if (standard || scenario == "fanout")
        {
            await FanoutAsync();
        }

        if (standard || scenario == "responses")
        {
            // B4A (appendfsync always) only when named: `--targets B4,B4A` measures what durability costs.
            foreach (var name in EngineTargets(["B3", "B4", "B4A"]))
            {
                foreach (var rate in options.ResponsesRates)
                {
                    report.Responses.Add(await ResponsesScenario.RunAsync((EngineTarget)await TargetAsync(name), rate, options));
                }
            }
        }

        if (standard || scenario == "resync")
        {
            foreach (var name in EngineTargets(["B3", "B4"]))
            {
                report.Resync.Add(await ResyncScenario.RunAsync((EngineTarget)await TargetAsync(name), options));
            }
        }

        if (standard || scenario == "activations")
        {
            foreach (var name in EngineTargets(["B3", "B4"]))
            {
                report.Activations.Add(await ActivationsScenario.RunAsync((EngineTarget)await TargetAsync(name), options.Smoke ? 50 : 1000));
            }
        }

        switch (scenario)
        {
            case "slow-consumer":
                report.SlowConsumer.Add(await SlowConsumerScenario.RunAsync(await TargetAsync("B3"), options));
                break;
            case "flood":
                report.Flood.Add(await FloodScenario.RunAsync(await TargetAsync("B3"), options));
                break;
            case "soak":
                report.Soak.Add(await SoakScenario.RunAsync(await TargetAsync("B3"), options));
                break;
            case "silo-kill":
                report.SiloKill.AddRange(await SiloKillScenario.RunAsync(options));
                break;
            case "cold-start":
                report.ColdStart.AddRange(await ColdStartScenario.RunAsync(options));
                break;
            case "event-queries":
                // B4: the event log is a Redis stream there, as in a deployed drill.
                report.EventQueries.AddRange(await EventQueriesScenario.RunAsync((EngineTarget)await TargetAsync("B4"), options));
                break;
            case "control-room":
                // B3 with K Chromium pages on the control room (issue 16 §1); K = 0 in the same run is the baseline.
                report.ControlRoom.AddRange(await ControlRoomScenario.RunAsync((EngineTarget)await TargetAsync("B3"), options));
                break;
            case "aar":
                // Only when named: even at the smoke size its warm-up (JIT, fonts, ScottPlot, the Open XML SDK) took 25 s at load 40.
                report.Aar.Add(AarScenario.Run(options));
                break;
        }
    }

    private async Task FanoutAsync()
    {
        foreach (var size in options.Sizes)
        {
            foreach (var name in options.Targets)
            {
                var target = await TargetAsync(name);
                foreach (var protocol in options.Protocols)
                {
                    var kind = (name, protocol, size > options.HubClientLimit) switch
                    {
                        ("B0", "json", _) => ClientKind.RawPlain,
                        ("B0", _, _) => (ClientKind?)null,
                        (_, "json", true) => ClientKind.RawSignalR,
                        (_, "json", false) => ClientKind.HubJson,
                        // MessagePack shows the protocol's share; measured on the floor and on the full path only, to keep the run short.
                        ("B1" or "B3", "msgpack", false) => ClientKind.HubMessagePack,
                        _ => null,
                    };
                    if (kind is null)
                    {
                        continue;
                    }

                    try
                    {
                        report.Fanout.Add(await FanoutScenario.RunAsync(target, size, kind.Value, protocol, options));
                    }
                    catch (Exception e)
                    {
                        Log.Line($"{name} {protocol} N={size} failed: {e.GetType().Name}: {e.Message}");
                        report.Notes.Add($"{name} {protocol} N={size} did not complete: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        }

        foreach (var row in report.Fanout)
        {
            var b1 = report.Fanout.FirstOrDefault(f => f.Target == "B1" && f.Connections == row.Connections && f.Protocol == row.Protocol)
                ?? report.Fanout.FirstOrDefault(f => f.Target == "B1" && f.Connections == row.Connections && f.Protocol == "json");
            row.P99RatioToB1 = b1 is null ? null : Math.Round(row.Median.P99 / b1.Median.P99, 2);
            if (row.Target != "B1" && row.Dumps is { } dumps && b1?.Dumps is { } baseline)
            {
                report.HeapByType.Add($"#### Live bytes per connection by type, {row.Target} {row.Protocol} against B1, N = {row.Connections} (ClrMD over a heap dump, objects reachable from the GC roots, after − before connecting)\n\n"
                    + GcDump.Compare("B1", baseline, row.Target, dumps, row.Connections));
            }

            if (row.Target != "B1" && row.WebNodeDumps is { } webDumps && b1?.Dumps is { } bare)
            {
                report.HeapByType.Add($"#### Live bytes per connection by type, {row.Target} {row.Protocol} web nodes only (the silos' device state left out) against B1, N = {row.Connections}\n\n"
                    + GcDump.Compare("B1", bare, $"{row.Target} web", webDumps, row.Connections));
            }
        }
    }

    private IEnumerable<string> EngineTargets(string[] defaults) =>
        defaults.Where(t => options.Targets.Contains(t) || options.Smoke);

    public async Task<ITarget> TargetAsync(string name)
    {
        if (_targets.TryGetValue(name, out var existing))
        {
            return existing;
        }

        Log.Line($"starting {name}");
        ITarget target = name switch
        {
            "B0" or "B1" => new BaselineTarget(name, _baseline ??= await BaselineTarget.StartServerAsync(), rawWebSocket: name == "B0"),
            "B3" => await EngineTarget.StartAsync(name, Topology.Embedded),
            "B4" => await EngineTarget.StartAsync(name, Topology.EmbeddedRedis),
            "B4A" => await EngineTarget.StartAsync(name, Topology.EmbeddedRedisFsyncAlways),
            "B5" => await EngineTarget.StartAsync(name, Topology.Cluster),
            _ => throw new ArgumentException($"Unknown target {name}; use B0, B1, B3, B4, B4A or B5."),
        };
        if (target is EngineTarget engine)
        {
            engine.Receipts = options.Receipts;
        }

        _targets[name] = target;
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var target in _targets.Values)
        {
            await target.DisposeAsync();
        }

        if (_baseline is not null)
        {
            await _baseline.DisposeAsync();
        }
    }
}
