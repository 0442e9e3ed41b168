using ScenarioEngine.Drafts;

namespace ScenarioEngine.Scenarios.Editing;

public enum DraftChangeKind
{
    Added,
    Removed,
    Moved,
    Changed,
}

/// <summary>One line of a diff: a row added, removed or moved, or one cell changed from <see cref="Before"/> to <see cref="After"/>.</summary>
public sealed record DraftChange(DraftCollection Collection, string Row, string Label, DraftChangeKind Kind)
{
    public string? Field { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
}

/// <summary>What changed between two versions of a draft, cell by cell, rows matched by their keys (so a renumbered inject is a changed cell, not a new row).</summary>
public static class DraftDiff
{
    public static IReadOnlyList<DraftChange> Between(DraftDocument before, DraftDocument after)
    {
        var languages = before.Scenario.Languages.Union(after.Scenario.Languages).ToList();
        var changes = new List<DraftChange>();
        foreach (var collection in Enum.GetValues<DraftCollection>())
        {
            var was = DraftEditor.KeysOf(before, collection).ToList();
            var now = DraftEditor.KeysOf(after, collection).ToList();
            var fields = DraftFields.Of(collection, languages);
            foreach (var (key, i) in now.Select((k, i) => (k, i)))
            {
                var old = was.IndexOf(key);
                var label = DraftFields.Label(after.Scenario, collection, i);
                if (old < 0)
                {
                    changes.Add(new DraftChange(collection, key, label, DraftChangeKind.Added));
                    continue;
                }

                // Detail cells differ row by row (a form's fields, a persona's replies): those of either version count.
                var cells = fields.Concat(DraftFields.Details(before.Scenario, collection, old, languages))
                    .Concat(DraftFields.Details(after.Scenario, collection, i, languages)).Distinct();
                foreach (var field in cells)
                {
                    var a = DraftFields.Get(before.Scenario, collection, old, field);
                    var b = DraftFields.Get(after.Scenario, collection, i, field);
                    if (a != b)
                    {
                        changes.Add(new DraftChange(collection, key, label, DraftChangeKind.Changed) { Field = field, Before = a, After = b });
                    }
                }
            }

            changes.AddRange(was.Select((k, i) => (k, i)).Where(x => !now.Contains(x.k))
                .Select(x => new DraftChange(collection, x.k, DraftFields.Label(before.Scenario, collection, x.i), DraftChangeKind.Removed)));

            // Rows both versions hold, in each version's order: a row whose place among them differs was moved.
            var keptBefore = was.Where(now.Contains).ToList();
            var keptAfter = now.Where(was.Contains).ToList();
            changes.AddRange(keptAfter.Select((k, i) => (k, i)).Where(x => keptBefore[x.i] != x.k && Displaced(keptBefore, keptAfter, x.k))
                .Select(x => new DraftChange(collection, x.k, DraftFields.Label(after.Scenario, collection, now.IndexOf(x.k)), DraftChangeKind.Moved)
                {
                    Before = (keptBefore.IndexOf(x.k) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    After = (x.i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }));
        }

        return changes;
    }

    // Moving one row shifts every row between its old and new places by one; only the row whose
    // neighbours changed on both sides is reported, not the ones that slid along.
    private static bool Displaced(List<string> before, List<string> after, string key)
    {
        var b = before.IndexOf(key);
        var a = after.IndexOf(key);
        string? Prev(List<string> l, int i) => i > 0 ? l[i - 1] : null;
        string? Next(List<string> l, int i) => i < l.Count - 1 ? l[i + 1] : null;
        return Prev(before, b) != Prev(after, a) && Next(before, b) != Next(after, a);
    }
}
