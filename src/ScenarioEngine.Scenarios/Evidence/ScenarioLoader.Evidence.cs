namespace ScenarioEngine.Scenarios;

public static partial class ScenarioLoader
{
    private static ScenarioDefinition WithEvidence(ScenarioDefinition scenario, ScenarioDocument doc, FieldReader reader) => scenario with
    {
        Evidence = (doc.Evidence ?? []).Select((e, i) => new EvidenceDefinition
        {
            Id = reader.Id(e.Id, $"evidence[{i}]"),
            Site = e.Site?.Trim() ?? string.Empty,
            Name = e.Name ?? [],
            HiddenAt = e.HiddenAt ?? [],
            Text = e.Text ?? [],
            Attachments = e.Attachments ?? [],
            Condition = e.Condition is { } c
                ? new EvidenceCondition { SiteState = Blank(c.SiteState), AfterInject = Blank(c.AfterInject) }
                : null,
        }).ToList(),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static TriggerDefinition EvidenceTrigger(EvidenceTriggerDocument doc, string where, FieldReader reader) => new()
    {
        Kind = TriggerKind.OnEvidence,
        Evidence = doc.Item?.Trim(),
        Delay = reader.Offset(doc.Delay, $"{where}.onEvidence.delay") ?? TimeSpan.Zero,
    };
}
