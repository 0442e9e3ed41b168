using ScenarioEngine.Drafts;
using ScenarioEngine.Exercises;
using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Editing;

namespace ScenarioEngine.Grains.Tests.Drafts;

/// <summary>An exercise that has not started, edited in the editor: its draft's valid versions become the exercise's scenario.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ExerciseDraftGrainTests(GrainCluster cluster)
{
    private static readonly ScenarioPackage Sample = ScenarioLoader.LoadSamplePackage();

    private async Task<(IExerciseGrain Exercise, IScenarioDraftGrain Draft, DraftSnapshot Opened)> NewExerciseDraftAsync()
    {
        var id = GrainCluster.NewExerciseId();
        var scenario = Sample.Scenario with { Id = $"exdraft-{Guid.NewGuid():N}" };
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);
        await exercise.CreateFrom(scenario, Sample.Attachments, draft: true);
        var draft = cluster.Grains.GetGrain<IScenarioDraftGrain>(DraftIds.ForExercise(new ExerciseId(id)));
        var opened = await draft.Open((await exercise.GetScenario())!, [], "designer");
        return (exercise, draft, opened);
    }

    private static DraftEdit Cell(DraftSnapshot draft, DraftCollection collection, string field, string value)
    {
        var row = DraftEditor.KeysOf(draft.Document, collection)[0];
        return new DraftEdit
        {
            Kind = DraftEditKind.SetCell,
            Collection = collection,
            Row = row,
            Field = field,
            Base = DraftFields.Get(draft.Document.Scenario, collection, 0, field),
            Value = value,
        };
    }

    [Fact]
    public async Task A_valid_version_of_an_exercise_draft_becomes_the_exercises_scenario_and_the_library_is_left_alone()
    {
        var (exercise, draft, opened) = await NewExerciseDraftAsync();
        var scenarioId = opened.Document.Scenario.Id;

        var saved = await draft.Edit(Cell(opened, DraftCollection.Injects, "form.decision.label.en", "First move?"), "designer");

        Assert.Equal(DraftOutcome.Applied, saved.Outcome);
        var applied = (await exercise.GetScenario())!;
        Assert.Equal("First move?", applied.Injects[0].ResponseForm!.Fields[0].Label["en"]);
        Assert.Contains(await exercise.GetEvents(0, 100), e => e.Kind == ExerciseEvents.ScenarioEdited && e.By == "designer");
        Assert.Null(await cluster.Grains.GetGrain<IScenarioTemplateGrain>(scenarioId).Get());
    }

    [Fact]
    public async Task A_version_with_problems_is_kept_in_the_draft_but_not_applied_to_the_exercise()
    {
        var (exercise, draft, opened) = await NewExerciseDraftAsync();
        var before = (await exercise.GetScenario())!.Injects[0].Subject["en"];

        var saved = await draft.Edit(Cell(opened, DraftCollection.Injects, "subject.en", string.Empty), "designer");

        Assert.Equal((DraftOutcome.Applied, 1), (saved.Outcome, (await draft.Versions())[^1].Problems));
        Assert.Equal(before, (await exercise.GetScenario())!.Injects[0].Subject["en"]);
    }

    [Fact]
    public async Task A_team_added_before_startex_gets_a_join_code_and_the_others_keep_theirs()
    {
        var (exercise, draft, opened) = await NewExerciseDraftAsync();
        var codesBefore = (await exercise.GetSnapshot())!.JoinCodes;
        var add = new DraftEdit { Kind = DraftEditKind.AddRow, Collection = DraftCollection.Teams, NewRow = "new-team" };
        var added = await draft.Edit(add, "designer");
        var named = new DraftEdit
        {
            Kind = DraftEditKind.SetCell,
            Collection = DraftCollection.Teams,
            Row = "new-team",
            Field = "name.en",
            Base = string.Empty,
            Value = "Team C",
        };
        var withEn = await draft.Edit(named, "designer");
        var saved = await draft.Edit(named with { Field = "name.ru", Value = "Группа В" }, "designer");

        Assert.Equal([DraftOutcome.Applied, DraftOutcome.Applied, DraftOutcome.Applied], [added.Outcome, withEn.Outcome, saved.Outcome]);
        var codesAfter = (await exercise.GetSnapshot())!.JoinCodes;
        Assert.Contains(codesAfter, c => c.Recipient.Id == "team" && c.RecipientName["en"] == "Team C");
        Assert.All(codesBefore, c => Assert.Contains(codesAfter, a => a.Recipient == c.Recipient && a.Code == c.Code));
    }

    [Fact]
    public async Task After_startex_every_edit_of_the_exercise_draft_is_refused_and_nothing_is_stored_or_applied()
    {
        var (exercise, draft, opened) = await NewExerciseDraftAsync();
        await exercise.MakeReady("director");
        await exercise.Start("director");

        var refused = await draft.Edit(Cell(opened, DraftCollection.Injects, "subject.en", "Too late"), "designer");
        var undo = await draft.Restore(1, expectedCurrent: 1, "designer");

        Assert.Equal((DraftOutcome.ExerciseStarted, 1L), (refused.Outcome, refused.Current.Version));
        Assert.Equal(DraftOutcome.ExerciseStarted, undo.Outcome);
        Assert.Single(await draft.Versions());
        Assert.NotEqual("Too late", (await exercise.GetScenario())!.Injects[0].Subject["en"]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => exercise.ReplaceScenario(opened.Document.Scenario, "designer"));
    }
}
