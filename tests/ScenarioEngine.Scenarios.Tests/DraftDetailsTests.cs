using ScenarioEngine.Drafts;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Editing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>
/// The detail cells of the editor on the bundled sample: response forms, triggers, disclosure
/// gates, canned replies and critical tasks, with the same conflict rule, validation and diff as
/// the grid's cells.
/// </summary>
public sealed class DraftDetailsTests
{
    private static readonly DraftDocument Sample = DraftEditor.Start(ScenarioLoader.LoadSample());

    private static string Key(DraftDocument d, DraftCollection c, Func<ScenarioDefinition, int> index) => DraftEditor.KeysOf(d, c)[index(d.Scenario)];

    private static string Inject(string number) => Key(Sample, DraftCollection.Injects, s => s.Injects.FindIndex(i => i.Number == number));

    private static string Get(DraftDocument d, DraftCollection c, string row, string field) =>
        DraftFields.Get(d.Scenario, c, DraftEditor.IndexOf(d, c, row), field);

    private static DraftEdit Cell(DraftCollection c, string row, string field, string seen, string value) =>
        new() { Kind = DraftEditKind.SetCell, Collection = c, Row = row, Field = field, Base = seen, Value = value };

    private static DraftDocument Set(DraftDocument d, DraftCollection c, string row, string field, string value)
    {
        var decision = DraftEditor.Apply(d, Cell(c, row, field, Get(d, c, row, field), value));
        Assert.True(decision.Outcome == DraftOutcome.Applied, $"{field} = {value}: {decision.Outcome} {decision.ProblemCode}");
        return decision.Document;
    }

    private static IReadOnlyList<(ScenarioProblem Problem, DraftCellRef? At)> Problems(DraftDocument d) =>
        ScenarioValidator.Validate(ScenarioValidator.Normalize(d.Scenario), ScenarioValidator.YamlLocator, culture: null)
            .Select(p => (p, DraftProblems.Locate(d.Scenario, p.Where))).ToList();

    [Fact]
    public void A_response_forms_fields_labels_and_choices_are_cells_per_language()
    {
        var first = Inject("1");
        Assert.Equal("decision, reasons", Get(Sample, DraftCollection.Injects, first, "form"));
        Assert.Equal("observe, raid", Get(Sample, DraftCollection.Injects, first, "form.decision.choices"));
        Assert.Equal("Go in now", Get(Sample, DraftCollection.Injects, first, "form.decision.choice.raid.en"));

        var after = Set(Sample, DraftCollection.Injects, first, "form.decision.choice.raid.ru", "Штурм");
        after = Set(after, DraftCollection.Injects, first, "form.reasons.required", "yes");

        var field = after.Scenario.Injects.Single(i => i.Number == "1").ResponseForm!.Fields;
        Assert.Equal("Штурм", field[0].Choices[1].Label["ru"]);
        Assert.Equal("Go in now", field[0].Choices[1].Label["en"]);
        Assert.True(field[1].Required);
        Assert.Contains("form.reasons.label.ru", DraftFields.Details(after.Scenario, DraftCollection.Injects, DraftEditor.IndexOf(after, DraftCollection.Injects, first), ["en", "ru"]));
    }

    [Fact]
    public void Editing_the_list_of_form_fields_renames_in_place_adds_blank_fields_and_an_empty_list_removes_the_form()
    {
        var first = Inject("1");

        var renamed = Set(Sample, DraftCollection.Injects, first, "form", "decision, why");
        var added = Set(renamed, DraftCollection.Injects, first, "form", "decision, why, place");
        var none = Set(added, DraftCollection.Injects, first, "form", string.Empty);

        Assert.Equal("Why?", Get(renamed, DraftCollection.Injects, first, "form.why.label.en"));
        var place = added.Scenario.Injects.Single(i => i.Number == "1").ResponseForm!.Fields[2];
        Assert.Equal(("place", ResponseFieldKind.Text), (place.Id, place.Kind));
        Assert.Null(none.Scenario.Injects.Single(i => i.Number == "1").ResponseForm);
    }

