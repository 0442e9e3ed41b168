using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Aar;

/// <summary>Everything one AAR/IP document is written from: the logs, the metrics computed from them and the lead evaluator's consolidation.</summary>
public sealed record AarReport
{
    public required ExerciseLogs Logs { get; init; }
    public required ExerciseMetrics Metrics { get; init; }
    public Consolidation Consolidation { get; init; } = new();

    /// <summary>The hotwash answers; null when the scenario has no hotwash.</summary>
    public HotwashResults? Hotwash { get; init; }

    /// <remarks>
    /// Hotwash answers are taken out of <see cref="Logs"/> into <see cref="Hotwash"/>, so no table of
    /// responses (which names team and device) can show an anonymous answer; its deliveries too,
    /// so the inject metrics and charts are about the MSEL's injects only.
    /// </remarks>
    public static AarReport From(ExerciseLogs logs, Consolidation? consolidation = null)
    {
        var withoutHotwash = logs with
        {
            Deliveries = logs.Deliveries.Select(d => d with { Deliveries = d.Deliveries.Where(p => p.InjectNumber != HotwashDefinition.InjectNumber).ToList() }).ToList(),
            Responses = logs.Responses.Select(r => r with { Responses = r.Responses.Where(x => !HotwashResults.IsHotwash(x)).ToList() }).ToList(),
        };
        return new()
        {
            Logs = withoutHotwash,
            Metrics = MetricsCalculator.Compute(withoutHotwash),
            Consolidation = consolidation ?? new(),
            Hotwash = HotwashResults.From(logs),
        };
    }
}
