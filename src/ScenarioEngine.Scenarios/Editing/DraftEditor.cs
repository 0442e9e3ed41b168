using System.Globalization;
using ScenarioEngine.Drafts;

namespace ScenarioEngine.Scenarios.Editing;

/// <summary>What applying an edit to a document decided: the new document, or why not and what the cell holds now.</summary>
public sealed record DraftDecision(DraftOutcome Outcome, DraftDocument Document)
{
    public string? CurrentValue { get; init; }
    public string? ProblemCode { get; init; }
    public IReadOnlyList<string> ProblemArguments { get; init; } = [];
}

/// <summary>
/// The rule two designers editing one draft live by, decided on the document alone. Edits are
/// checked cell by cell, not version by version: a change to a cell nobody else touched always
/// goes in, whatever else happened to the draft meanwhile, so no edit is lost to a busy
/// neighbour. A cell edit whose base (the value its designer saw) is no longer the cell's value is
/// refused with the value it holds now, unless it sets what is already there. Rows are found by
/// their key, so a reorder or a renumbering in between changes nothing.
/// </summary>
public static class DraftEditor
{
    /// <summary>A new draft of <paramref name="scenario"/>, its rows keyed in order.</summary>
    public static DraftDocument Start(ScenarioDefinition scenario) => new()
    {
        Scenario = scenario,
        Keys = Enum.GetValues<DraftCollection>().Where(c => c != DraftCollection.Scenario)
            .ToDictionary(c => c, c => Enumerable.Range(0, DraftFields.Count(scenario, c)).Select(i => $"{Prefix(c)}{i + 1}").ToList()),
    };

    public static IReadOnlyList<string> KeysOf(DraftDocument document, DraftCollection collection) =>
        collection == DraftCollection.Scenario ? [ScenarioRow] : document.Keys.GetValueOrDefault(collection) ?? [];

    /// <summary>The key of the scenario's own row (title, description).</summary>
    public const string ScenarioRow = "scenario";

    public static int IndexOf(DraftDocument document, DraftCollection collection, string? row) =>
        row is null ? -1 : KeysOf(document, collection).ToList().IndexOf(row);

    public static DraftDecision Apply(DraftDocument document, DraftEdit edit) => edit.Kind switch
    {
        DraftEditKind.SetCell => SetCell(document, edit),
        DraftEditKind.AddRow => Add(document, edit),
        DraftEditKind.DuplicateRow => Duplicate(document, edit),
        DraftEditKind.DeleteRow => Delete(document, edit),
        DraftEditKind.MoveRow => Move(document, edit),
        _ => throw new ArgumentOutOfRangeException(nameof(edit)),
    };

    private static DraftDecision SetCell(DraftDocument document, DraftEdit edit)
    {
        var index = IndexOf(document, edit.Collection, edit.Row);
        if (index < 0)
        {
            return new DraftDecision(DraftOutcome.RowGone, document);
        }

        var field = edit.Field ?? throw new ArgumentException("A cell edit names its field.", nameof(edit));
        var current = DraftFields.Get(document.Scenario, edit.Collection, index, field);
        var value = edit.Value ?? string.Empty;
        if (current == value)
        {
            // Both designers typed the same thing: nothing conflicts and nothing is stored twice.
            return new DraftDecision(DraftOutcome.Unchanged, document) { CurrentValue = current };
        }

        if (current != (edit.Base ?? string.Empty))
        {
            return new DraftDecision(DraftOutcome.StaleCell, document) { CurrentValue = current };
        }

        try
        {
            var scenario = DraftFields.Set(document.Scenario, edit.Collection, index, field, value);
            return new DraftDecision(DraftOutcome.Applied, document with { Scenario = scenario });
        }
        catch (DraftCellException bad)
        {
            return new DraftDecision(DraftOutcome.Invalid, document) { CurrentValue = current, ProblemCode = bad.Code, ProblemArguments = bad.Arguments };
        }
    }

