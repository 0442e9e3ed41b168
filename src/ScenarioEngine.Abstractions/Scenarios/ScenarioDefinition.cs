namespace ScenarioEngine.Scenarios;

/// <summary>
/// The authored package an exercise is created from. Text a person reads is keyed by language
/// code ("en", "ru"), with <see cref="DefaultLanguage"/> as the fallback.
/// </summary>
[GenerateSerializer]
public sealed record ScenarioDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Title { get; init; }
    [Id(2)] public required List<string> Languages { get; init; }
    [Id(3)] public required string DefaultLanguage { get; init; }
    [Id(4)] public List<SiteDefinition> Sites { get; init; } = [];
    [Id(5)] public List<ActorDefinition> Actors { get; init; } = [];
    [Id(6)] public List<TeamDefinition> Teams { get; init; } = [];
    [Id(7)] public List<InjectDefinition> Injects { get; init; } = [];
}

[GenerateSerializer]
public sealed record SiteDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Description { get; init; } = [];
}

[GenerateSerializer]
public sealed record ActorDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Role { get; init; } = [];
    [Id(3)] public string? Site { get; init; }
}

[GenerateSerializer]
public sealed record TeamDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public List<string> Agencies { get; init; } = [];
}

/// <summary>One MSEL row. Fields follow common MSEL practice; see ../shared/DESIGN.md.</summary>
[GenerateSerializer]
public sealed record InjectDefinition
{
    /// <summary>The control number, unique in the scenario ("1", "14a").</summary>
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required Dictionary<string, string> Subject { get; init; }
    [Id(2)] public required Dictionary<string, string> Message { get; init; }
    [Id(3)] public Dictionary<string, string> From { get; init; } = [];
    [Id(4)] public DeliveryMethod Method { get; init; } = DeliveryMethod.Document;
    [Id(5)] public required AudienceDefinition To { get; init; }

    /// <summary>Offset from STARTEX in scenario time; null means the inject is fired by hand only.</summary>
    [Id(6)] public TimeSpan? At { get; init; }

    [Id(7)] public Dictionary<string, string> ExpectedAction { get; init; } = [];
    [Id(8)] public string? ControllerNotes { get; init; }
    [Id(9)] public bool ResponseRequested { get; init; }
}

[GenerateSerializer]
public sealed record AudienceDefinition
{
    [Id(0)] public List<string> Teams { get; init; } = [];
    [Id(1)] public List<string> Actors { get; init; } = [];
}

public enum DeliveryMethod
{
    Document,
    PhoneCall,
    Sms,
    Email,
    Radio,
    InPerson,
    MediaReport,
}
