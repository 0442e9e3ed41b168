using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Library;

/// <summary>A scenario kept as a reusable template: the YAML as the designer wrote it, and its attachments.</summary>
[GenerateSerializer]
public sealed record ScenarioTemplate
{
    [Id(0)] public required string Yaml { get; init; }
    [Id(1)] public Dictionary<string, byte[]> Attachments { get; init; } = [];
}

/// <summary>One line of the library: enough to list and choose a template without loading it.</summary>
[GenerateSerializer]
public sealed record ScenarioTemplateInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Title { get; init; }
    [Id(2)] public required int Injects { get; init; }
    [Id(3)] public required List<string> Languages { get; init; }
    [Id(4)] public DateTimeOffset SavedAt { get; init; }

    public static ScenarioTemplateInfo Of(ScenarioDefinition scenario, DateTimeOffset savedAt) => new()
    {
        Id = scenario.Id,
        Title = scenario.Title,
        Injects = scenario.Injects.Count,
        Languages = scenario.Languages,
        SavedAt = savedAt,
    };
}

/// <summary>One template, keyed by its scenario id. Its state is one YAML text and its files, written only when saved.</summary>
public interface IScenarioTemplateGrain : IGrainWithStringKey
{
    Task<ScenarioTemplate?> Get();

    /// <summary>Saves (or replaces) the template; the caller has validated it.</summary>
    Task Save(ScenarioTemplate template, ScenarioTemplateInfo info);
}

/// <summary>The list of templates (key 0), small: one info line per template.</summary>
public interface IScenarioLibraryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<ScenarioTemplateInfo>> List();

    Task Register(ScenarioTemplateInfo info);
}

/// <summary>The designer's column mapping for an exercise's MSEL sheets (header → field or "ignore"), remembered between imports.</summary>
public interface IMselMappingGrain : IGrainWithStringKey
{
    Task<Dictionary<string, string>> Get();

    Task Set(Dictionary<string, string> map);
}
