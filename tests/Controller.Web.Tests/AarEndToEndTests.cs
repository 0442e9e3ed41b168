using System.Globalization;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Issue 13's run: the sample scenario on a web node over a real redis-server, its clock
/// accelerated, three teams' devices and an evaluator's over real SignalR sockets; the evaluator
/// is offline for part of it, the teams respond (one does not, and its contingency fires), ENDEX,
/// the hotwash answered; then the DOCX and XLSX exports, in English and Russian, opened with the
/// Open XML SDK and read for the metrics, ratings, observations and hotwash answers.
/// </summary>
public sealed class AarEndToEndTests : IAsyncLifetime
{
    // 300× : the sample's first hour (inject 1 at 0:10, inject 2 at 0:20 with a 1 h deadline whose
    // contingency 7 fires at 1:20) passes in about 16 s.
    private const double Speed = 300;

    private static readonly TimeSpan LeadResponseDeadline = ScenarioLoader.LoadSample().Injects.Single(i => i.Number == "2").ResponseDeadline!.Value;

    private RedisServer _redis = null!;
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _node = await WebNode.StartAsync(_redis.ConnectionString);
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static ObservationSubmission Seen(string id, string team, string? task, Rating? rating, string note, string? inject = null) => new()
    {
        ObservationId = id,
        ObservedAt = DateTimeOffset.UtcNow,
        TeamId = team,
        CriticalTaskId = task,
        Rating = rating,
        Note = note,
        InjectNumber = inject,
    };

