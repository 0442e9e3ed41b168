using System.Diagnostics;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Delivery;
using ScenarioEngine.Reports.Aar;
using ScenarioEngine.Reports.Metrics;
using ScenarioEngine.Reports.Review;
using ScenarioEngine.Reports.Tests;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// Issue 13 §8: the after-action review of a 5-day exercise (300 injects, 30 teams, 300 devices,
/// 5,000 responses, 2,000 observations) builds in ≤ 3 s and the control room's AAR view stays
/// responsive. In process, from logs already in memory (tests/ScenarioEngine.Reports.Tests/
/// SyntheticExercise.cs, seed 13): what the export endpoint does per request (metrics, then one
/// format) and what the AAR view does (open: metrics, lanes and three charts; a filter: lanes and
/// charts again; a scrub step: the lanes alone). Reading the logs from the grains is not included.
/// </summary>
public static class AarScenario
{
    /// <summary>Issue 13 §8: the AAR builds in ≤ 3 s; held for each export and for opening or filtering the view.</summary>
    public const double TargetMilliseconds = 3_000;

    /// <summary>
    /// The issue says "stays responsive" without a number; ours: a scrub step redraws the lanes on
    /// every move of the thumb, so it gets the 100 ms within which a change reads as immediate.
    /// </summary>
    public const double ScrubTargetMilliseconds = 100;

    public static AarResult Run(BenchOptions options)
    {
        // The smoke size is a tenth of the issue's, so CI runs it in a few seconds; its figures are not judged.
        var (injects, teams, devices, responses, observations, days) = options.Smoke ? (30, 3, 30, 500, 200, 1) : (300, 30, 300, 5_000, 2_000, 5);
        var runs = options.Smoke ? 1 : 5;
        var logs = SyntheticExercise.Create(global::ScenarioEngine.Scenarios.ScenarioLoader.LoadSample() with { Teams = [] }, injects, teams, devices, responses, observations, days);
        Log.Line($"aar: {logs.Events.Count} events, {logs.Deliveries.Sum(d => d.Deliveries.Count)} deliveries, {logs.Responses.Sum(r => r.Responses.Count)} responses, {logs.Observations.Count} observations; {runs} runs after a warm-up");

        var text = new AarText("ru");
        var firstTeam = logs.Scenario.Teams[0].Id;

        // The two steps that redraw an open view start from its metrics and lanes, built once here and not timed.
        var metrics = MetricsCalculator.Compute(logs);
        var opened = (Metrics: metrics, Timeline: AarTimeline.Build(logs, metrics));
        var steps = new (string Name, double Target, Func<object> Work)[]
        {
            ("report: metrics", TargetMilliseconds, () => AarReport.From(logs)),
            ("report: DOCX (ru, three charts)", TargetMilliseconds, () => AarDocx.Write(AarReport.From(logs), "ru")),
            ("report: XLSX (en)", TargetMilliseconds, () => AarXlsx.Write(AarReport.From(logs), "en")),
            ("report: JSON", TargetMilliseconds, () => AarJson.Write(AarReport.From(logs))),
            ("view: open (metrics, lanes, charts)", TargetMilliseconds, () => OpenView(logs, text)),
            ("view: filter to one team", TargetMilliseconds, () => Redraw(logs, opened, text, firstTeam)),
            ("view: scrub step (lanes, 1 h window)", ScrubTargetMilliseconds, () => Scrub(opened.Timeline)),
        };

        var rows = new List<AarStepResult>();
        foreach (var (name, target, work) in steps)
        {
            work(); // warm-up: JIT, fonts, ScottPlot's first plot
            var wall = new List<double>();
            var cpu = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                GC.KeepAlive(work());
                watch.Stop();
                wall.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }

            var median = Median(wall);
            var row = new AarStepResult
            {
                Method = name,
                Runs = wall.Select(w => Math.Round(w, 1)).ToList(),
                MedianMilliseconds = Math.Round(median, 1),
                MedianCpuMilliseconds = Math.Round(Median(cpu), 1),
                TargetMilliseconds = target,
                RatioToTarget = Math.Round(median / target, 3),
                Judged = !options.Smoke,
                LoadAverage = MachineInfo.LoadAverageNow(),
            };
            rows.Add(row);
            Log.Line($"aar, {name}: median {row.MedianMilliseconds} ms wall, {row.MedianCpuMilliseconds} ms CPU; {row.RatioToTarget}× the {target} ms target{(row.Judged ? row.Met ? " (met)" : " (missed)" : " (smoke size, not judged)")}");
        }

        return new AarResult
        {
            Injects = injects,
            Teams = teams,
            Devices = devices,
            Responses = logs.Responses.Sum(r => r.Responses.Count),
            Observations = logs.Observations.Count,
            Days = days,
            Steps = rows,
        };
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>What AarView.razor does when it opens: metrics and lanes from the logs, the lanes drawn, the three charts.</summary>
    private static object OpenView(ExerciseLogs logs, AarText text)
    {
        var metrics = MetricsCalculator.Compute(logs);
        var timeline = AarTimeline.Build(logs, metrics);
        var svg = TimelineSvg.Render(timeline, Everything(timeline), l => l.RefId, k => k.ToString());
        return (svg, Charts(logs, metrics, metrics, text, null));
    }

    /// <summary>What it does when a team is chosen: the lanes of that team, the charts of its deliveries.</summary>
    private static object Redraw(ExerciseLogs logs, (ExerciseMetrics Metrics, AarTimeline Timeline) opened, AarText text, string teamId)
    {
        var (metrics, timeline) = opened;
        var filter = Everything(timeline) with { TeamId = teamId };
        var svg = TimelineSvg.Render(timeline, filter, l => l.RefId, k => k.ToString());
        var mine = metrics with { Deliveries = metrics.Deliveries.Where(d => d.RecipientKind == RecipientKind.Team && d.RecipientId == teamId).ToList() };
        return (svg, Charts(logs, mine, metrics, text, teamId));
    }

    /// <summary>One move of the scrubber's thumb over a 1-hour window in the middle of the exercise: the lanes only.</summary>
    private static object Scrub(AarTimeline timeline)
    {
        var middle = TimeSpan.FromMinutes(Math.Floor(timeline.End.TotalMinutes / 2));
        var filter = Everything(timeline) with { From = middle, To = middle + TimeSpan.FromHours(1) };
        return TimelineSvg.Render(timeline, filter, l => l.RefId, k => k.ToString());
    }

    private static TimelineFilter Everything(AarTimeline timeline) => new()
    {
        Kinds = Enum.GetValues<MarkKind>().ToHashSet(),
        From = TimeSpan.Zero,
        To = timeline.End,
    };

    private static byte[][] Charts(ExerciseLogs logs, ExerciseMetrics shown, ExerciseMetrics all, AarText text, string? teamId) =>
    [
        AarCharts.ResponseTimes(shown, text),
        AarCharts.RatingsHeatmap(logs.Scenario, all, text, teamId),
        AarCharts.AcknowledgementCurve(shown, text),
    ];
}
