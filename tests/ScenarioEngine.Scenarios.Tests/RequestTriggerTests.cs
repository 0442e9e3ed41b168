using System.Globalization;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>The onRequest trigger in the scenario YAML, its checks, and its spreadsheet cell in both languages.</summary>
public sealed class RequestTriggerTests
{
    private const string Bank = """
        personas:
          - id: bank
            name: { en: "Bank officer", ru: "Сотрудник банка" }
            kind: bank
            initials: BO
            colour: "#112233"

        """;

    private const string Statement = """
          - number: "9"
            to: { teams: [team-a, team-b] }
            fromPersona: bank
            subject: { en: "Statement", ru: "Выписка" }
            message: { en: "Here it is.", ru: "Вот она." }
            trigger:
              onRequest: { persona: bank, keywords: [statement, выписк], delay: "0:10:00" }
        """;

    private static string Yaml(string inject = Statement) => Bank + TestScenarios.TwoTeamsOneActor + "\n" + inject;

    [Fact]
    public void OnRequest_loads_with_persona_keywords_and_delay_and_is_written_back_the_same()
    {
        var scenario = ScenarioLoader.Parse(Yaml(), "drill.yaml");

        var trigger = scenario.Injects.Single(i => i.Number == "9").Trigger!;
        var again = ScenarioLoader.Parse(ScenarioWriter.ToYaml(scenario), "drill.yaml").Injects.Single(i => i.Number == "9").Trigger!;

        Assert.Equal(TriggerKind.OnRequest, trigger.Kind);
        Assert.Equal("bank", trigger.Persona);
        Assert.Equal(["statement", "выписк"], trigger.Keywords);
        Assert.Equal(TimeSpan.FromMinutes(10), trigger.Delay);
        Assert.Equal((trigger.Kind, trigger.Persona, trigger.Delay), (again.Kind, again.Persona, again.Delay));
        Assert.Equal(trigger.Keywords, again.Keywords);
    }

    [Theory]
    [InlineData("en", "No persona 'ghost'.", "must be addressed to teams")]
    [InlineData("ru", "Нет персонажа 'ghost'.", "должно быть адресовано командам")]
    public void An_unknown_persona_a_blank_keyword_and_an_inject_for_no_team_are_reported_in_the_readers_language(string language, string noPersona, string noTeams)
    {
        var yaml = Yaml(Statement
            .Replace("persona: bank,", "persona: ghost,", StringComparison.Ordinal)
            .Replace("[statement, выписк]", "[statement, \" \"]", StringComparison.Ordinal)
            .Replace("to: { teams: [team-a, team-b] }", "to: { actors: [witness] }", StringComparison.Ordinal));

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml", CultureInfo.GetCultureInfo(language)));

        Assert.Equal([Msg.NoPersona, Msg.RequestKeywordBlank, Msg.RequestTriggerWithoutTeams], error.Problems.Select(p => p.Code!).Order(StringComparer.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains(noPersona, StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains(noTeams, StringComparison.Ordinal));
    }

    [Fact]
    public void OnRequest_with_another_trigger_is_one_trigger_too_many()
    {
        var yaml = Yaml(Statement.Replace("  onRequest:", "  after: { inject: \"1\" }\n      onRequest:", StringComparison.Ordinal));

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml"));

        Assert.Contains(error.Problems, p => p.Code == Msg.OneTriggerOnly);
    }

    [Theory]
    [InlineData("request bank +0:10 keywords=statement, выписк", "bank", 10, new[] { "statement", "выписк" })]
    [InlineData("Обращение bank +0:10 слова=выписк; счёт", "bank", 10, new[] { "выписк", "счёт" })]
    [InlineData("запрос prosecutor", "prosecutor", 0, null)]
    [InlineData("request hotline keywords=call back", "hotline", 0, new[] { "call back" })]
    public void The_spreadsheet_cell_reads_a_request_trigger_in_english_and_russian(string cell, string persona, int minutes, string[]? keywords)
    {
        Assert.True(TriggerText.TryParse(cell, out var trigger));

        Assert.Equal(TriggerKind.OnRequest, trigger!.Kind);
        Assert.Equal(persona, trigger.Persona);
        Assert.Equal(TimeSpan.FromMinutes(minutes), trigger.Delay);
        Assert.Equal(keywords, trigger.Keywords);
    }

    [Fact]
    public void The_spreadsheet_cell_written_for_a_request_trigger_reads_back_the_same()
    {
        var inject = ScenarioLoader.Parse(Yaml(), "drill.yaml").Injects.Single(i => i.Number == "9");

        var cell = TriggerText.Format(inject);
        Assert.True(TriggerText.TryParse(cell, out var back));

        Assert.Equal("request bank +0:10:00 keywords=statement, выписк", cell);
        Assert.Equal((inject.Trigger!.Persona, inject.Trigger.Delay), (back!.Persona, back.Delay));
        Assert.Equal(inject.Trigger.Keywords, back.Keywords);
    }
}
