using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScenarioEngine.Bench.Report;

/// <summary>
/// The regression guard: every figure of a results file beside the same figure of an earlier one,
/// as a ratio. It reads the files as JSON rather than as <see cref="BenchReport"/> so a results
/// file written before a field was added or renamed still compares on what both have.
/// </summary>
public static class Comparison
{
    /// <summary>Properties that say which row an array element is; rows of two files match on them.</summary>
    private static readonly string[] RowKeys =
        ["target", "protocol", "clients", "connections", "teams", "offeredPerSecond", "method", "settings", "grains", "query", "events"];

    /// <summary>Not figures of the server: the machine, the command, dates, the raw per-run samples.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "machine", "command", "startedAt", "finishedAt", "loadAverage", "loadAverageAtEnd", "receipts",
        "notes", "runs", "milliseconds", "count",
    };

    /// <summary>Figures where more is better; for every other figure (latency, CPU, memory, misses) less is.</summary>
    private static bool HigherIsBetter(string name) =>
        name.EndsWith("PerSecond", StringComparison.Ordinal)
        || name is "connected" or "openAtEnd" or "receipted" or "sent" or "hubCallsServed" or "restServed" or "connectionsAccepted"
            or "exactlyOnce" or "allHeld" or "met" or "judged";

    public sealed record Figure(string Path, double? Earlier, double? Now, bool HigherIsBetter)
    {
        /// <summary>Now ÷ earlier; null when either is missing or the earlier one is zero.</summary>
        public double? Ratio => Earlier is { } e && Now is { } n && e != 0 ? n / e : null;

        /// <summary>Worse than the earlier run by more than <paramref name="tolerance"/> (0.25 = 25 %).</summary>
        public bool IsRegression(double tolerance) => (Earlier, Now) switch
        {
            ({ } e, { } n) when e == 0 => !HigherIsBetter && n > 0,
            ({ } e, { } n) => HigherIsBetter ? n < e / (1 + tolerance) : n > e * (1 + tolerance),
            _ => false,
        };
    }

    public static IReadOnlyList<Figure> Compare(JsonElement earlier, JsonElement now)
    {
        var before = Flatten(earlier);
        var after = Flatten(now);
        return before.Keys.Union(after.Keys)
            .Select(path => new Figure(
                path,
                before.GetValueOrDefault(path),
                after.GetValueOrDefault(path),
                HigherIsBetter(path[(path.LastIndexOf('.') + 1)..])))
            .ToList();
    }

    public static string Markdown(IReadOnlyList<Figure> figures, string earlierName, double tolerance)
    {
        var md = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"### Compared with {earlierName} (now ÷ earlier; ⚠ marks a figure worse by more than {tolerance:P0})")
            .AppendLine()
            .AppendLine("| figure | earlier | now | now ÷ earlier | |")
            .AppendLine("|---|---:|---:|---:|---|");
        foreach (var f in figures)
        {
            var mark = f.IsRegression(tolerance) ? "⚠ worse" : f.Earlier is null ? "new" : f.Now is null ? "gone" : "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Path} | {Number(f.Earlier)} | {Number(f.Now)} | {(f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {mark} |");
        }

        var worse = figures.Count(f => f.IsRegression(tolerance));
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{worse} of {figures.Count} figures worse by more than {tolerance:P0}.");
        return md.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>Every numeric (and boolean, as 1/0) leaf by a path whose array steps name the row, not its index.</summary>
    private static Dictionary<string, double> Flatten(JsonElement root)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        Walk(root, "", figures);
        return figures;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, double> figures)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var rowKeys = path.Length > 0 && path[^1] == ']' ? RowKeys : [];
                foreach (var property in element.EnumerateObject())
                {
                    if (Skipped.Contains(property.Name) || rowKeys.Contains(property.Name))
                    {
                        continue;
                    }

                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", figures);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{Row(item, index++)}]", figures);
                }

                break;
            case JsonValueKind.Number:
                figures[path] = element.GetDouble();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                figures[path] = element.GetBoolean() ? 1 : 0;
                break;
        }
    }

    private static string Row(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return index.ToString(CultureInfo.InvariantCulture);
        }

        var parts = RowKeys
            .Where(key => item.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            .Select(key => item.GetProperty(key).ToString())
            .ToList();
        return parts.Count > 0 ? string.Join(' ', parts) : index.ToString(CultureInfo.InvariantCulture);
    }
}
