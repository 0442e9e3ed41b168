using ScenarioEngine.Drafts;
using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Editing;

namespace ScenarioEngine.Grains.Tests.Drafts;

[Collection(GrainClusterCollection.Name)]
public sealed class ScenarioDraftGrainTests(GrainCluster cluster)
{
    private static readonly ScenarioPackage Sample = ScenarioLoader.LoadSamplePackage();

    private static ScenarioDefinition NewScenario() => Sample.Scenario with { Id = $"draft-{Guid.NewGuid():N}" };

    private static DraftEdit Subject(DraftSnapshot draft, string value)
    {
        var row = DraftEditor.KeysOf(draft.Document, DraftCollection.Injects)[0];
        return new DraftEdit
        {
            Kind = DraftEditKind.SetCell,
            Collection = DraftCollection.Injects,
            Row = row,
            Field = "subject.en",
            Base = DraftFields.Get(draft.Document.Scenario, DraftCollection.Injects, 0, "subject.en"),
            Value = value,
        };
    }

    [Fact]
    public async Task Every_accepted_edit_is_a_new_version_announced_to_the_web_nodes_and_old_versions_stay_readable()
    {
        var scenario = NewScenario();
        var draft = cluster.Grains.GetGrain<IScenarioDraftGrain>(scenario.Id);
        var opened = await draft.Open(scenario, Sample.Attachments, "designer-a");

        var edited = await draft.Edit(Subject(opened, "Version two"), "designer-b");

        Assert.Equal((DraftOutcome.Applied, 2L), (edited.Outcome, edited.Current.Version));
        await cluster.Node.WaitForAsync($"draft {scenario.Id} 2");
        var versions = await draft.Versions();
        Assert.Equal([1L, 2L], versions.Select(v => v.Number));
        Assert.Equal(["designer-a", "designer-b"], versions.Select(v => v.By));
        Assert.Equal(scenario.Injects[0].Subject["en"], (await draft.GetVersion(1))!.Scenario.Injects[0].Subject["en"]);
    }

    [Fact]
    public async Task A_stale_cell_edit_stores_nothing_and_says_what_the_cell_holds()
    {
        var scenario = NewScenario();
        var draft = cluster.Grains.GetGrain<IScenarioDraftGrain>(scenario.Id);
        var opened = await draft.Open(scenario, Sample.Attachments, "a");
        await draft.Edit(Subject(opened, "A was first"), "a");

        var refused = await draft.Edit(Subject(opened, "B from a stale base"), "b");

        Assert.Equal((DraftOutcome.StaleCell, "A was first", 2L), (refused.Outcome, refused.CurrentValue, refused.Current.Version));
        Assert.Equal(2, (await draft.Versions()).Count);
    }

    [Fact]
    public async Task Undo_is_a_new_version_with_the_old_content_and_is_refused_from_a_version_not_seen()
    {
        var scenario = NewScenario();
        var draft = cluster.Grains.GetGrain<IScenarioDraftGrain>(scenario.Id);
        var opened = await draft.Open(scenario, Sample.Attachments, "a");
        var edited = await draft.Edit(Subject(opened, "To be undone"), "a");

        var stale = await draft.Restore(1, expectedCurrent: 1, "b");
        var undone = await draft.Restore(1, expectedCurrent: edited.Current.Version, "a");

        Assert.Equal(DraftOutcome.StaleVersion, stale.Outcome);
        Assert.Equal((DraftOutcome.Applied, 3L), (undone.Outcome, undone.Current.Version));
        Assert.Equal(scenario.Injects[0].Subject["en"], undone.Current.Document.Scenario.Injects[0].Subject["en"]);
        Assert.Equal(1L, (await draft.Versions())[^1].RestoredFrom);
        Assert.Equal("To be undone", (await draft.GetVersion(2))!.Scenario.Injects[0].Subject["en"]);
    }

    [Fact]
    public async Task A_version_without_problems_becomes_the_library_template_and_one_with_problems_does_not()
    {
        var scenario = NewScenario();
        var draft = cluster.Grains.GetGrain<IScenarioDraftGrain>(scenario.Id);
        var opened = await draft.Open(scenario, Sample.Attachments, "a");
        var valid = await draft.Edit(Subject(opened, "Published subject"), "a");
        await draft.Edit(Subject(valid.Current, string.Empty), "a");

        var template = await cluster.Grains.GetGrain<IScenarioTemplateGrain>(scenario.Id).Get();

        Assert.NotNull(template);
        var published = ScenarioLoader.ParsePackage(template.Yaml, "template");
        Assert.Equal("Published subject", published.Scenario.Injects[0].Subject["en"]);
        Assert.Equal(1, (await draft.Versions())[^1].Problems);
    }

    [Fact]
    public async Task A_reactivated_draft_continues_from_the_last_version_in_its_log()
    {
        var scenario = NewScenario();
        var draft = cluster.Grains.GetGrain<IScenarioDraftGrain>(scenario.Id);
        var opened = await draft.Open(scenario, Sample.Attachments, "a");
        await draft.Edit(Subject(opened, "Survives deactivation"), "a");

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var current = await draft.Get();

        Assert.Equal(2L, current!.Version);
        Assert.Equal("Survives deactivation", current.Document.Scenario.Injects[0].Subject["en"]);
    }
}
