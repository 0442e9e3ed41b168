using ScenarioEngine.Drafts;

namespace ScenarioEngine.Scenarios.Editing;

/// <summary>
/// The cells a row holds beyond its grid columns: an inject's trigger, response form and
/// disclosure gates, a persona's canned replies, an objective's critical tasks. A list of such
/// items is one cell of ids in order ("form" = "decision, amount"): editing it adds, removes,
/// reorders or renames items. Each item's parts are cells addressed by the item's id, not its
/// place ("form.amount.label.ru", "tasks.ct-1.targets.en"), so a designer editing one item is not
/// sent to another by a neighbour's reorder, and the conflict rule judges them like any cell.
/// </summary>
public static partial class DraftFields
{
    private static readonly string[] TriggerParts = ["kind", "inject", "delay", "scope", "condition", "field", "value", "site", "siteState", "persona", "keywords"];

    /// <summary>The detail cells of one row, in the order the side panel shows them.</summary>
    public static IReadOnlyList<string> Details(ScenarioDefinition s, DraftCollection collection, int index, IEnumerable<string> languages)
    {
        var langs = languages.ToList();
        IEnumerable<string> PerLanguage(string field) => langs.Select(l => $"{field}.{l}");
        switch (collection)
        {
            case DraftCollection.Injects:
                var inject = s.Injects[index];
                List<string> cells = ["responseDeadline", "contingency", .. TriggerCells(inject.Trigger), "form"];
                foreach (var field in inject.ResponseForm?.Fields ?? [])
                {
                    var at = $"form.{field.Id}";
                    cells.AddRange([$"{at}.kind", $"{at}.required", .. PerLanguage($"{at}.label"), $"{at}.choices"]);
                    cells.AddRange(field.Choices.SelectMany(c => PerLanguage($"{at}.choice.{c.Id}")));
                }

                cells.Add("gates");
                cells.AddRange(inject.Disclosures.SelectMany(g => (string[])[.. PerLanguage($"gates.{g.Id}.fact"), .. PerLanguage($"gates.{g.Id}.condition"), $"gates.{g.Id}.afterInject"]));
                return cells;
            case DraftCollection.Personas:
                return ["replies", .. s.Personas[index].CannedReplies.SelectMany(r => (string[])[.. PerLanguage($"replies.{r.Id}.text"), $"replies.{r.Id}.inject", $"replies.{r.Id}.attachments"])];
            case DraftCollection.Objectives:
                return ["capabilities", "tasks", .. s.Objectives[index].CriticalTasks.SelectMany(t => (string[])[$"tasks.{t.Id}.capability", .. PerLanguage($"tasks.{t.Id}.title"), .. PerLanguage($"tasks.{t.Id}.targets")])];
            default:
                return [];
        }
    }

    // Only the parts the trigger's kind reads, so a designer is not asked for a site on a response trigger.
    // Every part stays settable: a diff compares versions whose triggers differ in kind.
    private static IEnumerable<string> TriggerCells(TriggerDefinition? trigger) =>
        (trigger?.Kind switch
        {
            null => ["kind"],
            TriggerKind.AfterInject => ["kind", "inject", "delay"],
            TriggerKind.OnResponse => ["kind", "inject", "scope", "condition", "field", "value"],
            TriggerKind.IfNoResponse => ["kind", "inject", "delay", "scope", "condition", "field", "value"],
            TriggerKind.OnSiteState => ["kind", "site", "siteState"],
            TriggerKind.OnRequest => ["kind", "persona", "keywords", "delay"],
            _ => TriggerParts,
        }).Select(p => $"trigger.{p}");

    /// <summary>True for the cells <see cref="Details"/> lists that hold a list of item ids.</summary>
    public static bool IsItemList(string field) => field is "form" or "gates" or "replies" or "tasks" || field.EndsWith(".choices", StringComparison.Ordinal);

