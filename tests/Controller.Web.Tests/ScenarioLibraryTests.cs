using System.Net;
using System.Net.Http.Json;
using System.Text;
using ScenarioEngine.Exercises;
using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>Scenarios as reusable templates: saved once, exported in every format, and the source of any number of exercises.</summary>
public sealed class ScenarioLibraryTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task A_saved_scenario_is_listed_and_two_exercises_are_created_from_it()
    {
        using var yaml = new StringContent(TestScenarios.Branching, Encoding.UTF8, "application/yaml");
        var saved = await Controller.Http.PostAsync("/api/scenarios", yaml);
        var first = EmbeddedNodeFixture.NewExerciseId();
        var second = EmbeddedNodeFixture.NewExerciseId();

        var a = await Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId = first, template = "branching" }, WebNode.Json);
        var b = await Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId = second, template = "branching", draft = true }, WebNode.Json);
        var list = await Controller.Http.GetFromJsonAsync<List<ScenarioTemplateInfo>>("/api/scenarios", WebNode.Json);

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        a.EnsureSuccessStatusCode();
        b.EnsureSuccessStatusCode();
        Assert.Contains(list!, t => t.Id == "branching" && t.Injects == 7);
        Assert.Contains(list!, t => t.Id == ScenarioLoader.LoadSample().Id);
        Assert.Equal((ClockStatus.Ready, ClockStatus.Draft), ((await Controller.GetAsync(first)).Status, (await Controller.GetAsync(second)).Status));
        Assert.Equal(7, (await Controller.GetAsync(second)).Injects.Count);
    }

    [Fact]
    public async Task An_unknown_template_is_a_404_and_an_invalid_scenario_is_not_saved()
    {
        using var bad = new StringContent(TestScenarios.Branching.Replace("teams: [team-b]", "teams: [team-z]", StringComparison.Ordinal).Replace("id: branching", "id: broken", StringComparison.Ordinal), Encoding.UTF8, "application/yaml");

        var refused = await Controller.Http.PostAsync("/api/scenarios", bad);
        var missing = await Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId = EmbeddedNodeFixture.NewExerciseId(), template = "broken" }, WebNode.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("team-z", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("yaml", "en")]
    [InlineData("csv", "ru")]
    [InlineData("xlsx", "en")]
    [InlineData("xlsx", "ru")]
    public async Task The_sample_exports_in_each_format_and_reads_back_the_same(string format, string headers)
    {
        var sample = ScenarioLoader.LoadSamplePackage();

        var bytes = await Controller.Http.GetByteArrayAsync($"/api/scenarios/{sample.Scenario.Id}?format={format}&headers={headers}");

        var again = format == "yaml"
            ? ScenarioLoader.ParsePackage(Encoding.UTF8.GetString(bytes), "again.yaml").Scenario
            : MselImporter.Import(SheetFiles.Read($"msel.{format}", bytes, format == "csv" ? SheetFormat.Csv : SheetFormat.Xlsx), sample.Scenario);
        Assert.Equal(Json(sample.Scenario.Injects), Json(again.Injects));
        if (headers == "ru")
        {
            var sheet = SheetFiles.Read("h", bytes, format == "csv" ? SheetFormat.Csv : SheetFormat.Xlsx);
            Assert.Equal("Номер", sheet.Rows[0][0].Text);
        }
    }

    [Fact]
    public async Task An_exercise_msel_imported_with_a_mapping_remembers_it_for_the_next_sheet()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await Controller.CreateExerciseAsync(id);
        const string sheet = "Serial,Audience,Headline,Narrative,Colour\r\n1,Team A,Tip,Someone called.,red\r\n";

        var mapped = await Import(id, sheet, "&map=Narrative%3DMessage");
        var again = await Import(id, sheet, string.Empty);

        Assert.True(mapped.IsSuccessStatusCode, await mapped.Content.ReadAsStringAsync());
        again.EnsureSuccessStatusCode();
        var report = await again.Content.ReadAsStringAsync();
        Assert.Contains("Column E (Colour) is not used", report, StringComparison.Ordinal);
        Assert.Contains("falls back to en", report, StringComparison.Ordinal);
        Assert.Equal("Tip", (await Controller.GetAsync(id)).Injects.Single().Subject["en"]);
    }

    private async Task<HttpResponseMessage> Import(string id, string csv, string query)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new("text/csv");
        return await Controller.Http.PostAsync($"/api/exercises/{id}/msel?fileName=msel.csv{query}", content);
    }

    /// <summary>JSON with object keys sorted, so texts compare equal whatever order their languages came in.</summary>
    private static string Json(object value)
    {
        static System.Text.Json.Nodes.JsonNode? Sort(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value?.DeepClone())))),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(x => Sort(x?.DeepClone())).ToArray()),
            _ => node?.DeepClone(),
        };

        return Sort(System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(value, WebNode.Json)))!.ToJsonString();
    }
}
