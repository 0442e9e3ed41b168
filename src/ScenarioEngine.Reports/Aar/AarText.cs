using System.Globalization;
using System.Resources;

namespace ScenarioEngine.Reports.Aar;

/// <summary>The report's headings and labels, in Resources/AarText.resx (English) and AarText.ru.resx (Russian).</summary>
public sealed class AarText(string language)
{
    private static readonly ResourceManager Resources = new("ScenarioEngine.Reports.Resources.AarText", typeof(AarText).Assembly);

    public CultureInfo Culture { get; } = language == "ru" ? CultureInfo.GetCultureInfo("ru") : CultureInfo.InvariantCulture;

    public string Language { get; } = language == "ru" ? "ru" : "en";

    public string this[string key] => Resources.GetString(key, Culture) ?? throw new MissingManifestResourceException($"No report text '{key}'.");

    /// <summary>Scenario text in the report's language, else the scenario's default, else any.</summary>
    public string Pick(IReadOnlyDictionary<string, string> text, string fallback) =>
        text.TryGetValue(Language, out var t) && t.Length > 0 ? t
        : text.TryGetValue(fallback, out var f) ? f
        : text.Values.FirstOrDefault() ?? string.Empty;

    public static IEnumerable<string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key) ?? [];
}