    private static bool IsDetail(DraftCollection collection, string field)
    {
        var head = field.Split('.')[0];
        return (collection, head) is (DraftCollection.Injects, "trigger" or "form" or "gates")
            or (DraftCollection.Personas, "replies")
            or (DraftCollection.Objectives, "tasks");
    }

    // An item that is not there reads as empty: a diff compares a version that had it with one that has not.
    private static string GetDetail(ScenarioDefinition s, DraftCollection collection, int index, string field)
    {
        var p = field.Split('.');
        return (collection, p[0]) switch
        {
            (DraftCollection.Injects, "trigger") => GetTrigger(s.Injects[index].Trigger, p[^1]),
            (DraftCollection.Injects, "form") => GetForm(s.Injects[index].ResponseForm?.Fields ?? [], p),
            (DraftCollection.Injects, "gates") => p.Length == 1 ? Ids(s.Injects[index].Disclosures, g => g.Id)
                : s.Injects[index].Disclosures.Find(g => g.Id == p[1]) is not { } gate ? string.Empty
                : p[2] switch
                {
                    "fact" => Text(gate.Fact, p[^1]),
                    "condition" => Text(gate.Condition, p[^1]),
                    "afterInject" => gate.AfterInject ?? string.Empty,
                    _ => throw Unknown(field),
                },
            (DraftCollection.Personas, "replies") => p.Length == 1 ? Ids(s.Personas[index].CannedReplies, r => r.Id)
                : s.Personas[index].CannedReplies.Find(r => r.Id == p[1]) is not { } reply ? string.Empty
                : p[2] switch
                {
                    "text" => Text(reply.Text, p[^1]),
                    "inject" => reply.Inject ?? string.Empty,
                    "attachments" => string.Join(", ", reply.Attachments),
                    _ => throw Unknown(field),
                },
            (DraftCollection.Objectives, "tasks") => p.Length == 1 ? Ids(s.Objectives[index].CriticalTasks, t => t.Id)
                : s.Objectives[index].CriticalTasks.Find(t => t.Id == p[1]) is not { } task ? string.Empty
                : p[2] switch
                {
                    "capability" => task.Capability,
                    "title" => Text(task.Title, p[^1]),
                    "targets" => string.Join("\n", task.Targets.Select(t => Text(t, p[^1]))),
                    _ => throw Unknown(field),
                },
            _ => throw Unknown(field),
        };
    }

    private static ScenarioDefinition SetDetail(ScenarioDefinition s, DraftCollection collection, int index, string field, string value)
    {
        var p = field.Split('.');
        switch (collection)
        {
            case DraftCollection.Injects:
                var inject = s.Injects[index];
                var changed = p[0] switch
                {
                    "trigger" => SetTrigger(inject, p[^1], value),
                    "form" => inject with { ResponseForm = SetForm(inject.ResponseForm, p, value) },
                    "gates" => inject with
                    {
                        Disclosures = p.Length == 1
                            ? Restructure(inject.Disclosures, value, g => g.Id, (g, id) => g with { Id = id }, id => new DisclosureGate { Id = id, Fact = [] })
                            : Item(inject.Disclosures, p[1], g => g.Id, gate => p[2] switch
                            {
                                "fact" => gate with { Fact = WithText(gate.Fact, p[^1], value) },
                                "condition" => gate with { Condition = WithText(gate.Condition, p[^1], value) },
                                "afterInject" => gate with { AfterInject = Optional(value) },
                                _ => throw Unknown(field),
                            }),
                    },
                    _ => throw Unknown(field),
                };
                return s with { Injects = Replace(s.Injects, index, changed) };
            case DraftCollection.Personas:
                var persona = s.Personas[index];
                return s with
                {
                    Personas = Replace(s.Personas, index, persona with
                    {
                        CannedReplies = p.Length == 1
                            ? Restructure(persona.CannedReplies, value, r => r.Id, (r, id) => r with { Id = id }, id => new CannedReply { Id = id, Text = [] })
                            : Item(persona.CannedReplies, p[1], r => r.Id, reply => p[2] switch
                            {
                                "text" => reply with { Text = WithText(reply.Text, p[^1], value) },
                                "inject" => reply with { Inject = Optional(value) },
                                "attachments" => reply with { Attachments = List(value) },
                                _ => throw Unknown(field),
                            }),
                    }),
                };
            case DraftCollection.Objectives:
                var objective = s.Objectives[index];
                return s with
                {
                    Objectives = Replace(s.Objectives, index, objective with
                    {
                        CriticalTasks = p.Length == 1
                            ? Restructure(objective.CriticalTasks, value, t => t.Id, (t, id) => t with { Id = id }, id => new CriticalTaskDefinition { Id = id, Capability = objective.Capabilities.FirstOrDefault() ?? string.Empty, Title = [] })
                            : Item(objective.CriticalTasks, p[1], t => t.Id, task => p[2] switch
                            {
                                "capability" => task with { Capability = value.Trim() },
                                "title" => task with { Title = WithText(task.Title, p[^1], value) },
                                "targets" => task with { Targets = WithLines(task.Targets, p[^1], value) },
                                _ => throw Unknown(field),
                            }),
                    }),
                };
            default:
                throw Unknown(field);
        }
    }

