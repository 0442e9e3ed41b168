using System.Globalization;
using System.Resources;

namespace ScenarioEngine.Scenarios;

/// <summary>
/// Validation messages in the reader's language (Resources/ScenarioMessages.resx, .ru.resx).
/// Adding a language is adding a .resx file; a missing translation falls back to English.
/// </summary>
public static class ScenarioText
{
    private static readonly ResourceManager Resources = new("ScenarioEngine.Scenarios.Resources.ScenarioMessages", typeof(ScenarioText).Assembly);

    /// <summary>The languages validation messages exist in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ru"];

    public static string Format(CultureInfo? culture, string key, params object?[] args)
    {
        var reader = culture ?? CultureInfo.InvariantCulture;
        var template = Resources.GetString(key, reader) ?? throw new MissingManifestResourceException($"No validation message '{key}'.");
        return string.Format(reader, template, args);
    }

    /// <summary>Every message key of the neutral (English) resources, for the completeness test.</summary>
    public static IEnumerable<string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key) ?? [];

    /// <summary>A culture from an Accept-Language-style tag; English unless a supported language is asked for.</summary>
    public static CultureInfo CultureFor(string? language)
    {
        var tag = language?.Split(',', ';')[0].Trim();
        return tag is { Length: >= 2 } && Languages.Contains(tag[..2].ToLowerInvariant()) && !tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo(tag[..2].ToLowerInvariant())
            : CultureInfo.InvariantCulture;
    }
}

/// <summary>One validation problem: where (a YAML path, or file, row and column) and what, in the reader's language.</summary>
public sealed record ScenarioProblem(string Where, string Message)
{
    /// <summary>The message's key, the same in every language (tests and tools match on it).</summary>
    public string? Code { get; init; }

    public override string ToString() => $"{Where}: {Message}";
}

public sealed class ScenarioValidationException(string source, IReadOnlyList<ScenarioProblem> problems)
    : Exception($"{source} has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
{
    public string ScenarioSource { get; } = source;

    public IReadOnlyList<ScenarioProblem> Problems { get; } = problems;
}

/// <summary>Collects problems in one language.</summary>
internal sealed class ProblemList(CultureInfo? culture) : List<ScenarioProblem>
{
    public CultureInfo? Culture { get; } = culture;

    public void Add(string where, string key, params object?[] args) =>
        Add(new ScenarioProblem(where, ScenarioText.Format(Culture, key, args)) { Code = key });

    public string Text(string key, params object?[] args) => ScenarioText.Format(Culture, key, args);
}
