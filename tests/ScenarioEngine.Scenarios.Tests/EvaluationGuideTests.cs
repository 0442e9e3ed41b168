using System.Globalization;
using ScenarioEngine.Scenarios.Evaluation;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

public sealed class EvaluationGuideTests
{
    private const string Guide =
        """
        capabilities:
          - id: own-capability
            name: { en: "Own", ru: "Свой" }
        objectives:
          - id: obj-1
            title: { en: "Find the van", ru: "Найти фургон" }
            capabilities: [own-capability, operational-coordination]
            criticalTasks:
              - id: task-1
                capability: operational-coordination
                title: { en: "Brief both teams", ru: "Проинструктировать обе группы" }
                targets:
                  - { en: "Within 10 minutes", ru: "В течение 10 минут" }
        evaluators:
          - id: eval-1
            name: { en: "Evaluator", ru: "Оценщик" }
            teams: [team-a]
            sites: [site-1]
        sites:
        """;

    [Fact]
    public void Bundled_list_holds_the_32_hseep_core_capabilities_in_english_and_russian()
    {
        Assert.Equal(32, CoreCapabilities.Bundled.Count);
        Assert.Equal(32, CoreCapabilities.Bundled.Select(c => c.Id).Distinct().Count());
        Assert.All(CoreCapabilities.Bundled, c => Assert.True(c.Name["en"].Length > 0 && c.Name["ru"].Length > 0, c.Id));
        Assert.Contains(CoreCapabilities.Bundled, c => c.Id == "operational-coordination" && c.Name["ru"] == "Оперативная координация");
    }

    [Fact]
    public void Objectives_capabilities_critical_tasks_and_evaluators_are_read_from_yaml()
    {
        var scenario = ScenarioLoader.Parse(WithGuide(), "eeg.yaml");

        var objective = Assert.Single(scenario.Objectives);
        var task = Assert.Single(objective.CriticalTasks);
        Assert.Equal(("task-1", "operational-coordination", "Within 10 minutes"), (task.Id, task.Capability, Assert.Single(task.Targets)["en"]));
        Assert.Equal("Свой", Assert.Single(scenario.Capabilities).Name["ru"]);
        var evaluator = Assert.Single(scenario.Evaluators);
        Assert.Equal(["team-a"], evaluator.Teams);
        Assert.Equal(["site-1"], evaluator.Sites);
        Assert.Equal(["Own", "Operational Coordination"], objective.Capabilities.Select(c => CoreCapabilities.For(scenario)[c].Name["en"]));
    }

    [Fact]
    public void Unknown_capability_foreign_task_capability_missing_translation_and_bad_assignment_are_reported_together()
    {
        var yaml = WithGuide()
            .Replace("[own-capability, operational-coordination]", "[own-capability, no-such-capability]", StringComparison.Ordinal)
            .Replace("{ en: \"Within 10 minutes\", ru: \"В течение 10 минут\" }", "{ en: \"Within 10 minutes\" }", StringComparison.Ordinal)
            .Replace("    teams: [team-a]\n    sites: [site-1]", "    teams: [team-z]\n    sites: [site-9]", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "eeg.yaml"));

        Assert.Equal(
            [
                "evaluators[0].sites: No site 'site-9'.",
                "evaluators[0].teams: No team 'team-z'.",
                "objectives[0].capabilities: No core capability 'no-such-capability': neither in the bundled HSEEP list nor under the scenario's capabilities.",
                "objectives[0].criticalTasks[0].capability: The critical task's capability 'operational-coordination' is not among the capabilities of objective 'obj-1'.",
                "objectives[0].criticalTasks[0].targets[0]: Missing the 'ru' text.",
            ],
            error.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_scenario_capability_may_not_reuse_a_bundled_id_and_the_reason_reads_in_russian()
    {
        var yaml = WithGuide().Replace("id: own-capability", "id: planning", StringComparison.Ordinal).Replace("[own-capability,", "[planning,", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "eeg.yaml", CultureInfo.GetCultureInfo("ru")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(Msg.CapabilityIsBundled, problem.Code);
        Assert.Contains("базовых потенциалов HSEEP", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Critical_task_ids_are_unique_across_objectives()
    {
        var yaml = WithGuide().Replace(
            "evaluators:",
            "  - id: obj-2\n    title: { en: \"Two\", ru: \"Два\" }\n    capabilities: [planning]\n    criticalTasks:\n      - { id: task-1, capability: planning, title: { en: \"Plan\", ru: \"План\" } }\nevaluators:",
            StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "eeg.yaml"));

        Assert.Equal(Msg.Duplicate, Assert.Single(error.Problems).Code);
    }

    [Fact]
    public void Sample_has_a_full_bilingual_evaluation_guide()
    {
        var sample = ScenarioLoader.LoadSample();
        var capabilities = CoreCapabilities.For(sample);

        Assert.NotEmpty(sample.Evaluators);
        Assert.All(sample.Teams, team => Assert.Contains(sample.Evaluators, e => e.Teams.Contains(team.Id)));
        Assert.All(sample.Objectives, objective =>
        {
            Assert.All(objective.Capabilities, c => Assert.True(capabilities[c].Name.ContainsKey("ru") && capabilities[c].Name.ContainsKey("en")));
            Assert.All(objective.Capabilities, c => Assert.Contains(objective.CriticalTasks, t => t.Capability == c));
            Assert.All(objective.CriticalTasks.SelectMany(t => t.Targets), target => Assert.True(target.ContainsKey("ru") && target.ContainsKey("en")));
        });
        Assert.Contains(sample.Objectives.SelectMany(o => o.Capabilities), c => CoreCapabilities.Bundled.Any(b => b.Id == c));
        Assert.Contains(sample.Objectives.SelectMany(o => o.Capabilities), c => sample.Capabilities.Any(b => b.Id == c));
    }

    private static string WithGuide() => TestScenarios.TwoTeamsOneActor.Replace("sites:", Guide, StringComparison.Ordinal);
}
