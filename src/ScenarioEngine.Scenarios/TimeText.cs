using System.Globalization;

namespace ScenarioEngine.Scenarios;

/// <summary>Scenario time offsets as people write them in YAML, spreadsheets and requests.</summary>
public static class TimeText
{
    private static readonly string[] Formats = [@"h\:mm", @"hh\:mm", @"h\:mm\:ss", @"hh\:mm\:ss", @"d\.h\:mm", @"d\.hh\:mm", @"d\.h\:mm\:ss", @"d\.hh\:mm\:ss"];

    /// <summary>"0:05", "0:05:00", "26:30:00" (hours past a day) or "1.02:30:00" (days.hours:minutes:seconds).</summary>
    public static bool TryParseOffset(string? text, out TimeSpan offset)
    {
        offset = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (TimeSpan.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, out offset))
        {
            return offset >= TimeSpan.Zero;
        }

        // Spreadsheets write multi-day offsets as hours past 24 ("26:30" or "26:30:00").
        var parts = trimmed.Split(':');
        if (parts.Length is 2 or 3
            && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var hours)
            && int.Parse(parts[1], CultureInfo.InvariantCulture) < 60
            && (parts.Length == 2 || int.Parse(parts[2], CultureInfo.InvariantCulture) < 60))
        {
            offset = new TimeSpan(hours, int.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0);
            return true;
        }

        return false;
    }

    public static string FormatOffset(TimeSpan offset) =>
        offset.Days > 0
            ? offset.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)
            : offset.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    public static bool TryParseDateTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
