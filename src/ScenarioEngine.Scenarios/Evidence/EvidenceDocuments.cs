namespace ScenarioEngine.Scenarios;

// The YAML shape of the evidence props (issue 17); schemas/scenario.schema.json describes the same.
// Kept beside, not inside, ScenarioDocument.cs so other branches merge cleanly.
internal sealed partial class ScenarioDocument
{
    public List<EvidenceDocument>? Evidence { get; set; }
}

internal sealed class EvidenceDocument
{
    public string? Id { get; set; }
    public string? Site { get; set; }
    public Dictionary<string, string>? Name { get; set; }
    public Dictionary<string, string>? HiddenAt { get; set; }
    public Dictionary<string, string>? Text { get; set; }
    public List<string>? Attachments { get; set; }
    public EvidenceConditionDocument? Condition { get; set; }
}

internal sealed class EvidenceConditionDocument
{
    public string? SiteState { get; set; }
    public string? AfterInject { get; set; }
}

internal sealed partial class TriggerDocument
{
    public EvidenceTriggerDocument? OnEvidence { get; set; }
}

internal sealed class EvidenceTriggerDocument
{
    public string? Item { get; set; }

    /// <summary>Exercise time after the find; none means at once.</summary>
    public string? Delay { get; set; }
}
