namespace ScenarioEngine.Scenarios;

// The YAML shape of the scenario's simulated media; schemas/scenario.schema.json describes the same.
internal sealed partial class ScenarioDocument
{
    public List<MediaChannelDocument>? MediaChannels { get; set; }
    public List<SeededArticleDocument>? History { get; set; }
}

internal sealed class MediaChannelDocument
{
    public string? Id { get; set; }
    public Dictionary<string, string>? Name { get; set; }
    public string? Kind { get; set; }
    public string? Author { get; set; }
}

internal sealed class SeededArticleDocument
{
    public string? Id { get; set; }
    public string? Channel { get; set; }

    /// <summary>Before STARTEX as a negative offset ("-1.02:00:00"), dated from the scenario's start.</summary>
    public string? At { get; set; }

    /// <summary>Or an absolute scenario date-time.</summary>
    public string? Published { get; set; }
    public Dictionary<string, string>? Subject { get; set; }
    public Dictionary<string, string>? Message { get; set; }
    public List<string>? Attachments { get; set; }
}
