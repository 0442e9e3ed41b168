using System.Globalization;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>Formatting the dashboard shares: a scenario's text in the dashboard's language, scenario time.</summary>
public static class Text
{
    public static string Pick(IReadOnlyDictionary<string, string>? text, string? fallbackLanguage = null)
    {
        if (text is null || text.Count == 0)
        {
            return string.Empty;
        }

        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return text.TryGetValue(language, out var value) ? value
            : fallbackLanguage is not null && text.TryGetValue(fallbackLanguage, out value) ? value
            : text.TryGetValue("en", out value) ? value
            : text.Values.First();
    }

    /// <summary>Scenario time as day and clock: "D1 02:30:00" (day 1 is STARTEX's day).</summary>
    public static string ScenarioTime(TimeSpan? time) =>
        time is not { } t ? "—"
        : t < TimeSpan.Zero ? "-" + ScenarioTime(-t)
        : $"D{t.Days + 1} {t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}";

    public static string Wall(DateTimeOffset? at) => at is { } a ? a.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>A date in the simulated world (a seeded article's), in its own offset: days before STARTEX need the date, not just the time.</summary>
    public static string Dated(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Parses "26:30", "1.02:30:00" or "D2 02:30" into an offset from STARTEX.</summary>
    public static bool TryParseScenarioTime(string? input, out TimeSpan time)
    {
        time = default;
        var s = input?.Trim() ?? string.Empty;
        if (s.StartsWith('D') && s.IndexOf(' ') is > 1 and var space && int.TryParse(s[1..space], out var day)
            && TryParseScenarioTime(s[(space + 1)..], out var clock))
        {
            time = TimeSpan.FromDays(day - 1) + clock;
            return true;
        }

        var parts = s.Split(':');
        if (parts.Length is 2 or 3 && !parts[0].Contains('.', StringComparison.Ordinal)
            && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            time = new TimeSpan(n[0], n[1], n.Length == 3 ? n[2] : 0);
            return true;
        }

        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out time);
    }
}
