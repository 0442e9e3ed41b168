using ScenarioEngine.Drafts;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Editing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>The rule two designers editing one draft live by, and the diff between versions, on the bundled sample.</summary>
public sealed class DraftEditorTests
{
    private static readonly DraftDocument Sample = DraftEditor.Start(ScenarioLoader.LoadSample());

    private static string FirstInject => DraftEditor.KeysOf(Sample, DraftCollection.Injects)[0];

    private static DraftEdit Cell(string row, string field, string seen, string value) =>
        new() { Kind = DraftEditKind.SetCell, Collection = DraftCollection.Injects, Row = row, Field = field, Base = seen, Value = value };

    private static string Get(DraftDocument d, string row, string field) =>
        DraftFields.Get(d.Scenario, DraftCollection.Injects, DraftEditor.IndexOf(d, DraftCollection.Injects, row), field);

    private static DraftDocument Applied(DraftDocument d, DraftEdit edit)
    {
        var decision = DraftEditor.Apply(d, edit);
        Assert.Equal(DraftOutcome.Applied, decision.Outcome);
        return decision.Document;
    }

    [Fact]
    public void Edit_from_the_value_the_cell_holds_goes_in()
    {
        var seen = Get(Sample, FirstInject, "subject.ru");

        var after = Applied(Sample, Cell(FirstInject, "subject.ru", seen, "Новая тема"));

        Assert.Equal("Новая тема", Get(after, FirstInject, "subject.ru"));
        Assert.Equal(Get(Sample, FirstInject, "subject.en"), Get(after, FirstInject, "subject.en"));
    }

    [Fact]
    public void Edit_of_a_cell_changed_since_its_designer_read_it_is_refused_with_the_current_value()
    {
        var seen = Get(Sample, FirstInject, "subject.en");
        var afterA = Applied(Sample, Cell(FirstInject, "subject.en", seen, "A's subject"));

        var b = DraftEditor.Apply(afterA, Cell(FirstInject, "subject.en", seen, "B's subject"));

        Assert.Equal(DraftOutcome.StaleCell, b.Outcome);
        Assert.Equal("A's subject", b.CurrentValue);
        Assert.Same(afterA, b.Document);
    }

    [Fact]
    public void Edits_of_different_cells_from_the_same_old_version_both_go_in()
    {
        var second = DraftEditor.KeysOf(Sample, DraftCollection.Injects)[1];
        var subject = Get(Sample, FirstInject, "subject.en");
        var message = Get(Sample, second, "message.ru");

        var afterA = Applied(Sample, Cell(FirstInject, "subject.en", subject, "A's subject"));
        var afterB = Applied(afterA, Cell(second, "message.ru", message, "Сообщение Б"));

        Assert.Equal("A's subject", Get(afterB, FirstInject, "subject.en"));
        Assert.Equal("Сообщение Б", Get(afterB, second, "message.ru"));
    }

    [Fact]
    public void The_same_value_typed_by_both_designers_is_no_conflict_and_no_new_version()
    {
        var seen = Get(Sample, FirstInject, "at");
        var afterA = Applied(Sample, Cell(FirstInject, "at", seen, "1:15:00"));

        var b = DraftEditor.Apply(afterA, Cell(FirstInject, "at", seen, "1:15:00"));

        Assert.Equal(DraftOutcome.Unchanged, b.Outcome);
    }

    [Fact]
    public void A_row_is_found_by_its_key_after_another_designer_moved_and_renumbered_it()
    {
        var row = DraftEditor.KeysOf(Sample, DraftCollection.Injects)[2];
        var seen = Get(Sample, row, "message.en");
        var moved = Applied(Sample, new DraftEdit { Kind = DraftEditKind.MoveRow, Collection = DraftCollection.Injects, Row = row, ToIndex = 0 });
        var renumbered = Applied(moved, Cell(row, "number", Get(moved, row, "number"), "99"));

        var after = Applied(renumbered, Cell(row, "message.en", seen, "Edited after the move"));

        Assert.Equal(row, DraftEditor.KeysOf(after, DraftCollection.Injects)[0]);
        Assert.Equal(("99", "Edited after the move"), (after.Scenario.Injects[0].Number, after.Scenario.Injects[0].Message["en"]));
    }

    [Fact]
    public void Edit_of_a_deleted_row_is_refused_and_a_second_delete_changes_nothing()
    {
        var delete = new DraftEdit { Kind = DraftEditKind.DeleteRow, Collection = DraftCollection.Injects, Row = FirstInject };
        var deleted = Applied(Sample, delete);

        Assert.Equal(DraftOutcome.RowGone, DraftEditor.Apply(deleted, Cell(FirstInject, "subject.en", "x", "y")).Outcome);
        Assert.Equal(DraftOutcome.Unchanged, DraftEditor.Apply(deleted, delete).Outcome);
        Assert.Equal(Sample.Scenario.Injects.Count - 1, deleted.Scenario.Injects.Count);
    }

