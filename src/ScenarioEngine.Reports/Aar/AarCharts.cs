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

    /// <summary>
    /// Typical rating per objective (rows, the scenario's first on top) and team (columns), one
    /// fixed colour per rating (HSEEP's green P to red U) with a legend, and a grey "—" where
    /// nobody rated that team on that objective. It was a Viridis heatmap scaled to the data's own
    /// range, so one colour meant different ratings in different reports, a report of only P's was
    /// one flat colour, black letters disappeared on the dark (best) cells, an unrated cell was
    /// blank like the background, and the axes showed ids instead of names.
    /// </summary>
    public static byte[] RatingsHeatmap(ScenarioDefinition scenario, ExerciseMetrics metrics, AarText text, string? teamId = null, string? objectiveId = null)
    {
        var plot = NewPlot(text["ChartRatings"], text["Team"], text["Objective"]);
        var grid = RatingsGrid.Build(scenario, metrics, teamId, objectiveId);
        var rows = grid.Objectives.Count;
        for (var o = 0; o < rows; o++)
        {
            var y = rows - 1 - o;
            for (var t = 0; t < grid.Teams.Count; t++)
            {
                var rating = grid.Cells[o, t];
                var cell = plot.Add.Rectangle(t - 0.48, t + 0.48, y - 0.48, y + 0.48);
                cell.FillColor = rating is { } r ? Color.FromHex(Review.TimelineSvg.RatingColour(r)) : Color.FromHex("#e6e6e6");
                cell.LineWidth = 0;
                var label = plot.Add.Text(rating?.ToString() ?? "—", t, y);
                label.LabelFontSize = 18;
                label.LabelBold = true;
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontColor = rating is Rating.U ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.SetTicks(grid.Teams.Select((_, i) => (double)i).ToArray(), grid.Teams.Select(t => Clip(text.Pick(t.Name, scenario.DefaultLanguage), Math.Max(8, 60 / Math.Max(1, grid.Teams.Count)))).ToArray());
        plot.Axes.Left.SetTicks(grid.Objectives.Select((_, i) => (double)(rows - 1 - i)).ToArray(), grid.Objectives.Select(o => Clip(text.Pick(o.Title, scenario.DefaultLanguage), 28)).ToArray());
        plot.Axes.SetLimits(-0.5, Math.Max(1, grid.Teams.Count) - 0.5, -0.5, Math.Max(1, rows) - 0.5);
        foreach (var rating in Enum.GetValues<Rating>())
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text["Rating" + rating], FillColor = Color.FromHex(Review.TimelineSvg.RatingColour(rating)) });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = text["NotRated"], FillColor = Color.FromHex("#e6e6e6") });
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Most injects drawn as a curve each; past this the lines are unreadable and one curve of all of them is drawn.</summary>
    public const int MaxCurves = 10;

    /// <summary>
    /// Share of an inject's recipients that had acknowledged, by minutes after it fired: one curve
    /// per inject (up to <see cref="MaxCurves"/>), else one for all the deliveries given.
    /// </summary>
    public static byte[] AcknowledgementCurve(ExerciseMetrics metrics, AarText text)
    {
        var plot = NewPlot(text["ChartAcknowledgement"], text["Minutes"], text["Share"]);
        var injects = metrics.Deliveries.GroupBy(d => d.InjectNumber).ToList();
        var curves = injects.Count <= MaxCurves
            ? injects.Select(g => (Label: g.Key, Times: g.Select(d => d.ToAcknowledged?.TotalMinutes).ToList()))
            : [(Label: text["AllInjects"], Times: metrics.Deliveries.Select(d => d.ToAcknowledged?.TotalMinutes).ToList())];
        var palette = new ScottPlot.Palettes.Category10();
        var n = 0;
        foreach (var (label, times) in curves)
        {
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
            line.Color = palette.GetColor(n++);
            line.LegendText = label;
        }

        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

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