    private static string GetTrigger(TriggerDefinition? trigger, string part) => trigger is null ? string.Empty : part switch
    {
        "kind" => trigger.Kind.ToString(),
        "inject" => trigger.Inject ?? string.Empty,
        "delay" => trigger.Delay is { } delay ? TimeText.FormatOffset(delay) : string.Empty,
        "scope" => trigger.From.ToString(),
        "condition" => trigger.Condition.Kind.ToString(),
        "field" => trigger.Condition.Field ?? string.Empty,
        "value" => trigger.Condition.Value ?? string.Empty,
        "site" => trigger.Site ?? string.Empty,
        "siteState" => trigger.SiteState ?? string.Empty,
        "persona" => trigger.Persona ?? string.Empty,
        "keywords" => string.Join(", ", trigger.Keywords ?? []),
        _ => throw Unknown($"trigger.{part}"),
    };

    private static InjectDefinition SetTrigger(InjectDefinition inject, string part, string value)
    {
        if (part == "kind")
        {
            if (value.Trim().Length == 0)
            {
                return inject with { Trigger = null };
            }

            // The loader refuses a time and a trigger together; so does the editor, rather than drop the time unseen.
            if (inject.At is not null)
            {
                throw new DraftCellException(Msg.OneTriggerOnly);
            }

            var kind = OneOf<TriggerKind>(value);
            var trigger = inject.Trigger ?? new TriggerDefinition { Kind = kind };
            return inject with { Trigger = trigger with { Kind = kind, Keywords = kind == TriggerKind.OnRequest ? trigger.Keywords : null } };
        }

        var t = inject.Trigger ?? throw new DraftCellException(Msg.DraftTriggerFirst);
        return inject with
        {
            Trigger = part switch
            {
                "inject" => t with { Inject = Optional(value) },
                "delay" => t with { Delay = Offset(value) },
                "scope" => t with { From = OneOf<ResponseScope>(value) },
                "condition" => t with { Condition = t.Condition with { Kind = OneOf<ConditionKind>(value) } },
                "field" => t with { Condition = t.Condition with { Field = Optional(value) } },
                "value" => t with { Condition = t.Condition with { Value = Optional(value) } },
                "site" => t with { Site = Optional(value) },
                "siteState" => t with { SiteState = Optional(value) },
                "persona" => t with { Persona = Optional(value) },
                "keywords" => t with { Keywords = List(value) is { Count: > 0 } words ? words : null },
                _ => throw Unknown($"trigger.{part}"),
            },
        };
    }

    private static string GetForm(List<ResponseField> fields, string[] p)
    {
        if (p.Length == 1)
        {
            return Ids(fields, f => f.Id);
        }

        if (fields.Find(f => f.Id == p[1]) is not { } field)
        {
            return string.Empty;
        }

        return p[2] switch
        {
            "kind" => field.Kind.ToString(),
            "required" => field.Required ? "yes" : "no",
            "label" => Text(field.Label, p[^1]),
            "choices" => Ids(field.Choices, c => c.Id),
            "choice" => field.Choices.Find(c => c.Id == p[3]) is { } choice ? Text(choice.Label, p[^1]) : string.Empty,
            _ => throw Unknown(string.Join('.', p)),
        };
    }

