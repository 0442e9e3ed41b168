namespace ScenarioEngine.Scenarios;

public static partial class ScenarioWriter
{
    private static ScenarioDocument WithSimCell(ScenarioDocument doc, ScenarioDefinition s)
    {
        doc.ClassificationLine = Empty(s.ClassificationLine);
        doc.SimCell = s.SimCell == new SimCellSettings() ? null : new SimCellDocument { ResponseTarget = TimeText.FormatOffset(s.SimCell.ResponseTarget) };
        doc.Personas = s.Personas.Select(p => new PersonaDocument
        {
            Id = p.Id,
            Name = p.Name,
            Organisation = Empty(p.Organisation),
            Kind = JsonName(p.Kind.ToString()),
            Initials = p.Initials,
            Colour = p.Colour,
            CannedReplies = p.CannedReplies.Select(r => new CannedReplyDocument
            {
                Id = r.Id,
                Text = r.Text,
                Attachments = r.Attachments.Count == 0 ? null : r.Attachments,
                Inject = r.Inject,
            }).ToList(),
        }).ToList();
        return doc;
    }
}
