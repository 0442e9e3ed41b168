using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

public sealed class PersonaTests
{
    private const string Personas = """
        simCell: { responseTarget: "0:05:00" }
        personas:
          - id: bank
            name: { en: "Bank officer", ru: "Сотрудник банка" }
            organisation: { en: "Bank", ru: "Банк" }
            kind: bank
            initials: BO
            colour: "#112233"
            cannedReplies:
              - id: hello
                inject: "1"
                text: { en: "Hello {team}, this is {persona}.", ru: "Здравствуйте, {team}, это {persona}." }

        """;

    [Fact]
    public void Sample_declares_bilingual_personas_with_canned_replies_and_injects_from_them()
    {
        var sample = ScenarioLoader.LoadSample();

        Assert.Contains(sample.Personas, p => p.Kind == PersonaKind.Bank && p.CannedReplies.Count > 0);
        Assert.All(sample.Personas, p => Assert.True(p.Name.ContainsKey("ru") && p.Name.ContainsKey("en")));
        Assert.All(sample.Personas.SelectMany(p => p.CannedReplies), r => Assert.True(r.Text.ContainsKey("ru") && r.Text.ContainsKey("en")));
        Assert.Equal("bank", sample.Injects.Single(i => i.Number == "2").FromPersona);
        Assert.Equal(TimeSpan.FromMinutes(10), sample.SimCell.ResponseTarget);
    }

    [Fact]
    public void Classification_line_defaults_to_exercise_in_both_languages()
    {
        var scenario = ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "drill.yaml");

        var line = ClassificationLines.Of(scenario);

        Assert.Equal("EXERCISE — EXERCISE — EXERCISE", line["en"]);
        Assert.Equal("УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ", line["ru"]);
        Assert.Equal(TimeSpan.FromMinutes(10), scenario.SimCell.ResponseTarget);
    }

    [Fact]
    public void Canned_reply_placeholders_become_the_team_and_persona_names_per_language()
    {
        var scenario = ScenarioLoader.Parse(Personas + TestScenarios.TwoTeamsOneActor, "drill.yaml");
        var reply = scenario.Personas.Single().CannedReplies.Single();

        var text = ReplyText.Fill(reply.Text, scenario, scenario.Teams[0].Id, "bank");

        Assert.Equal($"Hello {scenario.Teams[0].Name["en"]}, this is Bank officer.", text["en"]);
        Assert.Equal($"Здравствуйте, {scenario.Teams[0].Name["ru"]}, это Сотрудник банка.", text["ru"]);
        Assert.Equal(TimeSpan.FromMinutes(5), scenario.SimCell.ResponseTarget);
    }

    [Fact]
    public void Bad_personas_are_all_reported()
    {
        var yaml = (Personas + TestScenarios.TwoTeamsOneActor)
            .Replace("kind: bank", "kind: wizard", StringComparison.Ordinal)
            .Replace("initials: BO", "initials: BOOK", StringComparison.Ordinal)
            .Replace("\"#112233\"", "red", StringComparison.Ordinal)
            .Replace("inject: \"1\"", "inject: \"99\"", StringComparison.Ordinal)
            .Replace("number: \"2\"", "number: \"2\"\n    fromPersona: ghost", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml"));

        Assert.Equal(
            [Msg.NoInject, Msg.NoPersona, Msg.PersonaColourInvalid, Msg.PersonaInitialsInvalid, Msg.PersonaKindInvalid],
            error.Problems.Select(p => p.Code!).Order(StringComparer.Ordinal));
    }

}
