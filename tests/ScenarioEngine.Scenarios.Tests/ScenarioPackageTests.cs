using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;
using YamlDotNet.RepresentationModel;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>The scenario package: the sample, the published JSON Schema and the checks beyond it.</summary>
public sealed class ScenarioPackageTests
{
    public static readonly string RepoRoot = FindRepoRoot();

    // Loaded once: JsonSchema.Net registers a schema by its $id and refuses a second registration.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoRoot, "schemas", "scenario.schema.json"))));

    [Fact]
    public void Sample_is_a_multi_day_exercise_with_cue_cards_gates_branches_and_contingencies()
    {
        var sample = ScenarioLoader.LoadSamplePackage();
        var s = sample.Scenario;

        Assert.Equal(3, s.Teams.Count);
        Assert.Equal(2, s.Breaks.Count);
        Assert.Contains(s.Injects, i => i.Trigger?.Kind == TriggerKind.OnResponse);
        Assert.Contains(s.Injects, i => i.Trigger?.Kind == TriggerKind.IfNoResponse && i.Contingency);
        Assert.Contains(s.Injects, i => i.Disclosures.Any(d => d.AfterInject is not null) && i.To.Actors.Count == 1);
        Assert.Equal(s.Attachments.Single().Size, sample.Attachments["atm-log"].Length);
        Assert.Contains(s.Injects, i => i.At > TimeSpan.FromDays(2));
    }

    [Theory]
    [InlineData("src/ScenarioEngine.Scenarios/Samples/anti-trafficking-sample.yaml")]
    public void Sample_validates_against_the_published_json_schema(string path)
    {
        var result = Evaluate(File.ReadAllText(Path.Combine(RepoRoot, path)));

        Assert.True(result.IsValid, string.Join("\n", Errors(result)));
    }

    [Fact]
    public void The_schema_takes_location_sharing_as_a_flag_and_nothing_else()
    {
        Assert.True(Evaluate(TestScenarios.TwoTeamsOneActor + "\nlocationSharing: true\n").IsValid);
        Assert.False(Evaluate(TestScenarios.TwoTeamsOneActor + "\nlocationSharing: sometimes\n").IsValid);
    }

    [Fact]
    public void Test_scenarios_validate_against_the_schema_and_a_misspelt_field_does_not()
    {
        Assert.True(Evaluate(TestScenarios.TwoTeamsOneActor).IsValid, string.Join("\n", Errors(Evaluate(TestScenarios.TwoTeamsOneActor))));
        Assert.True(Evaluate(TestScenarios.Branching).IsValid, string.Join("\n", Errors(Evaluate(TestScenarios.Branching))));
        Assert.False(Evaluate(TestScenarios.TwoTeamsOneActor.Replace("subject:", "subjet:", StringComparison.Ordinal)).IsValid);
    }

    [Fact]
    public void Trigger_cycle_is_rejected_naming_every_inject_in_it()
    {
        var yaml = TestScenarios.Branching
            .Replace("at: \"0:01:00\"", "trigger: { after: { inject: \"5\" } }", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "cycle.yaml"));

        var cycle = Assert.Single(error.Problems, p => p.Code == Msg.TriggerCycle);
        Assert.Equal("injects[0].trigger", cycle.Where);
        Assert.Contains("1 → 5 → 2 → 1", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_are_reported_in_russian_when_asked()
    {
        var yaml = TestScenarios.TwoTeamsOneActor.Replace("to: { teams: [team-b] }", "to: { teams: [team-x] }", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "drill.yaml", CultureInfo.GetCultureInfo("ru")));

        Assert.Equal("injects[1].to.teams: Нет группы 'team-x'.", Assert.Single(error.Problems).ToString());
    }

    [Fact]
    public void Every_validation_message_exists_in_russian()
    {
        var english = ScenarioText.Keys(CultureInfo.InvariantCulture).Order().ToList();

        Assert.NotEmpty(english);
        Assert.Equal(english, ScenarioText.Keys(CultureInfo.GetCultureInfo("ru")).Order());
        Assert.Equal(english, typeof(Msg).GetFields().Select(f => (string)f.GetValue(null)!).Order());
    }

    [Fact]
    public void Each_kind_of_scenario_mistake_is_reported_at_once()
    {
        var yaml = TestScenarios.Branching
            .Replace("choice: raid", "choice: storm", StringComparison.Ordinal)
            .Replace("state: raided } }", "state: burnt } }", StringComparison.Ordinal)
            .Replace("afterInject: \"2\"", "afterInject: \"99\"", StringComparison.Ordinal)
            .Replace("    trigger: { after: { inject: \"2\", delay: \"0:05:00\" } }", "    contingency: true\n    at: \"0:30:00\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "many.yaml"));

        Assert.Equal(
            [Msg.ContingencyWithTime, Msg.NoChoice, Msg.NoInject, Msg.NoSiteState],
            error.Problems.Select(p => p.Code!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Oversized_attachment_is_refused()
    {
        var big = Convert.ToBase64String(new byte[ScenarioValidator.MaxAttachmentBytes + 1]);
        var yaml = TestScenarios.TwoTeamsOneActor.Replace("sites:", $"attachments:\n  - id: big\n    fileName: big.pdf\n    content: {big}\nsites:", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "big.yaml"));

        Assert.Equal(Msg.AttachmentTooLarge, Assert.Single(error.Problems).Code);
    }

    [Fact]
    public void Scenario_written_back_as_yaml_loads_to_the_same_scenario()
    {
        var sample = ScenarioLoader.LoadSamplePackage();
        var folder = Directory.CreateTempSubdirectory("scenario-write-").FullName;
        var path = Path.Combine(folder, "copy.yaml");

        ScenarioWriter.WriteFile(sample, path);
        var again = ScenarioLoader.LoadFile(path);

        Assert.Equal(Json(sample.Scenario), Json(again.Scenario));
        Assert.Equal(sample.Attachments["atm-log"], again.Attachments["atm-log"]);
        Directory.Delete(folder, recursive: true);
    }

    private static string Json(ScenarioDefinition scenario) => TestJson.Serialize(scenario);

    private static EvaluationResults Evaluate(string yaml)
    {
        return Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(YamlToJson(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));

    /// <summary>YAML 1.2 core schema to JSON: plain scalars become numbers, booleans and nulls; quoted ones stay strings.</summary>
    private static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
            YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } plain => plain.Value switch
            {
                null or "" or "~" or "null" => null,
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                var v when long.TryParse(v, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
                var v => JsonValue.Create(v),
            },
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => null,
        };
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScenarioEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ScenarioEngine.sln not found above the test folder.");
    }
}
