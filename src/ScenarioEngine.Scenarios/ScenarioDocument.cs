namespace ScenarioEngine.Scenarios;

// The YAML file as written by a designer: loose strings that ScenarioLoader checks and turns
// into a ScenarioDefinition. Kept apart so a bad file is reported, not half-read. The JSON Schema
// in schemas/scenario.schema.json describes the same shape; change both together.
internal sealed partial class ScenarioDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Title { get; set; }
    public Dictionary<string, string>? Description { get; set; }
    public string? Version { get; set; }
    public List<string>? Authors { get; set; }
    public string? ScenarioStart { get; set; }
    public List<string>? Languages { get; set; }
    public string? DefaultLanguage { get; set; }
    public List<SiteDocument>? Sites { get; set; }
    public List<ActorDocument>? Actors { get; set; }
    public List<TeamDocument>? Teams { get; set; }
    public List<ObjectiveDocument>? Objectives { get; set; }
    public List<BreakDocument>? Breaks { get; set; }
    public List<AttachmentDocument>? Attachments { get; set; }
    public List<InjectDocument>? Injects { get; set; }
    public List<NamedDocument>? Capabilities { get; set; }
    public List<EvaluatorDocument>? Evaluators { get; set; }
    public HotwashDocument? Hotwash { get; set; }
}

internal sealed class HotwashDocument
{
    public Dictionary<string, string>? Title { get; set; }
    public Dictionary<string, string>? Intro { get; set; }
    public bool Anonymous { get; set; }
    public List<ResponseFieldDocument>? Questions { get; set; }
}

internal class NamedDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Name { get; set; }
    public Dictionary<string, string>? Description { get; set; }
}

internal sealed class SiteDocument : NamedDocument
{
    public List<string>? States { get; set; }
}

internal sealed class ActorDocument : NamedDocument
{
    public Dictionary<string, string>? Role { get; set; }
    public string? Site { get; set; }
    public Dictionary<string, string>? Profile { get; set; }

    /// <summary>Injects addressed to this actor alone, written next to the actor for the designer's convenience.</summary>
    public List<InjectDocument>? CueCards { get; set; }
}

internal sealed class TeamDocument : NamedDocument
{
    public List<string>? Agencies { get; set; }
    public int? Size { get; set; }
    public Dictionary<string, int>? AgencyMix { get; set; }
}

internal sealed class ObjectiveDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Title { get; set; }
    public Dictionary<string, string>? Description { get; set; }
    public List<string>? Capabilities { get; set; }
    public List<CriticalTaskDocument>? CriticalTasks { get; set; }
}

internal sealed class CriticalTaskDocument
{
    public string? Id { get; set; }
    public string? Capability { get; set; }
    public Dictionary<string, string>? Title { get; set; }
    public List<Dictionary<string, string>>? Targets { get; set; }
}

internal sealed class EvaluatorDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Name { get; set; }
    public List<string>? Teams { get; set; }
    public List<string>? Sites { get; set; }
}

internal sealed class BreakDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Title { get; set; }
    public string? At { get; set; }
    public string? ResumeAt { get; set; }
}

internal sealed class AttachmentDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Title { get; set; }

    /// <summary>Path relative to the scenario file.</summary>
    public string? File { get; set; }

    /// <summary>Or the bytes inline, base64, for a scenario sent as one YAML text.</summary>
    public string? Content { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
}

internal sealed class InjectDocument
{
    public string? FromPersona { get; set; }
    public string? Channel { get; set; }
    public string? Number { get; set; }
    public string? At { get; set; }
    public string? AtTime { get; set; }
    public TriggerDocument? Trigger { get; set; }
    public Dictionary<string, string>? From { get; set; }
    public string? Method { get; set; }
    public AudienceDocument? To { get; set; }
    public Dictionary<string, string>? Subject { get; set; }
    public Dictionary<string, string>? Message { get; set; }
    public Dictionary<string, string>? ExpectedAction { get; set; }
    public string? Notes { get; set; }
    public bool ResponseRequested { get; set; }
    public ResponseFormDocument? ResponseForm { get; set; }
    public string? ResponseDeadline { get; set; }
    public List<string>? Attachments { get; set; }
    public List<string>? Objectives { get; set; }
    public bool Contingency { get; set; }
    public bool? Enabled { get; set; }
    public List<DisclosureDocument>? Disclosures { get; set; }
    public Dictionary<string, string>? ToPersona { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}

internal sealed class AudienceDocument
{
    public List<string>? Teams { get; set; }
    public List<string>? Actors { get; set; }
    public List<string>? Roles { get; set; }
    public List<string>? Sites { get; set; }
    public bool Everyone { get; set; }
}

internal sealed partial class TriggerDocument
{
    public bool Manual { get; set; }
    public AfterDocument? After { get; set; }
    public ResponseTriggerDocument? OnResponse { get; set; }
    public SiteTriggerDocument? OnSiteState { get; set; }
    public ResponseTriggerDocument? IfNoResponse { get; set; }
}

internal sealed class AfterDocument
{
    public string? Inject { get; set; }
    public string? Delay { get; set; }
}

internal sealed class ResponseTriggerDocument
{
    public string? Inject { get; set; }

    /// <summary>sameTeam or anyTeam.</summary>
    public string? From { get; set; }

    /// <summary>For a contingency: how long after the inject fired; defaults to its response deadline.</summary>
    public string? Within { get; set; }
    public string? Choice { get; set; }
    public string? Field { get; set; }
    public string? Contains { get; set; }
}

internal sealed class SiteTriggerDocument
{
    public string? Site { get; set; }
    public string? State { get; set; }
}

internal sealed class ResponseFormDocument
{
    public List<ResponseFieldDocument>? Fields { get; set; }
}

internal sealed class ResponseFieldDocument
{
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public Dictionary<string, string>? Label { get; set; }
    public bool Required { get; set; }
    public List<ChoiceDocument>? Choices { get; set; }
}

internal sealed class ChoiceDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Label { get; set; }
}

internal sealed class DisclosureDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Fact { get; set; }
    public Dictionary<string, string>? Condition { get; set; }
    public string? AfterInject { get; set; }
}
