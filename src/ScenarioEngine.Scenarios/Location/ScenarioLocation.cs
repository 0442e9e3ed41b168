namespace ScenarioEngine.Scenarios;

// Location, when the user agrees (issue 17 section 3): the YAML key `locationSharing`, kept beside,
// not inside, ScenarioDocument.cs so other branches merge cleanly. schemas/scenario.schema.json
// describes the same.
internal sealed partial class ScenarioDocument
{
    /// <summary>
    /// "true" or "false" (YAML's yes/no/on/off too); absent means false. Read as text so a typo gets
    /// the validator's message in the reader's language, not the YAML parser's.
    /// </summary>
    public string? LocationSharing { get; set; }
}

public static partial class ScenarioLoader
{
    private static ScenarioDefinition WithLocation(ScenarioDefinition scenario, ScenarioDocument doc, ProblemList problems)
    {
        switch (doc.LocationSharing?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "no" or "off":
                return scenario;
            case "true" or "yes" or "on":
                return scenario with { LocationSharing = true };
            default:
                problems.Add("locationSharing", Msg.LocationSharingNotFlag, doc.LocationSharing);
                return scenario;
        }
    }
}

public static partial class ScenarioWriter
{
    private static ScenarioDocument WithLocation(ScenarioDocument doc, ScenarioDefinition s)
    {
        doc.LocationSharing = s.LocationSharing ? "true" : null;
        return doc;
    }
}
