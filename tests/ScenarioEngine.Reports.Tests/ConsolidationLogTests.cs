using ScenarioEngine.Evaluation;

namespace ScenarioEngine.Reports.Tests;

public sealed class ConsolidationLogTests
{
    private static readonly ScenarioDefinition Sample = ScenarioLoader.LoadSample();

    private static ConsolidationRecord Record(long sequence, ConsolidationEntry entry) =>
        new() { Sequence = sequence, Entry = entry, By = "lead", At = DateTimeOffset.UnixEpoch.AddMinutes(sequence) };

    private static ImprovementItem Item(string id, string issue) => new()
    {
        Id = id,
        Capability = "operational-coordination",
        Issue = issue,
        CorrectiveAction = "Act",
        ResponsibleAgency = "Police",
        Start = new(2027, 1, 1),
        End = new(2027, 2, 1),
    };

    [Fact]
    public void Latest_review_per_objective_and_capability_counts_and_an_edited_item_keeps_its_place_in_the_plan()
    {
        var log = new[]
        {
            Record(1, new() { Item = Item("a", "first") }),
            Record(2, new() { Review = new() { ObjectiveId = "joint", Capability = "operational-coordination", FinalRating = Rating.M } }),
            Record(3, new() { Item = Item("b", "second") }),
            Record(4, new() { Review = new() { ObjectiveId = "joint", Capability = "operational-coordination", FinalRating = Rating.S } }),
            Record(5, new() { Item = Item("a", "first, edited") }),
            Record(6, new() { Review = new() { ObjectiveId = "joint", Capability = "operational-communications", FinalRating = Rating.P } }),
        };

        var current = ConsolidationLog.Current(log);

        Assert.Equal([Rating.S, Rating.P], current.Capabilities.Select(c => c.FinalRating));
        Assert.Equal(["first, edited", "second"], current.ImprovementPlan.Select(i => i.Issue));
    }

    [Fact]
    public void Withdrawn_item_is_gone_until_a_later_entry_brings_it_back()
    {
        var withdrawn = ConsolidationLog.Current([Record(1, new() { Item = Item("a", "x") }), Record(2, new() { WithdrawnItem = "a" })]);
        var back = ConsolidationLog.Current([Record(1, new() { Item = Item("a", "x") }), Record(2, new() { WithdrawnItem = "a" }), Record(3, new() { Item = Item("a", "y") })]);

        Assert.Empty(withdrawn.ImprovementPlan);
        Assert.Equal("y", Assert.Single(back.ImprovementPlan).Issue);
    }

    [Theory]
    [InlineData("nowhere", "operational-coordination", 1, "Objective 'nowhere' is not in the scenario.")]
    [InlineData("joint", "victim-interview", 1, "Capability 'victim-interview' is not one of objective 'joint'.")]
    [InlineData("joint", "operational-coordination", 9, "Observation 9 does not exist.")]
    [InlineData("joint", "operational-coordination", 0, "Observation 0 does not exist.")]
    public void Review_naming_what_the_scenario_or_the_observation_log_lacks_is_refused(string objective, string capability, long observation, string problem)
    {
        var entry = new ConsolidationEntry
        {
            Review = new() { ObjectiveId = objective, Capability = capability, Strengths = [new() { Text = "Good.", Observations = [observation] }] },
        };

        Assert.Equal([problem], ConsolidationLog.Problems(entry, Sample, lastObservation: 5, itemIds: []));
    }

    [Fact]
    public void Item_ending_before_it_starts_or_without_an_agency_and_an_entry_of_two_kinds_are_refused()
    {
        var item = Item("a", "Late") with { ResponsibleAgency = " ", End = new(2026, 12, 1) };

        var problems = ConsolidationLog.Problems(new() { Item = item }, Sample, 0, []);
        var both = ConsolidationLog.Problems(new() { Item = Item("a", "x"), WithdrawnItem = "a" }, Sample, 0, ["a"]);

        Assert.Equal(["The responsible agency needs 1 to 4000 characters.", "The end date is before the start date."], problems);
        Assert.Single(both);
        Assert.Empty(ConsolidationLog.Problems(new() { Item = Item("a", "x") }, Sample, 0, []));
    }
}
