using ScenarioEngine.Bench.Measure;

namespace ScenarioEngine.Bench.Report;

/// <summary>Everything one invocation measured; written as JSON and as a markdown table.</summary>
public sealed class BenchReport
{
    public required MachineInfo Machine { get; init; }
    public required string Command { get; init; }
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? FinishedAt { get; set; }
    public string? LoadAverageAtEnd { get; set; }
    public int PayloadBytes { get; init; } = Payload.JsonSize;
    public required string Receipts { get; init; }
    public List<FanoutResult> Fanout { get; } = [];
    public List<RedisFloorResult> RedisFloor { get; } = [];
    public List<ResponsesResult> Responses { get; } = [];
    public List<ResyncResult> Resync { get; } = [];
    public List<ActivationsResult> Activations { get; } = [];
    public List<SlowConsumerResult> SlowConsumer { get; } = [];
    public List<FloodResult> Flood { get; } = [];
    public List<SoakResult> Soak { get; } = [];
    public List<SiloKillResult> SiloKill { get; } = [];
    public List<ColdStartResult> ColdStart { get; } = [];
    public List<EventQueryResult> EventQueries { get; } = [];
    public List<AarResult> Aar { get; } = [];
    public List<ControlRoomResult> ControlRoom { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Markdown tables of live bytes per connection by type against B1 (--gcdump).</summary>
    public List<string> HeapByType { get; } = [];
}

public sealed record FanoutResult
{
    /// <summary>Each server process's CPU in the measured runs, in the order of the target's servers (silos, then web nodes).</summary>
    public IReadOnlyList<double> ServerCpuPercentEach { get; init; } = [];

    /// <summary>The --pin cpu lists (servers:harness) the run used, if any.</summary>
    public string? Pinned { get; init; }

    /// <summary>The type-by-type dumps before connecting and after warm-up (--gcdump); compared in the report, not stored in it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (Measure.GcDump.Heap Before, Measure.GcDump.Heap After)? Dumps { get; set; }

    /// <summary>As <see cref="Dumps"/>, the web nodes only, where the silos run apart (B5).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (Measure.GcDump.Heap Before, Measure.GcDump.Heap After)? WebNodeDumps { get; set; }

    public required string Target { get; init; }
    public required string Protocol { get; init; }
    public required string Clients { get; init; }
    public required int Connections { get; init; }
    public required int Teams { get; init; }
    public required double ConnectSeconds { get; init; }
    public required int Connected { get; init; }
    public required int OpenAtEnd { get; init; }
    public required int FireErrors { get; init; }
    public required IReadOnlyList<FanoutRun> Runs { get; init; }

    /// <summary>Each figure is the median of that figure over the runs.</summary>
    public required LatencySummary Median { get; init; }
    public required LatencySummary MedianLastClient { get; init; }
    public required int Missing { get; init; }
    public required double ServerCpuPercent { get; init; }
    public required double ClientCpuPercent { get; init; }
    public required double? WorkingSetPerConnectionKiB { get; init; }
    public required double? GcHeapPerConnectionKiB { get; init; }
    public required string LoadAverage { get; init; }
    public double? P99RatioToB1 { get; set; }
}

public sealed record RedisFloorResult(string Method, LatencySummary Latency, string? Note = null);

public sealed record ResponsesResult
{
    public required string Target { get; init; }
    public required int OfferedPerSecond { get; init; }
    public required int Sent { get; init; }
    public required int Receipted { get; init; }
    public required int Failed { get; init; }
    public required double StoredPerSecond { get; init; }
    public required LatencySummary Receipt { get; init; }

    /// <summary>How long the same rate ran, unmeasured, before the measured window.</summary>
    public int WarmupSeconds { get; init; }

    /// <summary>Receipt p99 during the warm-up (ms): what a cold server gives its first responses at this rate.</summary>
    public double WarmupP99 { get; init; }

    /// <summary>The highest receipt p99 of any one second of the measured window (ms), by when the response was sent.</summary>
    public double WorstSecondP99 { get; init; }

