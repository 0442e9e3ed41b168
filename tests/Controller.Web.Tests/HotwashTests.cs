using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Web.Tests;

/// <summary>The hotwash after ENDEX: a mailbox entry on every team's phone, answered once through the response path, reported without identity when anonymous.</summary>
public sealed class HotwashTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    private async Task<byte[]> Export(string id, string format, string lang)
    {
        var response = await Controller.Http.GetAsync($"/api/exercises/{id}/aar?format={format}&lang={lang}");
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{format}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(content)}");
        return content;
    }

    private static ResponseSubmission Answers(string id, long sequence, string overall, string improve) => new()
    {
        ResponseId = id,
        Sequence = sequence,
        Fields = new() { ["overall"] = overall, ["improve"] = improve },
    };

    [Fact]
    public async Task After_endex_every_teams_phone_gets_the_hotwash_as_a_mailbox_entry_and_an_evaluator_gets_none()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var evaluator = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "eval-1"));
        await Controller.StartAsync(exercise.ExerciseId);

        await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Endex);
        var hotwash = await teamA.WaitForPushAsync(m => m.Kind == MessageKind.Hotwash);
        var offline = await Controller.GetDeliveriesAsync(exercise.ExerciseId);

        Assert.Equal(("HOTWASH", true, true), (hotwash.InjectNumber, hotwash.Anonymous, hotwash.ResponseRequested));
        Assert.Equal(["overall", "strength", "improve"], hotwash.ResponseForm!.Fields.Select(f => f.Id));
        Assert.All(Scenarios.ScenarioLoader.LoadSample().Teams, team =>
            Assert.Contains(offline.Single(d => d.Recipient.Kind == RecipientKind.Team && d.Recipient.Id == team.Id).Deliveries, p => p.InjectNumber == "HOTWASH"));
        Assert.DoesNotContain(await evaluator.SyncAsync(), m => m.Kind == MessageKind.Hotwash);
    }

    [Fact]
    public async Task An_anonymous_hotwash_answer_sent_twice_is_stored_once_without_the_device()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Anna");
        await Controller.StartAsync(exercise.ExerciseId);
        await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Endex);
        var hotwash = await teamA.WaitForPushAsync(m => m.Kind == MessageKind.Hotwash);

        var first = await teamA.RespondAsync(Answers("hw-1", hotwash.Sequence, "4", "Bring interpreters earlier"));
        var again = await teamA.RespondAsync(Answers("hw-1", hotwash.Sequence, "4", "Bring interpreters earlier"));

        var stored = Assert.Single(await Controller.GetResponsesAsync(exercise.ExerciseId, "team-a"), r => r.InjectNumber == "HOTWASH");
        Assert.Equal((false, true), (first.Duplicate, again.Duplicate));
        Assert.Equal((string.Empty, string.Empty), (stored.DeviceId, stored.DeviceName));
    }

    [Fact]
    public async Task The_aar_exports_carry_the_hotwash_answers_and_no_team_or_device_for_an_anonymous_hotwash()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Anna Petrova");
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"), "Boris Ivanov");
        await using var evaluator = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "eval-1"), "Irina");
        await Controller.StartAsync(id);
        await Controller.FireAsync(id, "1");
        await evaluator.InvokeAsync<Evaluation.ObservationReceipt>(nameof(Hubs.DeviceHub.Observe), new Evaluation.ObservationSubmission
        {
            ObservationId = "obs-1",
            ObservedAt = DateTimeOffset.UtcNow,
            TeamId = "team-a",
            CriticalTaskId = "identify-screen",
            Rating = Evaluation.Rating.S,
            Note = "Screened one by one",
        });
        await Controller.RaiseSignalAsync(id, SignalKind.Endex);
        var formA = await teamA.WaitForPushAsync(m => m.Kind == MessageKind.Hotwash);
        var formB = await teamB.WaitForPushAsync(m => m.Kind == MessageKind.Hotwash);
        await teamA.RespondAsync(Answers("hw-a", formA.Sequence, "5", "Interpreters were late"));
        await teamB.RespondAsync(Answers("hw-b", formB.Sequence, "2", "Radio channels were confused"));

        var json = System.Text.Encoding.UTF8.GetString(await Export(id, "json", "en"));
        var docx = await Export(id, "docx", "ru");
        var xlsx = await Export(id, "xlsx", "en");

        using var archive = JsonDocument.Parse(json);
        var answers = archive.RootElement.GetProperty("hotwash").GetProperty("answers").EnumerateArray().ToList();
        Assert.Contains(answers, a => a.GetProperty("answer").GetString() == "Interpreters were late");
        Assert.All(answers, a => Assert.False(a.TryGetProperty("teamId", out _) || a.TryGetProperty("deviceName", out _)));
        Assert.DoesNotContain("Interpreters were late", archive.RootElement.GetProperty("responses").GetRawText(), StringComparison.Ordinal);

        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == "Разбор по горячим следам");
            Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == "• Radio channels were confused");
            Assert.DoesNotContain("Boris Ivanov", body.InnerText, StringComparison.Ordinal);
        }

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        var part = workbook.WorkbookPart!;
        string Sheet(string name) => ((WorksheetPart)part.GetPartById(part.Workbook!.Sheets!.Elements<X.Sheet>().Single(s => s.Name == name).Id!)).Worksheet!.InnerText;
        var sheet = Sheet("Hotwash");
        Assert.Contains("Interpreters were late", sheet, StringComparison.Ordinal);
        Assert.Contains("Very well", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("team-a", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Petrova", Sheet("Responses"), StringComparison.Ordinal);
        Assert.Contains("Screened one by one", Sheet("Observations"), StringComparison.Ordinal);
    }
}
