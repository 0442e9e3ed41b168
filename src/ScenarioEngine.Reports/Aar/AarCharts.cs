using ScenarioEngine.Evaluation;
using ScenarioEngine.Reports.Metrics;
using ScottPlot;

namespace ScenarioEngine.Reports.Aar;

/// <summary>
/// The report's three charts as PNG, drawn on the server with ScottPlot (a maintained MIT .NET
/// library; no browser, so the DOCX and the bench get the same pictures as the control room).
/// </summary>
public static class AarCharts
{
    public const int Width = 900;
    public const int Height = 420;

    /// <summary>Minutes (wall clock) from firing to the first response, one bar group per inject, one bar per team.</summary>
    public static byte[] ResponseTimes(ExerciseMetrics metrics, AarText text)
    {
        var plot = NewPlot(text["ChartResponseTime"], text["Inject"], text["Minutes"]);
        var answered = metrics.Deliveries.Where(d => d.RecipientKind == RecipientKind.Team && d.ToResponded is not null).ToList();
        var injects = answered.Select(d => d.InjectNumber).Distinct().ToList();
        var teams = answered.Select(d => d.RecipientId).Distinct().Order(StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        for (var t = 0; t < teams.Count; t++)
        {
            var bars = answered.Where(d => d.RecipientId == teams[t]).Select(d => new Bar
            {
                Position = injects.IndexOf(d.InjectNumber) * (teams.Count + 1) + t,
                Value = d.ToResponded!.Value.TotalMinutes,
                FillColor = palette.GetColor(t),
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.LegendText = teams[t];
        }

        plot.Axes.Bottom.SetTicks(injects.Select((_, i) => i * (teams.Count + 1) + (teams.Count - 1) / 2.0).ToArray(), injects.ToArray());
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Typical rating per objective (rows) and team (columns): P=1 (best) to U=4.</summary>
    public static byte[] RatingsHeatmap(ScenarioDefinition scenario, ExerciseMetrics metrics, AarText text)
    {
        var plot = NewPlot(text["ChartRatings"], text["Team"], text["Objective"]);
        var objectives = scenario.Objectives.Select(o => o.Id).ToList();
        var teams = scenario.Teams.Select(t => t.Id).ToList();
        var cells = new double[Math.Max(1, objectives.Count), Math.Max(1, teams.Count)];
        for (var o = 0; o < objectives.Count; o++)
        {
            for (var t = 0; t < teams.Count; t++)
            {
                var typical = MetricsCalculator.Typical(metrics.Ratings.Where(r => r.ObjectiveId == objectives[o] && r.TeamId == teams[t]).Select(r => r.Rating));
                cells[objectives.Count - 1 - o, t] = typical is { } r ? (int)r + 1 : double.NaN;
                if (typical is { } rating)
                {
                    var label = plot.Add.Text(rating.ToString(), t, o);
                    label.LabelFontSize = 16;
                    label.LabelAlignment = Alignment.MiddleCenter;
                }
            }
        }

        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(-0.5, teams.Count - 0.5, -0.5, objectives.Count - 0.5);
        plot.MoveToBack(heatmap);
        plot.Axes.Bottom.SetTicks(teams.Select((_, i) => (double)i).ToArray(), teams.ToArray());
        plot.Axes.Left.SetTicks(objectives.Select((_, i) => (double)i).ToArray(), objectives.ToArray());
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Share of recipients that had acknowledged, by minutes after firing, all injects together.</summary>
    public static byte[] AcknowledgementCurve(ExerciseMetrics metrics, AarText text)
    {
        var plot = NewPlot(text["ChartAcknowledgement"], text["Minutes"], text["Share"]);
        var times = metrics.Deliveries.Select(d => d.ToAcknowledged?.TotalMinutes).ToList();
        var total = Math.Max(1, times.Count);
        var acknowledged = times.Where(t => t is not null).Select(t => t!.Value).Order().ToList();
        var xs = new List<double> { 0 };
        var ys = new List<double> { 0 };
        for (var i = 0; i < acknowledged.Count; i++)
        {
            xs.Add(acknowledged[i]);
            ys.Add((i + 1) / (double)total);
        }

        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        plot.Axes.SetLimitsY(0, 1.05);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        // Picks an installed font that has the glyphs (Cyrillic in the Russian report).
        plot.Font.Automatic();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }
}