    public required long StoredCount { get; init; }
    public required bool ExactlyOnce { get; init; }
    public required int DuplicatesResent { get; init; }
    public required double ServerCpuPercent { get; init; }
    public required double ClientCpuPercent { get; init; }
    public required string LoadAverage { get; init; }
}

public sealed record ResyncResult(string Target, int Missed, IReadOnlyList<double> Milliseconds, double MedianMilliseconds, bool AllHeld, string LoadAverage);

public sealed record ActivationsResult(string Target, int Grains, double CreateSeconds, double FireSeconds, double MailboxActivationsPerSecond, double? OrleansActivationsCounted, string LoadAverage);

public sealed record SlowConsumerResult
{
    public required string Target { get; init; }
    public required int Clients { get; init; }
    public required int Stalled { get; init; }
    public required LatencySummary Before { get; init; }
    public required LatencySummary During { get; init; }
    public required double P99Ratio { get; init; }
    public required int MissingAtHealthy { get; init; }
    public required double WorkingSetBeforeMiB { get; init; }
    public required double WorkingSetAfterMiB { get; init; }
    public required double? GcHeapBeforeMiB { get; init; }
    public required double? GcHeapAfterMiB { get; init; }
    public required int? ServerClosedStalled { get; init; }
    public required string LoadAverage { get; init; }
}

public sealed record FloodResult
{
    public required string Target { get; init; }
    public required int Clients { get; init; }
    public required LatencySummary Before { get; init; }
    public required LatencySummary During { get; init; }
    public required double P99Ratio { get; init; }
    public required int MissingDuring { get; init; }
    public required int ConnectionsAccepted { get; init; }
    public required int ConnectionsRefused { get; init; }
    public required int HubCallsServed { get; init; }
    public required int HubCallsRefused { get; init; }
    public required int RestServed { get; init; }
    public required int RestRefused { get; init; }
    public required string LoadAverage { get; init; }
}

public sealed record SoakResult
{
    public required string Target { get; init; }
    public required int Connections { get; init; }
    public required int Connected { get; init; }
    public required double Minutes { get; init; }
    public required int Drops { get; init; }
    public required int InjectsFired { get; init; }
    public required int Missing { get; init; }
    public required LatencySummary Latency { get; init; }
    public required double? GcHeapPerConnectionKiB { get; init; }
    public required double WorkingSetPerConnectionKiB { get; init; }
    public required double ServerCpuPercent { get; init; }
    public required double ClientCpuPercent { get; init; }
    public required string LoadAverage { get; init; }
}

public sealed record SiloKillResult
{
    public required string Settings { get; init; }
    public required int Clients { get; init; }
    public required double SecondsUntilFlowingAgain { get; init; }
    public required int InjectsFired { get; init; }
    public required int FireRetries { get; init; }
    public required int Lost { get; init; }
    public required int Duplicated { get; init; }
    public required string LoadAverage { get; init; }
}

/// <summary>Seconds from starting the process to the first 200 from /health/ready, per way of starting it.</summary>
/// <summary>One query asked over and over of an exercise whose log holds <paramref name="Events"/> events.</summary>
public sealed record EventQueryResult(string Target, string Query, long Events, double SeededPerSecond, LatencySummary Latency, bool TargetMet, string LoadAverage);

public sealed record ColdStartResult(string Method, IReadOnlyList<double> Seconds, double MedianSeconds, bool TargetMet, string LoadAverage);

/// <summary>Issue 13 §8: the after-action review of an exercise of the given size, step by step.</summary>
public sealed record AarResult
{
    public required int Injects { get; init; }
    public required int Teams { get; init; }
    public required int Devices { get; init; }
    public required int Responses { get; init; }
    public required int Observations { get; init; }
    public required int Days { get; init; }
    public required IReadOnlyList<AarStepResult> Steps { get; init; }
}

public sealed record AarStepResult
{
    /// <summary>Which step; named "method" so the regression guard matches rows by it.</summary>
    public required string Method { get; init; }
    public required IReadOnlyList<double> Runs { get; init; }
    public required double MedianMilliseconds { get; init; }
    public required double MedianCpuMilliseconds { get; init; }
    public required double TargetMilliseconds { get; init; }

    /// <summary>Median ÷ target: at most 1 is met.</summary>
    public required double RatioToTarget { get; init; }

    /// <summary>False at the smoke size, which is not the exercise.</summary>
    public required bool Judged { get; init; }
    public bool Met => RatioToTarget <= 1;
    public required string LoadAverage { get; init; }
}

/// <summary>One step of the control-room scenario: K pages open on the same exercise under the same load.</summary>
public sealed record ControlRoomResult
{
    public required string Target { get; init; }
    public required int Devices { get; init; }
    public required int Teams { get; init; }
    public required int Open { get; init; }
    public required int Pages { get; init; }

    /// <summary>Injects fired in the measured window.</summary>
    public required int Injects { get; init; }
    public required int FireErrors { get; init; }
    public required double ResponsesPerSecond { get; init; }
    public required IReadOnlyList<ControlRoomPage> PerPage { get; init; }

    /// <summary>The web process, % of one core, over the window.</summary>
    public required double WebCpuPercent { get; init; }

    /// <summary>CPU(K pages) − CPU(0 pages) of the same run: what the circuits cost.</summary>
    public double? CircuitCpuPercent { get; set; }
    public required double? AllocatedMiBPerSecond { get; init; }
    public required string LoadAverage { get; init; }

    /// <summary>False at the smoke size: the figures are shown, not held against the targets.</summary>
    public bool Judged { get; set; }
}

/// <summary>One page's event→DOM latency (ms) and its longest main-thread task.</summary>
public sealed record ControlRoomPage
{
    public required string View { get; init; }
    public required int Shown { get; init; }
    public required int Missing { get; init; }
    public required double P50 { get; init; }
    public required double P95 { get; init; }
    public required double Max { get; init; }
    public required double LongestTaskMs { get; init; }
    public required int LongTasks { get; init; }
}
