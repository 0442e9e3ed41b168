using System.Globalization;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>Evidence items per site in the scenario YAML, their checks, and the onEvidence trigger in YAML and in the spreadsheet cell in both languages.</summary>
public sealed class EvidenceScenarioTests
{
    private const string Items = """
        evidence:
          - id: ledger
            site: site-1
            name: { en: "Ledger", ru: "Журнал" }
            hiddenAt: { en: "Under the desk", ru: "Под столом" }
            text: { en: "Names and debts.", ru: "Имена и долги." }
            condition: { afterInject: "1" }

        """;

    private const string Found = """
          - number: "9"
            to: { teams: [team-a, team-b] }
            subject: { en: "The ledger", ru: "Журнал" }
            message: { en: "Read it.", ru: "Прочтите." }
            trigger:
              onEvidence: { item: ledger, delay: "0:05:00" }
        """;

    private static string Yaml(string items = Items, string inject = Found) => items + TestScenarios.TwoTeamsOneActor + "\n" + inject;

    [Fact]
    public void Evidence_items_and_an_onEvidence_trigger_load_and_are_written_back_the_same()
    {
        var scenario = ScenarioLoader.Parse(Yaml(), "drill.yaml");
        var again = ScenarioLoader.Parse(ScenarioWriter.ToYaml(scenario), "drill.yaml");

        var item = Assert.Single(scenario.Evidence);
        Assert.Equal(("ledger", "site-1", "Под столом", "1"), (item.Id, item.Site, item.HiddenAt["ru"], item.Condition!.AfterInject));
        Assert.Equal(item.Text, again.Evidence.Single().Text);
        Assert.Equal(item.Condition, again.Evidence.Single().Condition);
        var trigger = scenario.Injects.Single(i => i.Number == "9").Trigger!;
        Assert.Equal((TriggerKind.OnEvidence, "ledger", TimeSpan.FromMinutes(5)), (trigger.Kind, trigger.Evidence, trigger.Delay));
        Assert.Equal(trigger, again.Injects.Single(i => i.Number == "9").Trigger);
    }

    [Fact]
    public void The_bundled_sample_has_evidence_at_its_sites_and_an_inject_fired_by_finding_the_passports()
    {
        var scenario = ScenarioLoader.LoadSample();

        Assert.Equal(["passports", "ledger", "barn-key"], scenario.Evidence.Select(e => e.Id));
        Assert.Equal("raided", scenario.FindEvidence("passports")!.Condition!.SiteState);
        Assert.Contains(scenario.Injects, i => i.Trigger is { Kind: TriggerKind.OnEvidence, Evidence: "passports" });
    }

    [Theory]
    [InlineData("en", "No site 'nowhere'.", "No evidence item 'ghost'.", "gives the team nothing")]
    [InlineData("ru", "Нет объекта 'nowhere'.", "Нет улики 'ghost'.", "ничего не даёт команде")]
    public void An_unknown_site_an_item_without_content_and_an_unknown_item_in_a_trigger_are_located_in_the_readers_language(string language, string noSite, string noItem, string noContent)
    {
        var items = Items
            .Replace("site: site-1", "site: nowhere", StringComparison.Ordinal)
            .Replace("    text: { en: \"Names and debts.\", ru: \"Имена и долги.\" }\n", string.Empty, StringComparison.Ordinal);
        var yaml = Yaml(items, Found.Replace("item: ledger", "item: ghost", StringComparison.Ordinal));

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml", CultureInfo.GetCultureInfo(language)));

        Assert.Equal([Msg.EvidenceWithoutContent, Msg.NoEvidence, Msg.NoSite], error.Problems.Select(p => p.Code!).Order(StringComparer.Ordinal));
        Assert.Contains(error.Problems, p => p.Where == "evidence[0].site" && p.Message.Contains(noSite, StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Where == "evidence[0]" && p.Message.Contains(noContent, StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Where == "injects[4].trigger" && p.Message.Contains(noItem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_on_a_state_the_site_lacks_or_with_two_parts_or_an_unknown_inject_is_reported_where_it_is()
    {
        string Problems(string condition) => Assert.Single(Assert.Throws<ScenarioValidationException>(() =>
            ScenarioLoader.Parse(Yaml(Items.Replace("condition: { afterInject: \"1\" }", condition, StringComparison.Ordinal)), "drill.yaml")).Problems) is var p
            ? $"{p.Where} {p.Code}"
            : string.Empty;

        Assert.Equal("evidence[0].condition.siteState NoSiteState", Problems("condition: { siteState: raided }"));
        Assert.Equal("evidence[0].condition EvidenceConditionOneOnly", Problems("condition: { siteState: raided, afterInject: \"1\" }"));
        Assert.Equal("evidence[0].condition.afterInject NoInject", Problems("condition: { afterInject: \"99\" }"));
    }

    [Fact]
    public void An_onEvidence_inject_for_no_team_is_refused_because_it_could_never_fire()
    {
        var yaml = Yaml(inject: Found.Replace("to: { teams: [team-a, team-b] }", "to: { actors: [witness] }", StringComparison.Ordinal));

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml"));

        Assert.Equal(Msg.EvidenceTriggerWithoutTeams, Assert.Single(error.Problems).Code);
    }

    [Theory]
    [InlineData("evidence ledger +0:05", "ledger", 5)]
    [InlineData("evidence found ledger", "ledger", 0)]
    [InlineData("Улика passports +0:10", "passports", 10)]
    [InlineData("улика найдена barn-key", "barn-key", 0)]
    public void The_spreadsheet_cell_reads_an_evidence_trigger_in_english_and_russian(string cell, string item, int minutes)
    {
        Assert.True(TriggerText.TryParse(cell, out var trigger));

        Assert.Equal((TriggerKind.OnEvidence, item, TimeSpan.FromMinutes(minutes)), (trigger!.Kind, trigger.Evidence, trigger.Delay));
    }

    [Fact]
    public void The_spreadsheet_cell_written_for_an_evidence_trigger_reads_back_the_same()
    {
        var inject = ScenarioLoader.Parse(Yaml(), "drill.yaml").Injects.Single(i => i.Number == "9");

        var cell = TriggerText.Format(inject);
        Assert.True(TriggerText.TryParse(cell, out var back));

        Assert.Equal("evidence ledger +0:05:00", cell);
        Assert.Equal(inject.Trigger, back);
    }
}