    [Fact]
    public void A_choice_field_left_without_choices_is_reported_at_that_fields_cells()
    {
        var first = Inject("1");
        var after = Set(Sample, DraftCollection.Injects, first, "form.reasons.kind", "Choice");

        var problem = Assert.Single(Problems(after), p => p.Problem.Code == Msg.ChoiceWithoutChoices);

        var index = DraftEditor.IndexOf(after, DraftCollection.Injects, first);
        Assert.True(problem.At!.Covers(DraftCollection.Injects, index, "form.reasons.choices"));
        Assert.False(problem.At.Covers(DraftCollection.Injects, index, "form.decision.choices"));
    }

    [Fact]
    public void A_trigger_is_edited_part_by_part_and_a_choice_the_answered_form_lacks_is_reported_at_the_trigger()
    {
        var fourth = Inject("4");
        Assert.Equal(("OnResponse", "1", "SameTeam", "ChoiceEquals", "observe"), (
            Get(Sample, DraftCollection.Injects, fourth, "trigger.kind"), Get(Sample, DraftCollection.Injects, fourth, "trigger.inject"),
            Get(Sample, DraftCollection.Injects, fourth, "trigger.scope"), Get(Sample, DraftCollection.Injects, fourth, "trigger.condition"),
            Get(Sample, DraftCollection.Injects, fourth, "trigger.value")));

        var after = Set(Sample, DraftCollection.Injects, fourth, "trigger.value", "wait");

        var problem = Assert.Single(Problems(after), p => p.Problem.Code == Msg.NoChoice);
        Assert.True(problem.At!.Covers(DraftCollection.Injects, DraftEditor.IndexOf(after, DraftCollection.Injects, fourth), "trigger.value"));
    }

    [Fact]
    public void A_request_trigger_is_made_from_a_manual_inject_and_a_timed_one_refuses_a_trigger_in_the_loaders_words()
    {
        var manual = Set(Sample, DraftCollection.Injects, Inject("1"), "at", string.Empty);
        manual = Set(manual, DraftCollection.Injects, Inject("1"), "trigger.kind", "OnRequest");
        manual = Set(manual, DraftCollection.Injects, Inject("1"), "trigger.persona", "bank");
        manual = Set(manual, DraftCollection.Injects, Inject("1"), "trigger.keywords", "statement, выписка");

        var timed = DraftEditor.Apply(Sample, Cell(DraftCollection.Injects, Inject("2"), "trigger.kind", string.Empty, "AfterInject"));
        var noKind = DraftEditor.Apply(Sample, Cell(DraftCollection.Injects, Inject("2"), "trigger.delay", string.Empty, "0:10:00"));

        var trigger = manual.Scenario.Injects.Single(i => i.Number == "1").Trigger!;
        Assert.Equal((TriggerKind.OnRequest, "bank"), (trigger.Kind, trigger.Persona));
        Assert.Equal(["statement", "выписка"], trigger.Keywords!);
        Assert.Equal((DraftOutcome.Invalid, Msg.OneTriggerOnly), (timed.Outcome, timed.ProblemCode));
        Assert.Equal((DraftOutcome.Invalid, Msg.DraftTriggerFirst), (noKind.Outcome, noKind.ProblemCode));
    }

    [Fact]
    public void Disclosure_gates_of_a_cue_card_are_cells_and_an_unknown_inject_is_reported_at_the_gate()
    {
        var card = Key(Sample, DraftCollection.Injects, s => s.Injects.FindIndex(i => i.Disclosures.Any(g => g.Id == "passport")));
        Assert.Equal("passport, age", Get(Sample, DraftCollection.Injects, card, "gates"));

        var after = Set(Sample, DraftCollection.Injects, card, "gates.age.afterInject", "99");
        after = Set(after, DraftCollection.Injects, card, "gates.passport.fact.en", "'Lena' keeps my passport.");

        var index = DraftEditor.IndexOf(after, DraftCollection.Injects, card);
        Assert.Equal("'Lena' keeps my passport.", after.Scenario.Injects[index].Disclosures[0].Fact["en"]);
        var problem = Assert.Single(Problems(after), p => p.Problem.Code == Msg.NoInject);
        Assert.True(problem.At!.Covers(DraftCollection.Injects, index, "gates.age.afterInject"));
    }

