using System.Text.RegularExpressions;
using ScenarioEngine.Drafts;

namespace ScenarioEngine.Scenarios.Editing;

/// <summary>
/// Where a validation problem sits in the editor. <see cref="Cell"/> is a cell name or the start
/// of several ("form.amount" covers the field's kind, label and choices; "subject" both languages).
/// </summary>
public sealed record DraftCellRef(DraftCollection Collection, int Index, string Cell)
{
    public bool Covers(DraftCollection collection, int index, string cell) =>
        collection == Collection && index == Index
        && (cell == Cell || cell.StartsWith(Cell + ".", StringComparison.Ordinal));
}

/// <summary>
/// Turns the validator's YAML paths ("injects[3].responseForm.fields.amount.label",
/// "personas[0].cannedReplies[1].text") into editor cells, so the problem is shown on the cell
/// the designer must change. The validator stays the one judge, as for an import.
/// </summary>
public static partial class DraftProblems
{
    public static DraftCellRef? Locate(ScenarioDefinition s, string where)
    {
        if (where is "title" or "description" or "classificationLine")
        {
            return new DraftCellRef(DraftCollection.Scenario, 0, where);
        }

        var match = Row().Match(where);
        if (!match.Success)
        {
            return null;
        }

        var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rest = match.Groups["rest"].Value;
        var collection = match.Groups["list"].Value switch
        {
            "injects" => DraftCollection.Injects,
            "teams" => DraftCollection.Teams,
            "sites" => DraftCollection.Sites,
            "actors" => DraftCollection.Actors,
            "objectives" => DraftCollection.Objectives,
            _ => DraftCollection.Personas,
        };
        if (index >= DraftFields.Count(s, collection))
        {
            return null;
        }

        var cell = (collection, rest) switch
        {
            (_, "") => string.Empty,
            (DraftCollection.Injects, _) when rest.StartsWith("responseForm.fields", StringComparison.Ordinal) => "form" + rest["responseForm.fields".Length..],
            (DraftCollection.Injects, _) when rest.StartsWith("disclosures", StringComparison.Ordinal) => "gates" + rest["disclosures".Length..],
            (DraftCollection.Personas, _) when Item().Match(rest) is { Success: true, Groups: var g } && g["list"].Value == "cannedReplies" =>
                Nested("replies", s.Personas[index].CannedReplies.ElementAtOrDefault(ItemIndex(g))?.Id, g["part"].Value),
            (DraftCollection.Objectives, _) when Item().Match(rest) is { Success: true, Groups: var g } && g["list"].Value == "criticalTasks" =>
                Nested("tasks", s.Objectives[index].CriticalTasks.ElementAtOrDefault(ItemIndex(g))?.Id, g["part"].Value),
            _ => rest.Split('.')[0],
        };
        return new DraftCellRef(collection, index, cell);
    }

    private static int ItemIndex(GroupCollection g) => int.Parse(g["index"].Value, System.Globalization.CultureInfo.InvariantCulture);

    // A duplicate id is the list's problem; any other part is the item's cell ("targets[2]" is the targets cell).
    private static string Nested(string list, string? id, string part) =>
        id is null || part is "" or "id" ? list : $"{list}.{id}.{part.Split('[')[0]}";

    [GeneratedRegex(@"^(?<list>injects|teams|sites|actors|objectives|personas)\[(?<index>\d+)\]\.?(?<rest>.*)$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(?<list>\w+)\[(?<index>\d+)\]\.?(?<part>.*)$")]
    private static partial Regex Item();
}