    private static DraftDecision Add(DraftDocument document, DraftEdit edit)
    {
        var key = NewKey(edit);
        if (IndexOf(document, edit.Collection, key) >= 0)
        {
            return new DraftDecision(DraftOutcome.Unchanged, document);
        }

        var after = IndexOf(document, edit.Collection, edit.Row);
        var at = after >= 0 ? after + 1 : DraftFields.Count(document.Scenario, edit.Collection);
        var s = document.Scenario;
        var scenario = edit.Collection switch
        {
            DraftCollection.Injects => s with { Injects = Insert(s.Injects, at, BlankInject(s)) },
            DraftCollection.Teams => s with { Teams = Insert(s.Teams, at, new TeamDefinition { Id = FreeId(s.Teams.Select(t => t.Id), "team"), Name = [] }) },
            DraftCollection.Sites => s with { Sites = Insert(s.Sites, at, new SiteDefinition { Id = FreeId(s.Sites.Select(t => t.Id), "site"), Name = [] }) },
            DraftCollection.Actors => s with { Actors = Insert(s.Actors, at, new ActorDefinition { Id = FreeId(s.Actors.Select(t => t.Id), "actor"), Name = [] }) },
            DraftCollection.Objectives => s with { Objectives = Insert(s.Objectives, at, new ObjectiveDefinition { Id = FreeId(s.Objectives.Select(t => t.Id), "objective"), Title = [] }) },
            DraftCollection.Personas => s with { Personas = Insert(s.Personas, at, new PersonaDefinition { Id = FreeId(s.Personas.Select(t => t.Id), "persona"), Name = [], Initials = "?", Colour = "#5c5c5c" }) },
            _ => throw new ArgumentException("The scenario's own row cannot be added.", nameof(edit)),
        };
        return new DraftDecision(DraftOutcome.Applied, WithKeys(document, scenario, edit.Collection, keys => keys.Insert(at, key)));
    }

    private static DraftDecision Duplicate(DraftDocument document, DraftEdit edit)
    {
        var key = NewKey(edit);
        if (IndexOf(document, edit.Collection, key) >= 0)
        {
            return new DraftDecision(DraftOutcome.Unchanged, document);
        }

        var index = IndexOf(document, edit.Collection, edit.Row);
        if (index < 0)
        {
            return new DraftDecision(DraftOutcome.RowGone, document);
        }

        var s = document.Scenario;
        var scenario = edit.Collection switch
        {
            DraftCollection.Injects => s with { Injects = Insert(s.Injects, index + 1, s.Injects[index] with { Number = FreeNumber(s) }) },
            DraftCollection.Teams => s with { Teams = Insert(s.Teams, index + 1, s.Teams[index] with { Id = FreeId(s.Teams.Select(t => t.Id), s.Teams[index].Id) }) },
            DraftCollection.Sites => s with { Sites = Insert(s.Sites, index + 1, s.Sites[index] with { Id = FreeId(s.Sites.Select(t => t.Id), s.Sites[index].Id) }) },
            DraftCollection.Actors => s with { Actors = Insert(s.Actors, index + 1, s.Actors[index] with { Id = FreeId(s.Actors.Select(t => t.Id), s.Actors[index].Id) }) },
            DraftCollection.Objectives => s with { Objectives = Insert(s.Objectives, index + 1, s.Objectives[index] with { Id = FreeId(s.Objectives.Select(t => t.Id), s.Objectives[index].Id) }) },
            DraftCollection.Personas => s with { Personas = Insert(s.Personas, index + 1, s.Personas[index] with { Id = FreeId(s.Personas.Select(t => t.Id), s.Personas[index].Id) }) },
            _ => throw new ArgumentException("The scenario's own row cannot be duplicated.", nameof(edit)),
        };
        return new DraftDecision(DraftOutcome.Applied, WithKeys(document, scenario, edit.Collection, keys => keys.Insert(index + 1, key)));
    }

