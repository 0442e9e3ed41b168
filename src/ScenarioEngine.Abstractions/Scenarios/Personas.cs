namespace ScenarioEngine.Scenarios;

// The simulation cell's part of the scenario, kept in its own file (partial records) so the MSEL
// and evaluation additions of other branches merge without touching the same lines. The [Id]s
// start at 40 for the same reason.
public sealed partial record ScenarioDefinition
{
    /// <summary>Who the controllers play: injects come from them, players write to them.</summary>
    [Id(40)] public List<PersonaDefinition> Personas { get; init; } = [];

    [Id(41)] public SimCellSettings SimCell { get; init; } = new();

    /// <summary>The marking on every message and screen; empty means <see cref="ClassificationLines.Default"/>.</summary>
    [Id(42)] public Dictionary<string, string> ClassificationLine { get; init; } = [];

    public PersonaDefinition? FindPersona(string? id) => id is null ? null : Personas.Find(p => p.Id == id);
}

public sealed partial record InjectDefinition
{
    /// <summary>The persona the inject comes from; its name stands in for an empty <see cref="From"/>.</summary>
    [Id(40)] public string? FromPersona { get; init; }
}

public sealed partial record TriggerDefinition
{
    /// <summary>On <see cref="TriggerKind.OnRequest"/>: the persona a team writes to.</summary>
    [Id(40)] public string? Persona { get; init; }

    /// <summary>
    /// On <see cref="TriggerKind.OnRequest"/>: any one of them in the request, case-insensitive; null means any request.
    /// Null rather than empty on every other trigger, so triggers still compare equal as records.
    /// </summary>
    [Id(41)] public List<string>? Keywords { get; init; }
}

public static class ClassificationLines
{
    public static readonly IReadOnlyDictionary<string, string> Default = new Dictionary<string, string>
    {
        ["en"] = "EXERCISE — EXERCISE — EXERCISE",
        ["ru"] = "УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ",
    };

    /// <summary>The scenario's line, or the default for every language it lacks.</summary>
    public static Dictionary<string, string> Of(ScenarioDefinition scenario)
    {
        var line = new Dictionary<string, string>(Default);
        foreach (var (language, text) in scenario.ClassificationLine)
        {
            line[language] = text;
        }

        return line;
    }
}

public enum PersonaKind
{
    Bank,
    Prosecutor,
    Police,
    Hotline,
    Press,
    Ngo,
    FamilyMember,
    Official,
    Other,
}

[GenerateSerializer, Immutable]
public sealed record PersonaDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Organisation { get; init; } = [];
    [Id(3)] public PersonaKind Kind { get; init; } = PersonaKind.Other;

    /// <summary>One to three letters for the avatar.</summary>
    [Id(4)] public required string Initials { get; init; }

    /// <summary>The avatar's colour, #rrggbb.</summary>
    [Id(5)] public required string Colour { get; init; }

    /// <summary>Controller-only until sent: never part of anything a device receives.</summary>
    [Id(6)] public List<CannedReply> CannedReplies { get; init; } = [];
}

/// <summary>A reply written ahead in every language; {team} and {persona} are filled in when it is sent.</summary>
[GenerateSerializer, Immutable]
public sealed record CannedReply
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Text { get; init; }

    /// <summary>Ids of <see cref="ScenarioDefinition.Attachments"/> sent with the reply.</summary>
    [Id(2)] public List<string> Attachments { get; init; } = [];

    /// <summary>The inject the reply belongs to, so the desk can offer it in that inject's context.</summary>
    [Id(3)] public string? Inject { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record SimCellSettings
{
    /// <summary>Wall time within which a request should be answered; the desk shows each request's age against it.</summary>
    [Id(0)] public TimeSpan ResponseTarget { get; init; } = TimeSpan.FromMinutes(10);
}
