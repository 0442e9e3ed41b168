namespace ScenarioEngine.Scenarios;

// The YAML shape of the simulation cell's part of a scenario; schemas/scenario.schema.json
// describes the same. Kept beside, not inside, ScenarioDocument.cs so other branches merge cleanly.
internal sealed partial class ScenarioDocument
{
    public List<PersonaDocument>? Personas { get; set; }
    public SimCellDocument? SimCell { get; set; }
    public Dictionary<string, string>? ClassificationLine { get; set; }
}

internal sealed class PersonaDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Name { get; set; }
    public Dictionary<string, string>? Organisation { get; set; }
    public string? Kind { get; set; }
    public string? Initials { get; set; }
    public string? Colour { get; set; }
    public List<CannedReplyDocument>? CannedReplies { get; set; }
}

internal sealed class CannedReplyDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Text { get; set; }
    public List<string>? Attachments { get; set; }
    public string? Inject { get; set; }
}

internal sealed class SimCellDocument
{
    /// <summary>A duration written like every offset in the file, e.g. "0:10:00".</summary>
    public string? ResponseTarget { get; set; }
}

internal sealed partial class TriggerDocument
{
    public RequestTriggerDocument? OnRequest { get; set; }
}

internal sealed class RequestTriggerDocument
{
    public string? Persona { get; set; }
    public List<string>? Keywords { get; set; }

    /// <summary>Exercise time after the request; none means at once.</summary>
    public string? Delay { get; set; }
}