    private static DraftDecision Delete(DraftDocument document, DraftEdit edit)
    {
        var index = IndexOf(document, edit.Collection, edit.Row);
        if (index < 0)
        {
            // Two designers deleting the same row agree; the second has nothing to do.
            return new DraftDecision(DraftOutcome.Unchanged, document);
        }

        var scenario = Reorder(document.Scenario, edit.Collection, list => list.RemoveAt(index));
        return new DraftDecision(DraftOutcome.Applied, WithKeys(document, scenario, edit.Collection, keys => keys.RemoveAt(index)));
    }

    private static DraftDecision Move(DraftDocument document, DraftEdit edit)
    {
        var index = IndexOf(document, edit.Collection, edit.Row);
        if (index < 0)
        {
            return new DraftDecision(DraftOutcome.RowGone, document);
        }

        var to = Math.Clamp(edit.ToIndex ?? index, 0, DraftFields.Count(document.Scenario, edit.Collection) - 1);
        if (to == index)
        {
            return new DraftDecision(DraftOutcome.Unchanged, document);
        }

        void MoveIn<T>(List<T> list)
        {
            var item = list[index];
            list.RemoveAt(index);
            list.Insert(to, item);
        }

        var scenario = Reorder(document.Scenario, edit.Collection, MoveIn);
        return new DraftDecision(DraftOutcome.Applied, WithKeys(document, scenario, edit.Collection, MoveIn));
    }

    /// <summary>The next whole number after the largest numeric control number, as designers number a new row.</summary>
    public static string FreeNumber(ScenarioDefinition s)
    {
        var numbers = s.Injects.Select(i => int.TryParse(i.Number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        var next = numbers.DefaultIfEmpty(0).Max() + 1;
        while (s.Injects.Any(i => i.Number == next.ToString(CultureInfo.InvariantCulture)))
        {
            next++;
        }

        return next.ToString(CultureInfo.InvariantCulture);
    }

    private static InjectDefinition BlankInject(ScenarioDefinition s) => new()
    {
        Number = FreeNumber(s),
        Subject = [],
        Message = [],
        To = new AudienceDefinition(),
    };

    private static string FreeId(IEnumerable<string> taken, string stem)
    {
        var ids = taken.ToHashSet(StringComparer.Ordinal);
        var n = 2;
        var candidate = ids.Contains(stem) ? $"{stem}-{n}" : stem;
        while (ids.Contains(candidate))
        {
            candidate = $"{stem}-{++n}";
        }

        return candidate;
    }

    private static string NewKey(DraftEdit edit) =>
        edit.NewRow is { Length: > 0 } key ? key : throw new ArgumentException("A new row needs the key its designer chose.", nameof(edit));

    private static string Prefix(DraftCollection c) => c.ToString().ToLowerInvariant()[..1];

    private static List<T> Insert<T>(List<T> list, int at, T item)
    {
        var copy = list.ToList();
        copy.Insert(at, item);
        return copy;
    }

    private static ScenarioDefinition Reorder(ScenarioDefinition s, DraftCollection collection, Action<List<object>> change)
    {
        List<T> Changed<T>(List<T> list)
        {
            var copy = list.Cast<object>().ToList();
            change(copy);
            return copy.Cast<T>().ToList();
        }

        return collection switch
        {
            DraftCollection.Injects => s with { Injects = Changed(s.Injects) },
            DraftCollection.Teams => s with { Teams = Changed(s.Teams) },
            DraftCollection.Sites => s with { Sites = Changed(s.Sites) },
            DraftCollection.Actors => s with { Actors = Changed(s.Actors) },
            DraftCollection.Objectives => s with { Objectives = Changed(s.Objectives) },
            DraftCollection.Personas => s with { Personas = Changed(s.Personas) },
            _ => throw new ArgumentException("The scenario's own row does not move.", nameof(collection)),
        };
    }

    private static DraftDocument WithKeys(DraftDocument document, ScenarioDefinition scenario, DraftCollection collection, Action<List<string>> change)
    {
        var keys = document.Keys.ToDictionary(k => k.Key, k => k.Value.ToList());
        var list = keys.GetValueOrDefault(collection) ?? [];
        change(list);
        keys[collection] = list;
        return new DraftDocument { Scenario = scenario, Keys = keys };
    }
}
