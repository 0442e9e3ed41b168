namespace ScenarioEngine.Scenarios;

public static partial class ScenarioLoader
{
    private static ScenarioDefinition WithSimCell(ScenarioDefinition scenario, ScenarioDocument doc, FieldReader reader, ProblemList problems) => scenario with
    {
        ClassificationLine = doc.ClassificationLine ?? [],
        SimCell = doc.SimCell?.ResponseTarget is { } target
            ? new SimCellSettings { ResponseTarget = reader.Offset(target, "simCell.responseTarget") ?? new SimCellSettings().ResponseTarget }
            : new SimCellSettings(),
        Personas = (doc.Personas ?? []).Select((p, i) => new PersonaDefinition
        {
            Id = reader.Id(p.Id, $"personas[{i}]"),
            Name = p.Name ?? [],
            Organisation = p.Organisation ?? [],
            Kind = PersonaKindOf(p.Kind, $"personas[{i}].kind", problems),
            Initials = p.Initials?.Trim() ?? string.Empty,
            Colour = p.Colour?.Trim() ?? string.Empty,
            CannedReplies = (p.CannedReplies ?? []).Select((r, j) => new CannedReply
            {
                Id = reader.Id(r.Id, $"personas[{i}].cannedReplies[{j}]"),
                Text = r.Text ?? [],
                Attachments = r.Attachments ?? [],
                Inject = string.IsNullOrWhiteSpace(r.Inject) ? null : r.Inject.Trim(),
            }).ToList(),
        }).ToList(),
    };

    private static PersonaKind PersonaKindOf(string? text, string where, ProblemList problems)
    {
        if (text is null)
        {
            return PersonaKind.Other;
        }

        if (Enum.TryParse<PersonaKind>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var kind))
        {
            return kind;
        }

        problems.Add(where, Msg.PersonaKindInvalid, text, string.Join(", ", Enum.GetNames<PersonaKind>()));
        return PersonaKind.Other;
    }
}
