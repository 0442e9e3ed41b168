using System.Globalization;
using System.Net;
using System.Text;

namespace ScenarioEngine.Reports.Review;

/// <summary>
/// Draws the swim lanes as one SVG string on the server. The view gets a single element whatever
/// the exercise's size: marks that would fall on the same few pixels of a lane are drawn once with
/// their count in the tooltip, so a 300-inject, 5,000-response exercise is at most
/// lanes × kinds × (width / bucket) shapes, not one DOM node per event.
/// </summary>
public static class TimelineSvg
{
    public const int LabelWidth = 210;
    public const int LaneHeight = 30;
    public const int AxisHeight = 26;
    private const double Bucket = 4;

    private static readonly TimeSpan[] TickSteps =
        [.. new[] { 1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440, 2880 }.Select(m => TimeSpan.FromMinutes(m))];

    private static readonly Dictionary<MarkKind, (string Colour, double Row)> Style = new()
    {
        [MarkKind.Inject] = ("#1f5fbf", 0.22),
        [MarkKind.Response] = ("#1a8a3a", 0.5),
        [MarkKind.Disclosure] = ("#7b3fb5", 0.5),
        [MarkKind.Observation] = ("#555555", 0.78),
        [MarkKind.Signal] = ("#c62828", 0.5),
    };

    /// <summary>The HSEEP rating colours the heatmap uses too: green (P) to red (U).</summary>
    public static string RatingColour(Evaluation.Rating rating) => rating switch
    {
        Evaluation.Rating.P => "#1a9850",
        Evaluation.Rating.S => "#a6d96a",
        Evaluation.Rating.M => "#fdae61",
        _ => "#d73027",
    };

    public static string Render(AarTimeline timeline, TimelineFilter filter, Func<TimelineLane, string> laneLabel, Func<MarkKind, string> kindLabel, int width = 1100)
    {
        var lanes = timeline.Lanes.Where(filter.Shows).ToList();
        var from = filter.From == TimeSpan.MinValue ? TimeSpan.Zero : filter.From;
        var to = filter.To == TimeSpan.MaxValue ? timeline.End : filter.To;
        if (to <= from)
        {
            to = from + TimeSpan.FromMinutes(1);
        }

        var plotWidth = width - LabelWidth - 36;
        double X(TimeSpan at) => LabelWidth + ((at - from) / (to - from) * plotWidth);
        var height = AxisHeight + (lanes.Count * LaneHeight) + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swimlanes\" width=\"100%\" viewBox=\"0 0 {width} {height}\" role=\"img\" data-testid=\"swimlanes\">");

        var step = TickSteps.FirstOrDefault(s => (to - from) / s <= 12, TickSteps[^1]);
        for (var tick = TimeSpan.FromTicks((long)Math.Ceiling(from.Ticks / (double)step.Ticks) * step.Ticks); tick <= to; tick += step)
        {
            var x = X(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{AxisHeight - 4}\" y2=\"{height}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{AxisHeight - 8}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{Time(tick)}</text>");
        }

        var visible = timeline.Marks.Where(filter.Admits).ToList();
        for (var i = 0; i < lanes.Count; i++)
        {
            var lane = lanes[i];
            var top = AxisHeight + (i * LaneHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<g data-lane=\"{Escape(lane.Id)}\" data-lane-kind=\"{lane.Kind.ToString().ToLowerInvariant()}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{top}\" width=\"{width}\" height=\"{LaneHeight}\" fill=\"{(i % 2 == 0 ? "#f7f8fa" : "#ffffff")}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{top + (LaneHeight / 2) + 4}\" font-size=\"12\" fill=\"#222\">{Escape(Clip(laneLabel(lane), 30))}</text>");
            foreach (var bucket in visible.Where(m => m.Lane == lane.Id).GroupBy(m => (m.Kind, Column: (int)(X(m.At) / Bucket), m.Rating)))
            {
                var marks = bucket.ToList();
                var (colour, row) = Style[bucket.Key.Kind];
                var x = X(marks[0].At);
                var y = top + (row * LaneHeight);
                var title = $"{kindLabel(bucket.Key.Kind)} {Time(marks[0].At)}: {string.Join("; ", marks.Take(5).Select(m => m.Label))}{(marks.Count > 5 ? $" (+{marks.Count - 5})" : string.Empty)}";
                var kind = bucket.Key.Kind.ToString().ToLowerInvariant();
                svg.Append(CultureInfo.InvariantCulture, $"<g class=\"mark\" data-kind=\"{kind}\" data-count=\"{marks.Count}\"><title>{Escape(title)}</title>");
                svg.Append(bucket.Key.Kind switch
                {
                    MarkKind.Inject => string.Create(CultureInfo.InvariantCulture, $"<path d=\"M{x - 5:0.#},{y - 5:0.#}h10l-5,8z\" fill=\"{colour}\"/>"),
                    MarkKind.Response => string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{Math.Min(7, 3 + Math.Log2(marks.Count)):0.#}\" fill=\"{colour}\" fill-opacity=\"0.75\"/>"),
                    MarkKind.Disclosure => string.Create(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#},{y - 6:0.#}l5,6l-5,6l-5,-6z\" fill=\"{colour}\"/>"),
                    MarkKind.Signal => string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x - 1.5:0.#}\" y=\"{top + 2}\" width=\"3\" height=\"{LaneHeight - 4}\" fill=\"{colour}\"/>"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x - 4:0.#}\" y=\"{y - 4:0.#}\" width=\"8\" height=\"8\" fill=\"{(bucket.Key.Rating is { } r ? RatingColour(r) : colour)}\" stroke=\"#333\" stroke-width=\"0.5\"/>"),
                });
                svg.Append("</g>");
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Time(TimeSpan t) =>
        t < TimeSpan.Zero ? "-" + Time(-t) : $"D{t.Days + 1} {t.Hours:00}:{t.Minutes:00}";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
