using System.Net.Http.Json;
using Microsoft.Playwright;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The site controller's tablet page in headless Chromium against a real node, with the site's
/// phones played by real SignalR clients: what it shows, its outbox across a lost network, and
/// what it is refused outside its site. Writes docs/screenshots/site-control-{en,ru}.png.
/// </summary>
public sealed class SiteControllerBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    private const string Drill = WebNode.SiteControllerExercise;

    [Fact]
    public async Task Site_controller_tablet_shows_its_site_sends_taps_made_offline_once_and_is_refused_other_sites()
    {
        await fixture.Controller.EnsureExerciseAsync(Drill, SiteControllerTests.SiteDrill);
        var snapshot = await fixture.Controller.StartAsync(Drill);
        await using var witness = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "witness"), "Witness phone");
        await using var teamA = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Team A phone");
        await witness.InvokeAsync(nameof(DeviceHub.CallController), new ControllerCall { CallId = "call-1", Note = "interpreter missing" });
        var page = await fixture.SignedInPageAsync(width: 820, height: 1180, userName: WebNode.SiteControllerUser);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        // Its one site, with the witness's card now and the one to come; the other site is not on the page.
        Assert.EndsWith("/site-control", page.Url, StringComparison.Ordinal);
        var site = page.Locator("[data-testid=site-card-site-1]");
        await Assertions.Expect(site.Locator("[data-testid=site-actor-witness] [data-testid=cue-current]")).ToContainTextAsync("C1");
        await Assertions.Expect(site.Locator("[data-testid=site-actor-witness] [data-testid=cue-next]")).ToContainTextAsync("C2");
        Assert.Equal(0, await page.Locator("[data-testid=site-card-site-2]").CountAsync());

        await site.Locator("[data-testid=site-call-answer]").ClickAsync();
        await Assertions.Expect(site.Locator("[data-testid=site-call]")).ToContainTextAsync($"answered by {WebNode.SiteControllerUser}");

        // Network gone: taps wait in the tablet's outbox, then go once when it is back.
        await page.Context.SetOfflineAsync(true);
        await site.Locator("[data-testid=site-team-team-a] [data-testid=site-team-arrived]").ClickAsync();
        await site.Locator("[data-testid=site-state-select]").SelectOptionAsync("raided");
        await site.Locator("[data-testid=site-state-set]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=site-outbox]")).ToHaveAttributeAsync("data-waiting", "2");
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("[data-testid=site-outbox]")).ToHaveAttributeAsync("data-waiting", "0", new() { Timeout = 30_000 });
        // The server has both taps before the page is asked to show them: a failure below then says which side lagged.
        await Wait.Until(async () => (await fixture.Controller.GetAsync(Drill)).Sites.Single(s => s.Id == "site-1").State == "raided", TimeSpan.FromSeconds(30));
        // The page shows them once its circuit is back, by reconnecting or by a reload after Blazor gave up:
        // on a loaded CI machine either can take longer than the default 5 s (a run once saw "quiet" for 5 s).
        await Assertions.Expect(site.Locator("[data-testid=site-team-team-a] [data-testid=site-team-left]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(site.Locator("[data-testid=site-state-now]")).ToHaveTextAsync("raided", new() { Timeout = 30_000 });
        await teamA.WaitForPushAsync(m => m.InjectNumber == "R");

        await site.Locator("[data-testid=site-stop]").ClickAsync();
        var stop = await witness.WaitForSignalAsync();
        Assert.Equal(stop.SignalId, (await teamA.WaitForSignalAsync()).SignalId);
        await Assertions.Expect(site.Locator("[data-testid=site-stop-in-force]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("site-control-en.png"), FullPage = true });

        var events = await fixture.Controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{Drill}/events?max=1000", WebNode.Json);
        Assert.Single(events!, e => e.Kind == ExerciseEvents.SiteTeamArrived && e.Detail == "team-a site site-1");
        Assert.Single(events!, e => e.Kind == ExerciseEvents.SiteState && e.Detail == "site-1=raided");
        Assert.Single(events!, e => e.Kind == ExerciseEvents.SignalRaised && e.Detail!.Contains("site site-1", StringComparison.Ordinal));
        Assert.Equal(ClockStatus.Running, (await fixture.Controller.GetAsync(Drill)).Status);

        // Outside its site: the API refuses it from this very page (cookie and antiforgery token and all), and the control room sends it to sign in.
        var refusals = await page.EvaluateAsync<int[]>(
            """
            async () => {
              const token = await (await fetch('/api/site-control/antiforgery')).json();
              const post = (path, body) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', [token.headerName]: token.token }, body: JSON.stringify(body) });
              return [
                (await fetch('/api/exercises/site-drill/site-control/site-2')).status,
                (await post('/api/exercises/site-drill/site-control/site-2/commands', { commandId: 'x1', kind: 'stop' })).status,
                (await post('/api/exercises/site-drill/signals', { kind: 'stop' })).status,
                (await fetch('/api/exercises/site-drill')).status,
              ];
            }
            """);
        Assert.Equal([403, 403, 403, 403], refusals);
        Assert.Equal("quiet", (await fixture.Controller.GetAsync(Drill)).Sites.Single(s => s.Id == "site-2").State);
        await page.GotoAsync("/exercises/site-drill");
        await page.WaitForURLAsync("**/sign-in**");

        // The same page in Russian.
        await page.GotoAsync("/culture/ru?back=/site-control");
        await DashboardBrowserFixture.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=site-card-site-1] [data-testid=site-stop]")).ToHaveTextAsync("СТОП на объекте");
        await Assertions.Expect(page.Locator("[data-testid=site-outbox]")).ToHaveTextAsync("Всё отправлено.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("site-control-ru.png"), FullPage = false });
    }

    private static string Screenshot(string name)
    {
        var docs = Path.Combine(Repository.Root, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        return Path.Combine(docs, name);
    }
}