    [Fact]
    public void Two_designers_editing_one_canned_reply_the_second_is_refused_and_an_edit_of_a_removed_reply_too()
    {
        var bank = Key(Sample, DraftCollection.Personas, s => s.Personas.FindIndex(p => p.Id == "bank"));
        Assert.Equal("need-order, statements", Get(Sample, DraftCollection.Personas, bank, "replies"));
        var seen = Get(Sample, DraftCollection.Personas, bank, "replies.need-order.text.en");

        var afterA = Set(Sample, DraftCollection.Personas, bank, "replies.need-order.text.en", "A's reply");
        var b = DraftEditor.Apply(afterA, Cell(DraftCollection.Personas, bank, "replies.need-order.text.en", seen, "B's reply"));
        var removed = Set(afterA, DraftCollection.Personas, bank, "replies", "statements");
        var late = DraftEditor.Apply(removed, Cell(DraftCollection.Personas, bank, "replies.need-order.inject", string.Empty, "2"));

        Assert.Equal((DraftOutcome.StaleCell, "A's reply"), (b.Outcome, b.CurrentValue));
        Assert.Equal((DraftOutcome.Invalid, Msg.DraftItemGone), (late.Outcome, late.ProblemCode));
    }

    [Fact]
    public void Critical_task_targets_are_one_per_line_per_language_and_a_missing_translation_is_reported_at_the_targets()
    {
        var identify = Key(Sample, DraftCollection.Objectives, s => s.Objectives.FindIndex(o => o.Id == "identify"));
        Assert.Equal(2, Get(Sample, DraftCollection.Objectives, identify, "tasks.identify-screen.targets.en").Split('\n').Length);

        var after = Set(Sample, DraftCollection.Objectives, identify, "tasks.identify-screen.targets.en",
            Get(Sample, DraftCollection.Objectives, identify, "tasks.identify-screen.targets.en") + "\nTrafficking indicators recorded for each person\n");

        var index = DraftEditor.IndexOf(after, DraftCollection.Objectives, identify);
        Assert.Equal(3, after.Scenario.Objectives[index].CriticalTasks[0].Targets.Count);
        var problem = Assert.Single(Problems(after), p => p.Problem.Code == Msg.MissingTranslation);
        Assert.True(problem.At!.Covers(DraftCollection.Objectives, index, "tasks.identify-screen.targets.ru"));
    }

    [Fact]
    public void A_critical_tasks_capability_outside_its_objective_is_reported_at_that_cell()
    {
        var identify = Key(Sample, DraftCollection.Objectives, s => s.Objectives.FindIndex(o => o.Id == "identify"));

        var after = Set(Sample, DraftCollection.Objectives, identify, "capabilities", "victim-identification");

        var problem = Assert.Single(Problems(after), p => p.Problem.Code == Msg.TaskCapabilityNotInObjective);
        Assert.True(problem.At!.Covers(DraftCollection.Objectives, DraftEditor.IndexOf(after, DraftCollection.Objectives, identify), "tasks.identify-secure.capability"));
    }

    [Fact]
    public void Diff_names_a_changed_detail_cell_and_the_cells_of_an_added_form_field()
    {
        var first = Inject("1");
        var after = Set(Sample, DraftCollection.Injects, first, "form.decision.label.en", "First move?");
        after = Set(after, DraftCollection.Injects, first, "form", "decision, reasons, place");
        after = Set(after, DraftCollection.Injects, first, "form.place.label.en", "Where?");

        var changes = DraftDiff.Between(Sample, after);

        Assert.Contains(changes, c => c.Field == "form.decision.label.en" && c.Before == "What do you do first?" && c.After == "First move?");
        Assert.Contains(changes, c => c.Field == "form" && c.After == "decision, reasons, place");
        Assert.Contains(changes, c => c.Field == "form.place.label.en" && c.Before == string.Empty && c.After == "Where?");
    }
}
