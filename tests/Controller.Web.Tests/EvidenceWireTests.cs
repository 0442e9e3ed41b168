using System.Net.Http.Json;
using System.Text.Json;
using ScenarioEngine.Delivery;
using ScenarioEngine.Evidence;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Evidence props over real SignalR connections to a real web node: teams scan labels, a find is a
/// mailbox entry of the finding team, and the hiding place never reaches a phone.
/// </summary>
public sealed class EvidenceWireTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly ScenarioDefinition Sample = ScenarioLoader.LoadSample();

    [Fact]
    public async Task The_hiding_place_of_an_item_never_reaches_a_device_on_the_wire()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        var labels = await LabelsAsync(exerciseId);
        var phones = new Dictionary<string, DeviceClient>();
        foreach (var team in Sample.Teams)
        {
            phones[team.Id] = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, team.Id));
        }

        // Every team scans every label, before and after the sauna is raided, so every outcome and entry goes over the wire.
        foreach (var (team, phone) in phones)
        {
            foreach (var label in labels)
            {
                await phone.ScanEvidenceAsync($"{team}-{label.Label.ItemId}-early", label.Label.Code);
            }
        }

        var raided = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/sites/sauna/state", new SiteStateRequest("raided"), WebNode.Json);
        raided.EnsureSuccessStatusCode();
        foreach (var (team, phone) in phones)
        {
            var found = await phone.ScanEvidenceAsync($"{team}-passports", labels.Single(l => l.Label.ItemId == "passports").Label.Code);
            Assert.Equal(EvidenceScanOutcome.Found, found.Outcome);
            await phone.WaitForPushAsync(m => m.Kind == MessageKind.Evidence && m.InjectNumber == "EV-passports");
            await phone.SyncAsync();
        }

        var hidingPlaces = Sample.Evidence.SelectMany(e => e.HiddenAt.Values).ToList();
        Assert.Equal(6, hidingPlaces.Count);
        foreach (var (team, phone) in phones)
        {
            var wire = string.Join('\n', phone.RawFrames);
            Assert.All(hidingPlaces, text => Assert.DoesNotContain(Json(text), wire, StringComparison.Ordinal));
            Assert.DoesNotContain("hiddenAt", wire, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["EV-ledger", "EV-passports"], phone.Held.Where(m => m.Kind == MessageKind.Evidence).Select(m => m.InjectNumber).Order(StringComparer.Ordinal));
            await phone.DisposeAsync();
        }
    }

    [Fact]
    public async Task Scanning_a_label_twice_gives_one_entry_and_another_exercises_label_does_nothing()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        var (otherId, _) = await CreateAsync();
        var ledger = (await LabelsAsync(exerciseId)).Single(l => l.Label.ItemId == "ledger");
        var foreign = (await LabelsAsync(otherId)).Single(l => l.Label.ItemId == "ledger");
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));

        var first = await phone.ScanEvidenceAsync("scan-1", ledger.Label.Code);
        var retry = await phone.ScanEvidenceAsync("scan-1", ledger.Label.Code);
        var again = await phone.ScanEvidenceAsync("scan-2", ledger.Label.Code.ToLowerInvariant());
        var elsewhere = await phone.ScanEvidenceAsync("scan-3", foreign.Label.Code);
        await phone.SyncAsync();

        Assert.Equal((EvidenceScanOutcome.Found, false), (first.Outcome, first.Duplicate));
        Assert.Equal((EvidenceScanOutcome.Found, true), (retry.Outcome, retry.Duplicate));
        Assert.Equal(EvidenceScanOutcome.AlreadyFound, again.Outcome);
        Assert.Equal((EvidenceScanOutcome.NotThisExercise, null), (elsewhere.Outcome, elsewhere.Item));
        var entry = Assert.Single(phone.Held, m => m.Kind == MessageKind.Evidence);
        Assert.Equal((first.Sequence, again.Sequence), ((long?)entry.Sequence, (long?)entry.Sequence));
        Assert.Equal(Sample.FindEvidence("ledger")!.Text["en"], entry.Message["en"]);
        Assert.Equal("atm-log", Assert.Single(entry.Attachments).Id);
        var scans = await fixture.Controller.Http.GetFromJsonAsync<List<EvidenceScanRecord>>($"/api/exercises/{exerciseId}/evidence/scans", WebNode.Json) ?? [];
        Assert.Equal(["scan-1", "scan-2", "scan-3"], scans.Select(s => s.ScanId));
        Assert.All(scans, s => Assert.Equal("team-b", s.TeamId));
        Assert.Single(scans.Select(s => s.DeviceId).Distinct());
    }

    [Fact]
    public async Task A_label_QR_code_opens_the_phone_app_at_its_scan_screen()
    {
        var (exerciseId, _) = await CreateAsync();
        var ledger = (await LabelsAsync(exerciseId)).Single(l => l.Label.ItemId == "ledger");

        var svg = await fixture.Controller.Http.GetStringAsync($"/api/exercises/{exerciseId}/evidence/labels/ledger/qr.svg");

        Assert.EndsWith($"/app/#/scan/{ledger.Label.Code}", ledger.ScanUrl, StringComparison.Ordinal);
        Assert.Contains($"<title>{ledger.ScanUrl}</title>", svg, StringComparison.Ordinal);
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
    }

    private async Task<(string, Exercises.ExerciseSnapshot)> CreateAsync()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        return (exerciseId, await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null));
    }

    private async Task<List<EvidenceLabelView>> LabelsAsync(string exerciseId) =>
        await fixture.Controller.Http.GetFromJsonAsync<List<EvidenceLabelView>>($"/api/exercises/{exerciseId}/evidence/labels", WebNode.Json) ?? [];

    private static string Json(string text) => JsonSerializer.Serialize(text, WebNode.Json)[1..^1];
}
