using System.Net;
using ScenarioEngine.Scenarios.Eeg;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>The evaluation guide as a spreadsheet through the REST API, the MSEL import's way.</summary>
public sealed class EegApiTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private ControllerClient Controller => fixture.Controller;

    private async Task<HttpResponseMessage> Upload(string id, byte[] xlsx, string query = "")
    {
        using var content = new ByteArrayContent(xlsx);
        content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return await Controller.Http.PostAsync($"/api/exercises/{id}/eeg?fileName=eeg.xlsx{query}", content);
    }

    [Fact]
    public async Task Guide_exported_as_xlsx_with_russian_headers_and_edited_imports_back_into_the_exercise()
    {
        var id = (await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null)).ExerciseId;
        var exported = await Controller.Http.GetByteArrayAsync($"/api/exercises/{id}/eeg?format=xlsx&headers=ru");
        var rows = SheetFiles.Read("eeg.xlsx", exported, SheetFormat.Xlsx).Rows.Select(r => r.Cells.Select(c => c.Text).ToList()).ToList();
        var task = rows[0].IndexOf("Критическая задача (en)");
        rows[1][task] = "Screen everyone on site, the cellar too";

        var imported = await Upload(id, SheetFiles.Write(rows, SheetFormat.Xlsx));

        imported.EnsureSuccessStatusCode();
        var again = SheetFiles.Read("again.csv", await Controller.Http.GetByteArrayAsync($"/api/exercises/{id}/eeg?format=csv"), SheetFormat.Csv).Rows;
        Assert.Equal(rows.Count, again.Count);
        Assert.Contains(again, r => r.Cells.Any(c => c.Text == "Screen everyone on site, the cellar too"));
    }

    [Fact]
    public async Task Guide_naming_an_unknown_capability_is_refused_with_row_and_column_in_russian_and_changes_nothing()
    {
        var id = (await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null)).ExerciseId;
        var before = await Controller.Http.GetStringAsync($"/api/exercises/{id}/eeg?format=csv");
        var rows = EegImporter.Rows(ScenarioEngine.Scenarios.ScenarioLoader.LoadSample(), russianHeaders: true).Select(r => r.ToList()).ToList();
        rows[2][rows[0].IndexOf("Основной потенциал")] = "Подводное плавание";

        var refused = await Upload(id, SheetFiles.Write(rows, SheetFormat.Xlsx), "&lang=ru");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("eeg.xlsx, строка 3, столбец", body, StringComparison.Ordinal);
        Assert.Contains("Подводное плавание", body, StringComparison.Ordinal);
        Assert.Equal(before, await Controller.Http.GetStringAsync($"/api/exercises/{id}/eeg?format=csv"));
    }

    [Fact]
    public async Task Guide_cannot_be_replaced_once_the_exercise_has_started()
    {
        var id = (await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null)).ExerciseId;
        await Controller.StartAsync(id);

        var refused = await Upload(id, SheetFiles.Write(EegImporter.Rows(ScenarioEngine.Scenarios.ScenarioLoader.LoadSample(), false), SheetFormat.Xlsx));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}
