using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Aar;

/// <summary>Everything one AAR/IP document is written from: the logs, the metrics computed from them and the lead evaluator's consolidation.</summary>
public sealed record AarReport
{
    public required ExerciseLogs Logs { get; init; }
    public required ExerciseMetrics Metrics { get; init; }
    public Consolidation Consolidation { get; init; } = new();

    public static AarReport From(ExerciseLogs logs, Consolidation? consolidation = null) =>
        new() { Logs = logs, Metrics = MetricsCalculator.Compute(logs), Consolidation = consolidation ?? new() };
}
