namespace ScenarioEngine.Scenarios;

public static partial class ScenarioWriter
{
    private static ScenarioDocument WithEvidence(ScenarioDocument doc, ScenarioDefinition s)
    {
        doc.Evidence = s.Evidence.Count == 0 ? null : s.Evidence.Select(e => new EvidenceDocument
        {
            Id = e.Id,
            Site = e.Site,
            Name = e.Name,
            HiddenAt = Empty(e.HiddenAt),
            Text = Empty(e.Text),
            Attachments = e.Attachments.Count == 0 ? null : e.Attachments,
            Condition = e.Condition is { } c ? new EvidenceConditionDocument { SiteState = c.SiteState, AfterInject = c.AfterInject } : null,
        }).ToList();
        return doc;
    }

    private static EvidenceTriggerDocument EvidenceTrigger(TriggerDefinition t) =>
        new() { Item = t.Evidence, Delay = t.Delay is { } d && d > TimeSpan.Zero ? Offset(d) : null };
}
