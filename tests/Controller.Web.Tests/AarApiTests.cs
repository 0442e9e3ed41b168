using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Testing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Web.Tests;

/// <summary>The after-action report made from a run's logs, through the HTTP API, with a real device answering over SignalR.</summary>
public sealed class AarApiTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Report_of_a_run_lists_the_devices_response_and_the_evaluators_observation_in_russian_docx_and_in_xlsx()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Phone A");
        await Controller.StartAsync(id);
        await Controller.FireAsync(id, "4");
        var order = await teamA.WaitForPushAsync(m => m.InjectNumber == "4");
        await teamA.RespondAsync("resp-1", order.Sequence, "AB 123 C");
        await fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(id)
            .Add(new ObservationEntry { ObjectiveId = "none", TeamId = "team-a", InjectNumber = "4", Rating = Rating.S, Note = "Plate reported late.", Evaluator = "eva" }, TimeSpan.FromMinutes(3));

        var docx = await Controller.Http.GetAsync($"/api/exercises/{id}/aar?format=docx&lang=ru");
        var xlsx = await Controller.Http.GetAsync($"/api/exercises/{id}/aar?format=xlsx&lang=en");

        docx.EnsureSuccessStatusCode();
        using (var document = WordprocessingDocument.Open(await docx.Content.ReadAsStreamAsync(), isEditable: false))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == "Общие сведения об учении");
            var delivery = body.Elements<W.Table>().Single(t => t.InnerText.Contains("Доставлено", StringComparison.Ordinal));
            Assert.Contains(delivery.Elements<W.TableRow>(), r => r.InnerText.StartsWith("4team-a", StringComparison.Ordinal));
            Assert.Equal(3, document.MainDocumentPart.ImageParts.Count());
        }

        xlsx.EnsureSuccessStatusCode();
        using var workbook = SpreadsheetDocument.Open(await xlsx.Content.ReadAsStreamAsync(), isEditable: false);
        var part = workbook.WorkbookPart!;
        string Sheet(string name) => ((WorksheetPart)part.GetPartById(part.Workbook!.Sheets!.Elements<X.Sheet>().Single(s => s.Name == name).Id!)).Worksheet!.InnerText;
        Assert.Contains("AB 123 C", Sheet("Responses"), StringComparison.Ordinal);
        Assert.Contains("Plate reported late.", Sheet("Observations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_needs_a_signed_in_controller_and_a_known_format()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        using var anonymous = new HttpClient { BaseAddress = fixture.Node.BaseAddress };

        var refused = await anonymous.GetAsync($"/api/exercises/{exercise.ExerciseId}/aar?format=json");
        var unknown = await Controller.Http.GetAsync($"/api/exercises/{exercise.ExerciseId}/aar?format=pdf");
        var missing = await Controller.Http.GetAsync($"/api/exercises/{EmbeddedNodeFixture.NewExerciseId()}/aar?format=json");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