    [Fact]
    public void Added_and_duplicated_rows_get_a_free_number_and_a_retried_add_adds_once()
    {
        var add = new DraftEdit { Kind = DraftEditKind.AddRow, Collection = DraftCollection.Injects, Row = FirstInject, NewRow = "new-1" };
        var added = Applied(Sample, add);
        var duplicated = Applied(added, new DraftEdit { Kind = DraftEditKind.DuplicateRow, Collection = DraftCollection.Injects, Row = FirstInject, NewRow = "copy-1" });

        Assert.Equal(DraftOutcome.Unchanged, DraftEditor.Apply(duplicated, add).Outcome);
        Assert.Equal(["copy-1", "new-1"], DraftEditor.KeysOf(duplicated, DraftCollection.Injects).Skip(1).Take(2));
        var numbers = duplicated.Scenario.Injects.Select(i => i.Number).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(Sample.Scenario.Injects[0].Message, duplicated.Scenario.Injects[1].Message);
    }

    [Fact]
    public void A_value_that_is_not_a_time_is_refused_in_the_loaders_words()
    {
        var decision = DraftEditor.Apply(Sample, Cell(FirstInject, "at", Get(Sample, FirstInject, "at"), "half past nine"));

        Assert.Equal(DraftOutcome.Invalid, decision.Outcome);
        Assert.Equal(Msg.TimeOffsetInvalid, decision.ProblemCode);
        Assert.Contains("half past nine", ScenarioText.Format(ScenarioText.CultureFor("ru"), decision.ProblemCode!, [.. decision.ProblemArguments]), StringComparison.Ordinal);
    }

    [Fact]
    public void Emptied_translation_is_reported_by_the_same_validator_message_as_an_import()
    {
        var emptied = Applied(Sample, Cell(FirstInject, "subject.ru", Get(Sample, FirstInject, "subject.ru"), string.Empty));

        var problems = ScenarioValidator.Validate(emptied.Scenario, ScenarioValidator.YamlLocator, ScenarioText.CultureFor("en"));

        var problem = Assert.Single(problems);
        Assert.Equal(Msg.MissingTranslation, problem.Code);
        Assert.StartsWith("injects[0].subject", problem.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Team_names_and_the_audience_are_cells_too()
    {
        var team = DraftEditor.KeysOf(Sample, DraftCollection.Teams)[0];
        var renamed = Applied(Sample, new DraftEdit { Kind = DraftEditKind.SetCell, Collection = DraftCollection.Teams, Row = team, Field = "name.ru", Base = Sample.Scenario.Teams[0].Name["ru"], Value = "Группа Альфа" });
        var readdressed = Applied(renamed, Cell(FirstInject, "to", Get(renamed, FirstInject, "to"), "team-a, actor:administrator"));

        Assert.Equal("Группа Альфа", readdressed.Scenario.Teams[0].Name["ru"]);
        Assert.Equal(["team-a"], readdressed.Scenario.Injects[0].To.Teams);
        Assert.Equal(["administrator"], readdressed.Scenario.Injects[0].To.Actors);
    }

    [Fact]
    public void Personas_are_rows_and_an_inject_names_its_persona_in_a_cell()
    {
        var persona = Sample.Scenario.Personas[0];
        var key = DraftEditor.KeysOf(Sample, DraftCollection.Personas)[0];
        var renamed = Applied(Sample, new DraftEdit { Kind = DraftEditKind.SetCell, Collection = DraftCollection.Personas, Row = key, Field = "organisation.en", Base = persona.Organisation.GetValueOrDefault("en", string.Empty), Value = "Northern Bank" });
        var sent = Applied(renamed, Cell(FirstInject, "fromPersona", Get(renamed, FirstInject, "fromPersona"), persona.Id));
        var badKind = DraftEditor.Apply(sent, new DraftEdit { Kind = DraftEditKind.SetCell, Collection = DraftCollection.Personas, Row = key, Field = "kind", Base = persona.Kind.ToString(), Value = "Wizard" });

        Assert.Equal("Northern Bank", sent.Scenario.Personas[0].Organisation["en"]);
        Assert.Equal(persona.Id, sent.Scenario.Injects[0].FromPersona);
        Assert.Equal((DraftOutcome.Invalid, Msg.PersonaKindInvalid), (badKind.Outcome, badKind.ProblemCode));
        Assert.Empty(ScenarioValidator.Validate(sent.Scenario, ScenarioValidator.YamlLocator, ScenarioText.CultureFor("en")));
    }

    [Fact]
    public void Diff_names_each_changed_cell_the_moved_row_and_the_added_one()
    {
        var row = DraftEditor.KeysOf(Sample, DraftCollection.Injects)[3];
        var edited = Applied(Sample, Cell(FirstInject, "subject.en", Get(Sample, FirstInject, "subject.en"), "New subject"));
        var moved = Applied(edited, new DraftEdit { Kind = DraftEditKind.MoveRow, Collection = DraftCollection.Injects, Row = row, ToIndex = 0 });
        var added = Applied(moved, new DraftEdit { Kind = DraftEditKind.AddRow, Collection = DraftCollection.Teams, NewRow = "t-new" });

        var diff = DraftDiff.Between(Sample, added);

        Assert.Equal(3, diff.Count);
        Assert.Contains(diff, c => c is { Kind: DraftChangeKind.Changed, Field: "subject.en", After: "New subject" } && c.Row == FirstInject);
        Assert.Contains(diff, c => c.Kind == DraftChangeKind.Moved && c.Row == row && c.Before == "4" && c.After == "1");
        Assert.Contains(diff, c => c.Kind == DraftChangeKind.Added && c.Collection == DraftCollection.Teams);
        Assert.Empty(DraftDiff.Between(added, added));
    }
}
