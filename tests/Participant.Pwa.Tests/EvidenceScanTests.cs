using System.Text.Json;
using Microsoft.Playwright;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// A team's phone scans evidence labels of the sample scenario against a real server: through the
/// in-app scanner on Chromium's fake camera, and by opening a label's link as the phone's own camera would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvidenceScanTests(BrowserFixture fixture, ITestOutputHelper output)
{
    // In the sample scenario the ledger (team-b's construction site) can be found at once;
    // the passports only once the sauna is raided.
    private const string LedgerName = "Cash ledger in the site office";

    [Fact]
    public async Task A_label_scanned_with_the_camera_while_offline_is_sent_once_on_reconnect_and_its_find_arrives_in_the_inbox_once()
    {
        var (exerciseId, code) = await NewSampleExerciseAsync("team-b");
        var (ledgerCode, ledgerUrl) = await LabelAsync(exerciseId, "ledger");
        var video = FakeCamera.WriteQrVideo(ledgerUrl);
        await using var browser = await fixture.LaunchAsync(
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}");
        await using var phone = await Phone.OpenAsync(browser, fixture.Node.BaseAddress, output);
        await phone.Context.GrantPermissionsAsync(["camera"]);
        await phone.OpenAppAsync();
        await phone.JoinAsync(code);
        output.WriteLine($"label {ledgerCode}: {ledgerUrl}");

        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        await phone.ById("scan-link").ClickAsync();
        await phone.ById("evidence-scan").ClickAsync();

        var latest = phone.ById("scan-latest");
        await Expect(latest).ToHaveAttributeAsync("data-outcome", "waiting");
        Assert.Empty(await ScanLogAsync(exerciseId));

        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(latest).ToHaveAttributeAsync("data-outcome", "found");
        await Expect(latest).ToContainTextAsync($"Found: {LedgerName}.");
        await Expect(phone.ById("scan-open-entry")).ToBeVisibleAsync();
        await phone.ShootBothLanguagesAsync("evidence-scan");

        await phone.ById("tab-inbox").ClickAsync();
        await Expect(phone.ById("inbox-item").Filter(new() { HasText = LedgerName })).ToHaveCountAsync(1);

        // A reload reconnects with an empty scan queue: the find is held once and nothing is sent again.
        await phone.Page.ReloadAsync();
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(phone.ById("inbox-item").Filter(new() { HasText = LedgerName })).ToHaveCountAsync(1);
        var logged = Assert.Single(await ScanLogAsync(exerciseId));
        Assert.Equal(("team-b", "ledger", "found"), (logged.Team, logged.Item, logged.Outcome.ToLowerInvariant()));
        File.Delete(video);
    }

    [Fact]
    public async Task Opening_a_label_link_even_before_joining_scans_it_once_and_says_nothing_here_yet_or_not_a_label_of_this_exercise()
    {
        var (exerciseId, code) = await NewSampleExerciseAsync("team-a");
        var (_, passportsUrl) = await LabelAsync(exerciseId, "passports");
        var (otherId, _) = await NewSampleExerciseAsync("team-a");
        var (_, foreignUrl) = await LabelAsync(otherId, "passports");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);

        // The phone's camera opened the label's link before the phone joined: the scan waits for the join.
        await phone.OpenAppAsync(passportsUrl[passportsUrl.IndexOf('#', StringComparison.Ordinal)..]);
        await phone.JoinAsync(code);
        var latest = phone.ById("scan-latest");
        await Expect(latest).ToHaveAttributeAsync("data-outcome", "notYet");
        await Expect(latest).ToHaveTextAsync("Nothing here yet.");
        await Expect(latest).Not.ToContainTextAsync("passport", new() { IgnoreCase = true });
        Assert.EndsWith("#/scan", phone.Page.Url, StringComparison.Ordinal);

        await phone.Page.GotoAsync(AppLink(foreignUrl));
        await Expect(latest).ToHaveAttributeAsync("data-outcome", "notThisExercise");
        await Expect(latest).ToHaveTextAsync("This is not a label of this exercise.");

        // The address no longer holds the code: a reload shows the two scans and scans nothing again.
        await phone.Page.ReloadAsync();
        await Expect(phone.Page.Locator("[data-testid=scan-results] li")).ToHaveCountAsync(2);
    }

    /// <summary>The label's link on this test's server (the label sheet names the public address).</summary>
    private string AppLink(string scanUrl) =>
        new Uri(fixture.Node.BaseAddress, "/app/" + scanUrl[scanUrl.IndexOf('#', StringComparison.Ordinal)..]).ToString();

    private async Task<(string ExerciseId, string Code)> NewSampleExerciseAsync(string teamId)
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null);
        return (exerciseId, ControllerClient.JoinCodeOf(exercise, teamId));
    }

    private async Task<(string Code, string ScanUrl)> LabelAsync(string exerciseId, string itemId)
    {
        using var labels = JsonDocument.Parse(await fixture.Controller.Http.GetStringAsync($"/api/exercises/{exerciseId}/evidence/labels"));
        var label = labels.RootElement.EnumerateArray().Single(l => l.GetProperty("label").GetProperty("itemId").GetString() == itemId);
        return (label.GetProperty("label").GetProperty("code").GetString()!, label.GetProperty("scanUrl").GetString()!);
    }

    /// <summary>The exercise's scan log as the control room reads it: (team, item, outcome) per scan.</summary>
    private async Task<List<(string Team, string? Item, string Outcome)>> ScanLogAsync(string exerciseId)
    {
        using var scans = JsonDocument.Parse(await fixture.Controller.Http.GetStringAsync($"/api/exercises/{exerciseId}/evidence/scans"));
        return scans.RootElement.EnumerateArray()
            .Select(s => (s.GetProperty("teamId").GetString()!, s.GetProperty("itemId").GetString(), s.GetProperty("outcome").ToString()))
            .ToList();
    }
}