    private async Task WaitForScenarioTimeAsync(string id, TimeSpan at)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await _controller.GetAsync(id)).ScenarioTime < at)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the drill clock did not reach {at} within 60 s");
            await Task.Delay(100);
        }
    }

    private async Task<byte[]> ExportAsync(string id, string format, string lang)
    {
        using var response = await _controller.Http.GetAsync($"/api/exercises/{id}/aar?format={format}&lang={lang}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{format}/{lang}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    [Fact]
    public async Task Accelerated_sample_run_with_an_evaluator_offline_for_part_of_it_ends_in_docx_and_xlsx_with_its_metrics_ratings_observations_and_hotwash()
    {
        var server = _node.BaseAddress;
        var exercise = await _controller.CreateExerciseAsync($"e2e-{Guid.NewGuid():N}"[..16], scenarioYaml: null);
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Anna Petrova");
        await using var teamB = await DeviceClient.JoinAndConnectAsync(server, ControllerClient.JoinCodeOf(exercise, "team-b"), "Boris Ivanov");
        await using var teamC = await DeviceClient.JoinAndConnectAsync(server, ControllerClient.JoinCodeOf(exercise, "team-c"), "Chen Wei");
        var evaluatorSession = await DeviceClient.JoinAsync(server, ControllerClient.JoinCodeOf(exercise, "eval-1"), "Irina");
        var evaluator = await DeviceClient.ConnectAsync(server, evaluatorSession);
        (await _controller.Http.PostAsJsonAsync($"/api/exercises/{id}/clock/speed", new { speed = Speed }, WebNode.Json)).EnsureSuccessStatusCode();
        await _controller.StartAsync(id);

        // Inject 1 is fired by the clock, not by hand: team A sees it, acknowledges and answers "raid".
        var tip = await teamA.WaitForPushAsync(m => m.InjectNumber == "1", TimeSpan.FromSeconds(60));
        await teamA.SeenAsync(tip.Sequence);
        await teamA.AcknowledgeAsync(tip.Sequence);
        await teamA.RespondAsync(new ResponseSubmission
        {
            ResponseId = "a-1",
            Sequence = tip.Sequence,
            Text = "Raid tonight with child protection.",
            Fields = new() { ["decision"] = "raid", ["reasons"] = "Children at risk" },
        });
        await teamA.WaitForPushAsync(m => m.InjectNumber == "5", TimeSpan.FromSeconds(30)); // the branch the answer chose
        var online = await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe),
            Seen("obs-online", "team-a", "identify-screen", Rating.S, "Screened one by one; interpreter late.", "1"));

        // Team B acknowledges inject 2 and never answers; the evaluator loses the network meanwhile.
        var lead = await teamB.WaitForPushAsync(m => m.InjectNumber == "2", TimeSpan.FromSeconds(60));
        await teamB.AcknowledgeAsync(lead.Sequence);
        await evaluator.DisposeAsync();
        var offline = new[]
        {
            Seen("obs-offline-1", "team-a", null, null, "Minivan left the sauna towards the harbour."),
            Seen("obs-offline-2", "team-a", "identify-screen", Rating.P, "Screening redone with the interpreter.") with { Corrects = "obs-online" },
        };
        var seenAt = (await _controller.GetAsync(id)).ScenarioTime;

        // Team B's deadline passes: the contingency fires while the evaluator is still offline.
        await teamB.WaitForPushAsync(m => m.InjectNumber == "7", TimeSpan.FromSeconds(90));
        var back = (await _controller.GetAsync(id)).ScenarioTime;
        evaluator = await DeviceClient.ConnectAsync(server, evaluatorSession);
        var receipts = new List<ObservationReceipt>();
        foreach (var observation in offline.Concat(offline)) // the outbox sends again when a receipt is lost: once stored
        {
            receipts.Add(await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), observation));
        }

        await evaluator.DisposeAsync();
        Assert.Equal([false, false, true, true], receipts.Select(r => r.Duplicate));
        Assert.All(receipts, r => Assert.True(r.ScenarioTime < back, $"seen offline at about {seenAt}, stored as {r.ScenarioTime}, back at {back}"));

        // The report judges team B's deadline from inject 2's fired event, which is logged after its
        // mailboxes are written; at this speed a busy machine's half-second there is minutes of drill
        // time, so the contingency can fire before the log's deadline has passed. ENDEX comes once the
        // clock is past the deadline as the log has it, or "missed" would be a race, not the drill.
        var events = await _controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{id}/events", WebNode.Json);
        var leadFired = events!.First(e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "2").ScenarioTime;
        await WaitForScenarioTimeAsync(id, leadFired + LeadResponseDeadline + TimeSpan.FromMinutes(1));

        // ENDEX: the hotwash reaches every team and each answers.
        await _controller.RaiseSignalAsync(id, SignalKind.Endex);
        var answers = new (DeviceClient Device, string Overall, string Improve)[]
        {
            (teamA, "5", "Interpreters earlier on site"),
            (teamB, "2", "Radio channels were confused"),
            (teamC, "4", "Shared map of the sites"),
        };
        foreach (var (device, overall, improve) in answers)
        {
            var form = await device.WaitForPushAsync(m => m.Kind == MessageKind.Hotwash, TimeSpan.FromSeconds(30));
            await device.RespondAsync(new ResponseSubmission { ResponseId = $"hw-{overall}", Sequence = form.Sequence, Fields = new() { ["overall"] = overall, ["improve"] = improve } });
        }

        foreach (var (lang, hotwash, notAnswered, no, veryWell) in new[] { ("en", "Hotwash", "no response", "no", "Very well"), ("ru", "Разбор по горячим следам", "нет ответа", "нет", "Очень хорошо") })
        {
            using (var docx = WordprocessingDocument.Open(new MemoryStream(await ExportAsync(id, "docx", lang)), isEditable: false))
            {
                var body = docx.MainDocumentPart!.Document!.Body!;
                var rows = body.Elements<W.Table>().SelectMany(t => t.Elements<W.TableRow>())
                    .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();

                // Metrics: team A answered inject 1 in time; team B acknowledged inject 2, never answered, missed the deadline; contingency 7 fired.
                var answered = Assert.Single(rows, r => r.Length == 8 && r[0] == "1" && r[1] == "team-a");
                Assert.All(answered[2..6], cell => Assert.Matches(@"^\d\d:\d\d:\d\d$", cell));
                Assert.NotEqual(no, answered[7]);
                var unanswered = Assert.Single(rows, r => r.Length == 8 && r[0] == "2" && r[1] == "team-b");
                Assert.Matches(@"^\d\d:\d\d:\d\d$", unanswered[4]);
                Assert.Equal((notAnswered, no), (unanswered[5], unanswered[7]));
                Assert.Contains(rows, r => r.Length == 3 && r[0] == "7" && r[1] != "—");

                // Ratings: the offline correction (P) counts in place of the online S, under the number of the observation it corrects.
                var rating = Assert.Single(rows, r => r.Length == 7 && r[2] == "identify-screen");
                Assert.Equal(("P", "team-a", "eval-1", "Screening redone with the interpreter."), (rating[4], rating[3], rating[5], rating[6]));
                Assert.Equal(online.Sequence.ToString(CultureInfo.InvariantCulture), rating[0]);

                // The hotwash, anonymous: its answers and nobody's name.
                var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
                Assert.Contains(hotwash, paragraphs);
                Assert.Contains("• Radio channels were confused", paragraphs);
                Assert.Contains(rows, r => r.Length == 2 && r[0] == veryWell && r[1] == "1");
                Assert.DoesNotContain("Boris Ivanov", body.InnerText, StringComparison.Ordinal);
                Assert.Equal(3, docx.MainDocumentPart.ImageParts.Count());
            }

            using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(id, "xlsx", lang)), isEditable: false);
            var part = xlsx.WorkbookPart!;
            var sheets = part.Workbook!.Sheets!.Elements<X.Sheet>().ToList();
            List<string[]> Sheet(int index) => ((WorksheetPart)part.GetPartById(sheets[index].Id!)).Worksheet!.Descendants<X.Row>()
                .Select(r => r.Elements<X.Cell>().Select(c => c.InnerText).ToArray()).ToList();
            var deliveries = Sheet(1);
            var answeredRow = Assert.Single(deliveries, r => r[0] == "1" && r[1] == "team-a");
            Assert.True(double.Parse(answeredRow[5], CultureInfo.InvariantCulture) > 0, "acknowledged after some seconds");
            Assert.Equal(notAnswered, Assert.Single(deliveries, r => r[0] == "2" && r[1] == "team-b")[6]);
            var observations = Sheet(3);
            Assert.Equal(4, observations.Count); // header, the online rating, the two sent offline once each
            Assert.Contains(observations, r => r.Contains("Minivan left the sauna towards the harbour."));
            var correction = Assert.Single(observations, r => r.Contains("Screening redone with the interpreter."));
            Assert.Equal(online.Sequence.ToString(CultureInfo.InvariantCulture), correction[^1]);
            var hotwashSheet = Sheet(5);
            Assert.Equal(2, hotwashSheet[0].Length); // anonymous: no team or device column
            Assert.Contains(hotwashSheet, r => r[1] == "Shared map of the sites");
            Assert.Contains(hotwashSheet, r => r[1] == veryWell);
        }
    }
}
