namespace ScenarioEngine.Silo.Scenarios;

// The YAML file as written by a designer: loose strings that ScenarioLoader checks and turns
// into a ScenarioDefinition. Kept apart so a bad file is reported, not half-read.
internal sealed class ScenarioDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Title { get; set; }
    public List<string>? Languages { get; set; }
    public string? DefaultLanguage { get; set; }
    public List<NamedDocument>? Sites { get; set; }
    public List<ActorDocument>? Actors { get; set; }
    public List<TeamDocument>? Teams { get; set; }
    public List<InjectDocument>? Injects { get; set; }
}

internal class NamedDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Name { get; set; }
    public Dictionary<string, string>? Description { get; set; }
}

internal sealed class ActorDocument : NamedDocument
{
    public Dictionary<string, string>? Role { get; set; }
    public string? Site { get; set; }
}

internal sealed class TeamDocument : NamedDocument
{
    public List<string>? Agencies { get; set; }
}

internal sealed class InjectDocument
{
    public string? Number { get; set; }
    public string? At { get; set; }
    public Dictionary<string, string>? From { get; set; }
    public string? Method { get; set; }
    public AudienceDocument? To { get; set; }
    public Dictionary<string, string>? Subject { get; set; }
    public Dictionary<string, string>? Message { get; set; }
    public Dictionary<string, string>? ExpectedAction { get; set; }
    public string? Notes { get; set; }
    public bool ResponseRequested { get; set; }
}

internal sealed class AudienceDocument
{
    public List<string>? Teams { get; set; }
    public List<string>? Actors { get; set; }
}
