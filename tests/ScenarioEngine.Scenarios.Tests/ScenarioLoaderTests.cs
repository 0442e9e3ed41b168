using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

public sealed class ScenarioLoaderTests
{
    [Fact]
    public void Bundled_sample_is_valid_and_bilingual()
    {
        var sample = ScenarioLoader.LoadSample();

        Assert.Equal(["ru", "en"], sample.Languages);
        Assert.All(sample.Injects, i => Assert.True(i.Message.ContainsKey("ru") && i.Message.ContainsKey("en")));
        Assert.Contains(sample.Injects, i => i.At is not null);
        Assert.Contains(sample.Injects, i => i.To.Actors.Count > 0);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var yaml = TestScenarios.TwoTeamsOneActor
            .Replace("number: \"2\"", "number: \"1\"", StringComparison.Ordinal)
            .Replace("to: { actors: [witness] }", "to: { actors: [ghost] }", StringComparison.Ordinal)
            .Replace("message: { en: \"Report the plate number.\", ru: \"Сообщите номер машины.\" }", "message: { en: \"Report the plate number.\" }", StringComparison.Ordinal)
            .Replace("method: inPerson", "method: pigeon", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml"));

        Assert.Collection(error.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal),
            p => Assert.Equal("inject number: '1' is used 2 times.", p),
            p => Assert.Equal("injects[2].method: 'pigeon' is not a delivery method (Document, PhoneCall, Sms, Email, Radio, InPerson, MediaReport, Social).", p),
            p => Assert.Equal("injects[2].to.actors: No actor 'ghost'.", p),
            p => Assert.Equal("injects[3].message: Missing the 'ru' text.", p));
        Assert.StartsWith("drill.yaml has 4 problem(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse("id: x\ntitle: [unclosed\n", "broken.yaml"));

        Assert.StartsWith("line ", Assert.Single(error.Problems).Where, StringComparison.Ordinal);
    }
}
