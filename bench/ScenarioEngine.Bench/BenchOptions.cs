using System.Globalization;
using ScenarioEngine.Bench.Clients;

namespace ScenarioEngine.Bench;

/// <summary>Command line. Every loop the harness runs is bounded by these counts and times.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        """
        ScenarioEngine.Bench [options]
          --scenario NAME    standard (default: fan-out B0..B5, responses, resync, activations, Redis floor),
                             fanout, responses, resync, activations, redis-floor,
                             slow-consumer, flood, soak, silo-kill, cold-start, event-queries, aar, control-room (the last eight only when named)
          --smoke            N = 20, one short run of B0, B1, B3, B4 (CI; well under a minute)
          --sizes 100,1000,5000   client counts
          --targets B0,B1,B3,B4,B5   (B4A: B4 with Redis appendfsync always; responses only, when named)
          --protocols json,msgpack  msgpack adds HubConnection+MessagePack rows where N <= 2000
          --runs 3  --injects 20  --warmup 5  --interval-ms 500  --teams 10
          --hub-client-limit 2000   above it, raw-WebSocket clients speak the SignalR JSON protocol
          --responses-rate 2000,5000  --responses-seconds 5  --responses-warmup-seconds 30  --responses-clients 500
          --soak-connections 10000  --soak-minutes 10
          --slow-clients 1000   clients in the slow-consumer scenario (1% of them stop reading)
          --events 100000   events logged before the event-queries scenario queries them (2,000 with --smoke)
          --pages 0,1,3,5,0  control-room: Chromium pages open per step (timeline, matrix, feed, timeline, matrix); the
                             last 0 is the baseline (the first step warms the web process up)
          --feed-hide acknowledgements,responses   control-room: the feed pages untick these line groups, as a
                             controller following a large drill would (default: none hidden)
          --clients 5000  --seconds 30   control-room: raw SignalR devices (in --teams, default 200 there) and the measured window per step
          --receipts phone   how devices confirm pushes: phone (as the app: batched after 200-1000 ms at random)
                             or immediate (one Received per push at once, as the app did before)
          --gcdump           fan-out: a dotnet-gcdump of each server before the clients connect and after
                             warm-up; the report lists bytes per connection by type beside B1's (B1 first in --targets)
          --pin 1:0          fan-out: taskset the servers (and redis-server) to the first cpu list, the harness
                             to the second, so every target gets the same cores (B5's hops on B1's budget)
          --out DIR          results folder (default bench/results)
          --compare FILE     after the run, print each figure beside the same figure of an earlier results
                             file as a ratio (also appended to the run's .md); ⚠ marks one worse by more than
                             --tolerance 0.25. With --against NEW, no run: compares NEW with FILE.
          --fail-on-regression   exit 3 when a compared figure is worse by more than the tolerance
        """;

    public string Scenario { get; init; } = "standard";
    public bool Smoke { get; init; }
    public IReadOnlyList<int> Sizes { get; init; } = [100, 1000, 5000];
    public IReadOnlyList<string> Targets { get; init; } = ["B0", "B1", "B3", "B4", "B5"];
    public IReadOnlyList<string> Protocols { get; init; } = ["json", "msgpack"];
    public int Runs { get; init; } = 3;
    public int Injects { get; init; } = 20;
    public int Warmup { get; init; } = 5;
    public int IntervalMs { get; init; } = 500;
    public int Teams { get; init; } = 10;
    public int HubClientLimit { get; init; } = 2000;
    public IReadOnlyList<int> ResponsesRates { get; init; } = [2000, 5000];
    public int ResponsesSeconds { get; init; } = 5;
    public int ResponsesWarmupSeconds { get; init; } = 30;
    public int ResponsesClients { get; init; } = 500;
    public int SoakConnections { get; init; } = 10_000;
    public double SoakMinutes { get; init; } = 10;
    public int SlowClients { get; init; } = 1000;
    public int Events { get; init; } = 100_000;
    public string Out { get; init; } = "bench/results";
    public ReceiptDelay Receipts { get; init; } = ReceiptDelay.Phone;
    public string? Compare { get; init; }
    public string? Against { get; init; }
    public double Tolerance { get; init; } = 0.25;
    public bool FailOnRegression { get; init; }
    public bool GcDump { get; init; }
    public string? Pin { get; init; }
    public IReadOnlyList<int> Pages { get; init; } = [0, 1, 3, 5, 0];
    public IReadOnlyList<string> FeedHide { get; init; } = [];
    public int? ControlRoomClients { get; init; }
    public int? ControlRoomTeams { get; init; }
    public int? ControlRoomSeconds { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            IReadOnlyList<int> Ints() => Next().Split(',').Select(v => int.Parse(v.Replace("_", ""), CultureInfo.InvariantCulture)).ToList();
            IReadOnlyList<string> Words() => Next().Split(',').Select(v => v.Trim()).ToList();
            options = args[i] switch
            {
                "--scenario" => options with { Scenario = Next() },
                "--smoke" => options with
                {
                    Smoke = true,
                    Scenario = "standard",
                    Sizes = [20],
                    Targets = ["B0", "B1", "B3", "B4"],
                    Protocols = ["json"],
                    Runs = 1,
                    Injects = 5,
                    Warmup = 2,
                    IntervalMs = 200,
                    Teams = 2,
                    ResponsesRates = [200],
                    ResponsesSeconds = 1,
                    ResponsesWarmupSeconds = 0,
                    ResponsesClients = 20,
                    Events = 2_000,
                    Pages = [0, 1],
                },
                "--sizes" => options with { Sizes = Ints() },
                "--targets" => options with { Targets = Words() },
                "--protocols" => options with { Protocols = Words() },
                "--runs" => options with { Runs = Ints()[0] },
                "--injects" => options with { Injects = Ints()[0] },
                "--warmup" => options with { Warmup = Ints()[0] },
                "--interval-ms" => options with { IntervalMs = Ints()[0] },
                "--teams" => (Ints()[0]) is var teams ? options with { Teams = teams, ControlRoomTeams = teams } : options,
                "--pages" => options with { Pages = Ints() },
                "--feed-hide" => options with { FeedHide = Words() },
                "--clients" => options with { ControlRoomClients = Ints()[0] },
                "--seconds" => options with { ControlRoomSeconds = Ints()[0] },
                "--hub-client-limit" => options with { HubClientLimit = Ints()[0] },
                "--responses-rate" => options with { ResponsesRates = Ints() },
                "--responses-seconds" => options with { ResponsesSeconds = Ints()[0] },
                "--responses-warmup-seconds" => options with { ResponsesWarmupSeconds = Ints()[0] },
                "--responses-clients" => options with { ResponsesClients = Ints()[0] },
                "--soak-connections" => options with { SoakConnections = Ints()[0] },
                "--soak-minutes" => options with { SoakMinutes = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--slow-clients" => options with { SlowClients = Ints()[0] },
                "--events" => options with { Events = Ints()[0] },
                "--out" => options with { Out = Next() },
                "--compare" => options with { Compare = Next() },
                "--against" => options with { Against = Next() },
                "--tolerance" => options with { Tolerance = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--fail-on-regression" => options with { FailOnRegression = true },
                "--gcdump" => options with { GcDump = true },
                "--pin" => options with { Pin = Next() },
                "--receipts" => options with
                {
                    Receipts = Next() switch
                    {
                        "phone" => ReceiptDelay.Phone,
                        "immediate" => ReceiptDelay.Immediate,
                        var other => throw new ArgumentException($"--receipts is phone or immediate, not {other}.\n{Usage}"),
                    },
                },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        if (options.Against is not null && options.Compare is null)
        {
            throw new ArgumentException($"--against needs --compare FILE (the earlier results).\n{Usage}");
        }

        return options;
    }
}