    // No fields is no form: the inject then asks for a response only if its flag says so.
    private static ResponseForm? SetForm(ResponseForm? form, string[] p, string value)
    {
        var fields = form?.Fields ?? [];
        var changed = p.Length == 1
            ? Restructure(fields, value, f => f.Id, (f, id) => f with { Id = id }, id => new ResponseField { Id = id, Kind = ResponseFieldKind.Text })
            : Item(fields, p[1], f => f.Id, field => p[2] switch
            {
                "kind" => field with { Kind = OneOf<ResponseFieldKind>(value) },
                "required" => field with { Required = Flag(value) },
                "label" => field with { Label = WithText(field.Label, p[^1], value) },
                "choices" => field with { Choices = Restructure(field.Choices, value, c => c.Id, (c, id) => c with { Id = id }, id => new ResponseChoice { Id = id }) },
                "choice" => field with { Choices = Item(field.Choices, p[3], c => c.Id, c => c with { Label = WithText(c.Label, p[^1], value) }) },
                _ => throw Unknown(string.Join('.', p)),
            });
        return changed.Count == 0 ? null : (form ?? new ResponseForm()) with { Fields = changed };
    }

    private static string Ids<T>(IEnumerable<T> items, Func<T, string> id) => string.Join(", ", items.Select(id));

    /// <summary>
    /// The items named by <paramref name="value"/>, in its order: those already there keep their
    /// content, new ids get blank items, ids left out are removed. One id replaced in place with
    /// nothing else changed is a rename, so fixing a typo in an id keeps what the item says.
    /// </summary>
    private static List<T> Restructure<T>(List<T> items, string value, Func<T, string> id, Func<T, string, T> rename, Func<string, T> create)
    {
        var ids = List(value);
        if (ids.Find(i => i.IndexOfAny(['.', '|']) >= 0) is { } bad)
        {
            throw new DraftCellException(Msg.DraftItemIdInvalid, bad);
        }

        var old = items.Select(id).ToList();
        var differing = Enumerable.Range(0, Math.Min(ids.Count, old.Count)).Where(i => ids[i] != old[i]).ToList();
        if (ids.Count == old.Count && differing is [var at] && !old.Contains(ids[at]))
        {
            return Replace(items, at, rename(items[at], ids[at]));
        }

        // Duplicate ids (which the validator reports) each keep their own item, in order.
        var kept = items.GroupBy(id).ToDictionary(g => g.Key, g => new Queue<T>(g));
        return ids.Select(i => kept.TryGetValue(i, out var queue) && queue.TryDequeue(out var item) ? item : create(i)).ToList();
    }

    private static List<T> Item<T>(List<T> items, string id, Func<T, string> idOf, Func<T, T> change)
    {
        var at = items.FindIndex(i => idOf(i) == id);
        return at < 0 ? throw new DraftCellException(Msg.DraftItemGone, id) : Replace(items, at, change(items[at]));
    }

    // Targets are written one per line in each language; line n of every language is target n.
    // A target no language has any more is dropped.
    private static List<Dictionary<string, string>> WithLines(List<Dictionary<string, string>> targets, string language, string value)
    {
        var lines = value.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return Enumerable.Range(0, Math.Max(targets.Count, lines.Count))
            .Select(i => WithText(i < targets.Count ? targets[i] : [], language, i < lines.Count ? lines[i] : string.Empty))
            .Where(t => t.Count > 0)
            .ToList();
    }

    private static string? Optional(string value) => value.Trim() is { Length: > 0 } text ? text : null;

    private static T OneOf<T>(string value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new DraftCellException(Msg.ValueNotOneOf, value, string.Join(", ", Enum.GetNames<T>()));
}
