using System.Globalization;
using ScenarioEngine.Drafts;
using ScenarioEngine.Scenarios.Editing;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>The exercise-level opt-in to location (issue 17 section 3): off unless the scenario says so, in YAML and in the editor.</summary>
public sealed class LocationSharingScenarioTests
{
    [Fact]
    public void A_scenario_asks_for_location_only_when_it_says_so_and_the_answer_survives_a_round_trip()
    {
        var silent = ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "drill.yaml");
        var asking = ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor + "\nlocationSharing: true\n", "drill.yaml");

        Assert.False(silent.LocationSharing);
        Assert.False(ScenarioLoader.LoadSample().LocationSharing);
        Assert.True(asking.LocationSharing);
        Assert.True(ScenarioLoader.Parse(ScenarioWriter.ToYaml(asking), "drill.yaml").LocationSharing);
        Assert.DoesNotContain("locationSharing", ScenarioWriter.ToYaml(silent), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "'locationSharing' is true or false, not 'maybe'")]
    [InlineData("ru", "'locationSharing' — это true или false, а не 'maybe'")]
    public void A_value_that_is_neither_true_nor_false_is_reported_in_the_readers_language(string language, string message)
    {
        var error = Assert.Throws<ScenarioValidationException>(() =>
            ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor + "\nlocationSharing: maybe\n", "drill.yaml", CultureInfo.GetCultureInfo(language)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((Msg.LocationSharingNotFlag, "locationSharing"), (problem.Code, problem.Where));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_editor_shows_the_setting_among_the_exercise_settings_and_sets_it()
    {
        var scenario = ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "drill.yaml");

        Assert.Contains("locationSharing", DraftFields.Of(DraftCollection.Scenario, scenario.Languages));
        Assert.Equal("no", DraftFields.Get(scenario, DraftCollection.Scenario, 0, "locationSharing"));
        var asking = DraftFields.Set(scenario, DraftCollection.Scenario, 0, "locationSharing", "yes");
        Assert.True(asking.LocationSharing);
        Assert.Equal("yes", DraftFields.Get(asking, DraftCollection.Scenario, 0, "locationSharing"));
        Assert.False(DraftFields.Set(asking, DraftCollection.Scenario, 0, "locationSharing", "no").LocationSharing);
    }
}
