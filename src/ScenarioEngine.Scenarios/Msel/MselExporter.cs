using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// Writes a scenario's MSEL as a sheet the importer reads back unchanged: one row per inject,
/// text columns per language ("Subject (ru)", "Subject (en)"), headers in English or Russian,
/// one "#Name" column per tag.
/// </summary>
public static class MselExporter
{
    public static IReadOnlyList<IReadOnlyList<string>> Rows(ScenarioDefinition scenario, bool russianHeaders = false)
    {
        string Header(MselField field, string? language = null)
        {
            var name = russianHeaders ? MselColumns.Canonical[field].Ru : MselColumns.Canonical[field].En;
            return language is null ? name : $"{name} ({language})";
        }

        var header = new List<string> { Header(MselField.Number), Header(MselField.Time), Header(MselField.Trigger) };
        header.AddRange(scenario.Languages.Select(l => Header(MselField.From, l)));
        header.AddRange(scenario.Languages.Select(l => Header(MselField.ToPersona, l)));
        header.AddRange([Header(MselField.To), Header(MselField.Method)]);
        header.AddRange(scenario.Languages.Select(l => Header(MselField.Subject, l)));
        header.AddRange(scenario.Languages.Select(l => Header(MselField.Message, l)));
        header.AddRange(scenario.Languages.Select(l => Header(MselField.ExpectedAction, l)));
        header.AddRange([Header(MselField.Notes), Header(MselField.Objectives), Header(MselField.Attachments), Header(MselField.Response),
            Header(MselField.ResponseDeadline), Header(MselField.Contingency), Header(MselField.Enabled)]);
        var tags = scenario.Injects.SelectMany(i => i.Tags.Keys).Distinct(StringComparer.Ordinal).ToList();
        header.AddRange(tags.Select(t => $"#{t}"));

        var rows = new List<IReadOnlyList<string>> { header };
        foreach (var inject in scenario.Injects)
        {
            var row = new List<string>
            {
                inject.Number,
                inject.At is { } at ? TimeText.FormatOffset(at) : string.Empty,
                TriggerText.Format(inject),
            };
            row.AddRange(scenario.Languages.Select(l => inject.From.GetValueOrDefault(l, string.Empty)));
            row.AddRange(scenario.Languages.Select(l => inject.ToPersona.GetValueOrDefault(l, string.Empty)));
            row.AddRange([Audience(inject.To), inject.Method.ToString()]);
            row.AddRange(scenario.Languages.Select(l => inject.Subject.GetValueOrDefault(l, string.Empty)));
            row.AddRange(scenario.Languages.Select(l => inject.Message.GetValueOrDefault(l, string.Empty)));
            row.AddRange(scenario.Languages.Select(l => inject.ExpectedAction.GetValueOrDefault(l, string.Empty)));
            row.AddRange(
            [
                inject.ControllerNotes ?? string.Empty,
                string.Join(", ", inject.Objectives),
                string.Join(", ", inject.Attachments),
                Response(inject),
                inject.ResponseDeadline is { } deadline ? TimeText.FormatOffset(deadline) : string.Empty,
                inject.Contingency ? "yes" : "no",
                inject.Enabled ? "yes" : "no",
            ]);
            row.AddRange(tags.Select(t => inject.Tags.GetValueOrDefault(t, string.Empty)));
            rows.Add(row);
        }

        return rows;
    }

    public static string Audience(AudienceDefinition to) =>
        to.Everyone
            ? "everyone"
            : string.Join(", ", to.Teams
                .Concat(to.Actors.Select(a => $"actor:{a}"))
                .Concat(to.Sites.Select(s => $"site:{s}"))
                .Concat(to.Roles.Select(r => $"role:{r}")));

    private static string Response(InjectDefinition inject) => inject.ResponseForm switch
    {
        { Fields: [{ Id: "choice", Kind: ResponseFieldKind.Choice } only] } => $"choice: {string.Join(" | ", only.Choices.Select(c => c.Id))}",
        not null => "form",
        null => inject.ResponseRequested ? "yes" : "no",
    };
}
