using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Dashboard;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The control room in headless Chromium against a real server, with phones played by real
/// SignalR clients. Every view is screenshotted into <see cref="DashboardBrowserFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class DashboardBrowserTests(DashboardBrowserFixture fixture)
{
    private Uri Server => fixture.Node.BaseAddress;

    [Fact]
    public async Task Sample_run_from_the_dashboard_updates_timeline_and_matrix_live_as_devices_act()
    {
        var page = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.ScreenshotAsync(page, "exercises-empty");

        var id = EmbeddedNodeFixture.NewExerciseId();
        await page.GetByTestId("new-id").FillAsync(id);
        await page.GetByTestId("create-sample").ClickAsync();
        await page.WaitForURLAsync($"**/exercises/{id}");
        await Expect(page.GetByTestId("clock-status")).ToHaveTextAsync("ready");

        var snapshot = await fixture.Controller.GetAsync(id);
        var teamKey = RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey;
        var inject = snapshot.Injects.First(i => i.Recipients.Contains(teamKey) && !i.Contingency && i.Trigger is null);
        await using var phone = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        await using var actorPhone = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "administrator"), "Boris");

        await page.GetByTestId("start").ClickAsync();
        await Expect(page.GetByTestId("clock-status")).ToHaveTextAsync("running");

        var row = page.GetByTestId($"inject-{inject.Number}");
        await row.GetByTestId("fire").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "fired");
        var pushed = await phone.WaitForPushAsync(m => m.InjectNumber == inject.Number);

        // Nothing below reloads the page: each change reaches the browser through the web node's relay.
        await Expect(row.GetByTestId("progress")).ToContainTextAsync($"1/0/0 of {inject.Recipients.Count}");
        await phone.AcknowledgeAsync(pushed.Sequence);
        await Expect(row.GetByTestId("progress")).ToContainTextAsync($"1/1/0 of {inject.Recipients.Count}");
        // Redrawn from the relay's thread, yet still in the controller's language.
        await Expect(page.Locator("h1")).ToContainTextAsync("Operation Northern Light");
        await DashboardBrowserFixture.ScreenshotAsync(page, "timeline");

        await page.GetByTestId("tab-matrix").ClickAsync();
        var cell = page.GetByTestId($"cell-{inject.Number}-team-a");
        await Expect(cell).ToHaveAttributeAsync("data-state", "acknowledged");
        await phone.RespondAsync(Guid.NewGuid().ToString("N"), pushed.Sequence, "Two officers on the way to the sauna.");
        await Expect(cell).ToHaveAttributeAsync("data-state", "responded");
        await DashboardBrowserFixture.ScreenshotAsync(page, "matrix");

        await page.GetByTestId("tab-feed").ClickAsync();
        await Expect(page.GetByTestId("feed")).ToContainTextAsync(inject.Number);
        await Expect(page.GetByTestId("feed").Locator("li.feed-responded")).ToHaveCountAsync(1);
        await DashboardBrowserFixture.ScreenshotAsync(page, "feed");
        // A controller hides acknowledgements and responses; the fire stays.
        var feed = page.GetByTestId("feed");
        await Expect(feed.Locator("li.feed-acknowledged")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("feed-filters")).ToContainTextAsync("Acknowledgements");
        await page.GetByTestId("feed-show-acknowledgements").UncheckAsync();
        await page.GetByTestId("feed-show-responses").UncheckAsync();
        await Expect(feed.Locator("li.feed-acknowledged")).ToHaveCountAsync(0);
        await Expect(feed.Locator("li.feed-responded")).ToHaveCountAsync(0);
        await Expect(feed.Locator($"li.feed-inject-fired[data-inject='{inject.Number}']")).ToHaveCountAsync(1);
        await page.GetByTestId("feed-show-acknowledgements").CheckAsync();
        await Expect(feed.Locator("li.feed-acknowledged")).ToHaveCountAsync(1);
        await Expect(feed.Locator("li.feed-responded")).ToHaveCountAsync(0);

        await page.GetByTestId("tab-teams").ClickAsync();
        var team = page.GetByTestId("team-team-a");
        await Expect(team.GetByTestId("online")).ToHaveTextAsync("1 / 1");
        await team.GetByTestId("responses-team-a").ClickAsync();
        await team.Locator("[data-testid^=response-]").Last.ClickAsync();
        await Expect(page.GetByTestId("response-full")).ToContainTextAsync("Two officers on the way to the sauna.");
        await DashboardBrowserFixture.ScreenshotAsync(page, "teams");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("response-full").GetByRole(AriaRole.Button).ClickAsync();

        await page.GetByTestId("tab-sites").ClickAsync();
        await Expect(page.Locator("[data-testid^=site-]").First).ToBeVisibleAsync();
        await DashboardBrowserFixture.ScreenshotAsync(page, "sites");

        await page.GetByTestId("tab-codes").ClickAsync();
        await Expect(page.GetByTestId("join-codes")).ToContainTextAsync("Anna");
        // The QR images come from the REST API, which accepts the dashboard's cookie.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.qr-small')].every(i => i.complete && i.naturalWidth > 0)");
        await DashboardBrowserFixture.ScreenshotAsync(page, "join-codes");

        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/print");
        await Expect(page.GetByTestId("print-cards").Locator("article")).ToHaveCountAsync(snapshot.JoinCodes.Count);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.print-card img')].every(i => i.complete && i.naturalWidth > 0)");
        await DashboardBrowserFixture.ScreenshotAsync(page, "print-sheet");

        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/evaluators");
        await page.GetByTestId("rating-S").CheckAsync();
        await page.GetByTestId("note").FillAsync("Team A asked for the interpreter before entering.");
        await page.GetByTestId("save-observation").ClickAsync();
        await Expect(page.GetByTestId("observations")).ToContainTextAsync("Team A asked for the interpreter");
        await DashboardBrowserFixture.ScreenshotAsync(page, "evaluators");

        await DashboardBrowserFixture.GoAsync(page, "/");
        await Expect(page.GetByTestId("exercise-list")).ToContainTextAsync(id);
        await DashboardBrowserFixture.ScreenshotAsync(page, "exercises");
    }

    [Fact]
    public async Task Observer_watches_the_live_feed_name_the_controller_who_acts_but_has_no_buttons_of_their_own()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id);
        await fixture.Controller.StartAsync(id);
        var page = await fixture.SignedInPageAsync(userName: WebNode.ObserverUser);
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/feed");

        await fixture.Controller.FireAsync(id, "2");

        var fired = page.Locator("li.feed-inject-fired");
        await Expect(fired.GetByTestId("by")).ToContainTextAsync(WebNode.ControllerUser);
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        foreach (var button in new[] { "pause", "end", "signal-stop", "jump", "tab-codes" })
        {
            await Expect(page.GetByTestId(button)).ToHaveCountAsync(0);
        }

        await page.GetByTestId("tab-timeline").ClickAsync();
        await Expect(page.GetByTestId("inject-4")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("inject-4").Locator("button")).ToHaveCountAsync(0);
        await DashboardBrowserFixture.ScreenshotAsync(page, "observer");
    }

    [Fact]
    public async Task Stop_asks_for_confirmation_and_lists_who_has_not_acknowledged()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        await fixture.Controller.StartAsync(id);
        await using var quick = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Quick");
        await using var slow = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-b"), "Slow");
        var page = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/safety");

        await page.GetByTestId("signal-stop").ClickAsync();
        await Expect(page.GetByTestId("confirm")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-no").ClickAsync();
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(0);
        Assert.False(await quick.AnyPushWithinAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Empty(await fixture.Controller.GetSignalsAsync(id));

        await page.GetByTestId("signal-stop").ClickAsync();
        await DashboardBrowserFixture.ScreenshotAsync(page, "safety-confirm");
        await page.GetByTestId("confirm-yes").ClickAsync();
        var signal = await quick.WaitForSignalAsync();
        await slow.WaitForSignalAsync();
        Assert.Equal(SignalKind.Stop, signal.Kind);
        await Expect(page.GetByTestId("clock-status")).ToHaveTextAsync("paused");

        await quick.AcknowledgeSignalAsync(signal.SignalId);
        var card = page.GetByTestId("signal-card-stop");
        await Expect(card.GetByTestId("ack-count")).ToHaveTextAsync("1 / 2");
        await Expect(card.GetByTestId("not-acked")).ToContainTextAsync("Slow");
        await Expect(card.GetByTestId("not-acked")).Not.ToContainTextAsync("Quick");
        await DashboardBrowserFixture.ScreenshotAsync(page, "safety");
        await page.GetByTestId("tab-matrix").ClickAsync();
        await Expect(page.GetByTestId("matrix-signal-stop")).ToContainTextAsync("Slow");
        await page.GetByTestId("tab-safety").ClickAsync();

        await slow.AcknowledgeSignalAsync(signal.SignalId);
        await Expect(card.GetByTestId("ack-count")).ToHaveTextAsync("2 / 2");
        await Expect(card.GetByTestId("not-acked")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Timeline_holds_skips_and_filters_and_highlights_what_is_upcoming()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        var page = await fixture.SignedInPageAsync();
        var requests = new List<string>();
        var sockets = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}");
        // No negotiate request: behind a balancer without sticky sessions it could reach another node than the socket.
        Assert.DoesNotContain(requests, url => url.Contains("/_blazor/negotiate", StringComparison.Ordinal));
        Assert.Contains(sockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
        var timed = snapshot.Injects.Where(i => i.DueAt is not null && !i.Contingency).OrderBy(i => i.DueAt).ToList();

        var first = page.GetByTestId($"inject-{timed[0].Number}");
        await Expect(first).ToHaveClassAsync(new Regex("upcoming"));
        await first.GetByTestId("hold").ClickAsync();
        await Expect(first).ToHaveAttributeAsync("data-status", "held");
        await first.GetByTestId("release").ClickAsync();
        await Expect(first).ToHaveAttributeAsync("data-status", "pending");

        var second = page.GetByTestId($"inject-{timed[1].Number}");
        await second.GetByTestId("skip").ClickAsync();
        await Expect(second).ToHaveAttributeAsync("data-status", "skipped");

        var third = page.GetByTestId($"inject-{timed[2].Number}");
        await third.GetByTestId("retime").ClickAsync();
        await third.GetByTestId("retime-to").FillAsync("D3 23:00");
        await third.GetByTestId("retime-ok").ClickAsync();
        await Expect(third).ToContainTextAsync("D3 23:00:00");
        Assert.Equal(TimeSpan.Parse("2.23:00:00", System.Globalization.CultureInfo.InvariantCulture),
            (await fixture.Controller.GetAsync(id)).Injects.Single(i => i.Number == timed[2].Number).RetimedTo);

        await page.GetByTestId("filter-kind").SelectOptionAsync("actor");
        var actorInjects = snapshot.Injects.Count(i => i.Recipients.Any(r => r.Contains("|actor|", StringComparison.Ordinal)));
        await Expect(page.GetByTestId("timeline").Locator("tbody tr")).ToHaveCountAsync(actorInjects);
    }

    [Fact]
    public async Task Scenario_file_becomes_a_draft_that_takes_an_msel_import_and_is_made_ready()
    {
        var source = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(source, TestScenarios.TwoTeamsOneActor);
        var sheet = await fixture.Controller.Http.GetByteArrayAsync($"/api/exercises/{source}/msel?format=csv");
        var page = await fixture.SignedInPageAsync();
        var id = EmbeddedNodeFixture.NewExerciseId();

        await page.GetByTestId("new-id").FillAsync(id);
        await DashboardBrowserFixture.SetBlazorInputFileAsync(page, page.GetByTestId("scenario-file"), new FilePayload
        {
            Name = "drill.yaml",
            MimeType = "application/yaml",
            Buffer = System.Text.Encoding.UTF8.GetBytes(TestScenarios.TwoTeamsOneActor),
        });
        // Creating the exercise (grain, join codes, storage) behind this navigation outlasted the
        // default 15 s once while a build shared the two cores; it is an event awaited, not a timing.
        await page.WaitForURLAsync($"**/exercises/{id}", new() { Timeout = 45_000 });
        await DashboardBrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("clock-status")).ToHaveTextAsync("draft");

        await DashboardBrowserFixture.SetBlazorInputFileAsync(page, page.GetByTestId("msel-file"), new FilePayload { Name = "msel.csv", MimeType = "text/csv", Buffer = sheet });
        await Expect(page.GetByTestId("timeline").Locator("tbody tr")).ToHaveCountAsync((await fixture.Controller.GetAsync(source)).Injects.Count);
        await Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
        await page.GetByTestId("ready").ClickAsync();
        await Expect(page.GetByTestId("clock-status")).ToHaveTextAsync("ready");
        Assert.Contains((await fixture.Controller.GetAsync(id)).Status, new[] { ClockStatus.Ready });
    }

    [Fact]
    public async Task A_sheet_with_an_unknown_column_opens_the_mapping_dialog_and_the_mapping_is_remembered()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id);
        var sheet = System.Text.Encoding.UTF8.GetBytes(
            "Serial;Audience;Headline;Narrative;Colour\r\n1;Team A;Tip;Someone called about the warehouse.;red\r\n2;Группа Б;Bank lead;Twelve cards, one ATM.;blue\r\n");
        var page = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}");

        await DashboardBrowserFixture.SetBlazorInputFileAsync(page, page.GetByTestId("msel-file"), new FilePayload { Name = "own-tool.csv", MimeType = "text/csv", Buffer = sheet });
        var dialog = page.GetByTestId("msel-mapping");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mapping-row-D")).ToContainTextAsync("Someone called about the warehouse.");
        await Expect(page.GetByTestId("mapping-D")).ToHaveValueAsync("ignore");
        await Expect(page.GetByTestId("mapping-B")).ToHaveValueAsync("To");
        await Expect(page.GetByTestId("mapping-problems")).ToContainTextAsync("No 'Message' column.");
        await page.GetByTestId("mapping-D").SelectOptionAsync("Message (en)");
        await DashboardBrowserFixture.ScreenshotAsync(page, "msel-mapping");
        await page.GetByTestId("mapping-import").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("msel-report")).ToContainTextAsync("Imported 2 injects.");
        await Expect(page.GetByTestId("msel-report")).ToContainTextAsync("Column E (Colour) is not used and was left out.");
        await Expect(page.GetByTestId("timeline").Locator("tbody tr")).ToHaveCountAsync(2);
        Assert.Equal("Bank lead", (await fixture.Controller.GetAsync(id)).Injects.Single(i => i.Number == "2").Subject["en"]);

        // The same shape of sheet again: the remembered mapping reads it without asking.
        await DashboardBrowserFixture.SetBlazorInputFileAsync(page, page.GetByTestId("msel-file"), new FilePayload { Name = "own-tool-2.csv", MimeType = "text/csv", Buffer = sheet });
        await Expect(page.GetByTestId("msel-report")).ToContainTextAsync("Imported 2 injects.");
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_mapping_dialog_speaks_russian()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id);
        var sheet = System.Text.Encoding.UTF8.GetBytes("№;Кому;Тема;Рассказ\r\n1;Группа А;Наводка;Звонок о складе.\r\n");
        var page = await fixture.SignedInPageAsync(locale: "ru-RU");
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}");

        await DashboardBrowserFixture.SetBlazorInputFileAsync(page, page.GetByTestId("msel-file"), new FilePayload { Name = "вводные.csv", MimeType = "text/csv", Buffer = sheet });

        await Expect(page.GetByTestId("msel-mapping")).ToContainTextAsync("Сопоставьте столбцы таблицы");
        await Expect(page.GetByTestId("mapping-D").Locator("option[value='Message (ru)']")).ToHaveTextAsync("Сообщение (ru)");
        await page.GetByTestId("mapping-D").SelectOptionAsync("Message (ru)");
        await page.GetByTestId("mapping-import").ClickAsync();
        await Expect(page.GetByTestId("msel-report")).ToContainTextAsync("Импортировано вводных: 1.");
    }

    [Fact]
    public async Task Speed_and_jump_move_the_exercise_clock_and_fire_what_falls_due_on_the_way()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        await fixture.Controller.StartAsync(id);
        var page = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}");
        // Due well after the start, so only the jump (not the clock running at ×10) can fire it.
        var first = snapshot.Injects.Where(i => i.DueAt >= TimeSpan.FromMinutes(10) && !i.Contingency).MinBy(i => i.DueAt)!;
        var target = first.DueAt!.Value + TimeSpan.FromMinutes(1);

        await page.GetByTestId("speed-select").SelectOptionAsync("10");
        await Expect(page.GetByTestId("speed")).ToHaveTextAsync("×10");
        await page.GetByTestId("jump-to").FillAsync(Text.ScenarioTime(target));
        await page.GetByTestId("jump").ClickAsync();

        await Expect(page.GetByTestId($"inject-{first.Number}")).ToHaveAttributeAsync("data-status", "fired");
        var clock = (await fixture.Controller.GetAsync(id)).ScenarioTime;
        Assert.True(clock >= target, $"the clock is at {clock}");
    }

    [Fact]
    public async Task Dashboard_speaks_Russian_and_fits_a_big_screen()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        await fixture.Controller.StartAsync(id);
        var page = await fixture.SignedInPageAsync(1920, 1080);
        await page.GetByTestId("lang-ru").ClickAsync();
        await DashboardBrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Учения");

        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}");
        await Expect(page.GetByTestId("clock-status")).ToHaveTextAsync("идёт");
        await Expect(page.GetByTestId("tab-timeline")).ToHaveTextAsync("График MSEL");
        await DashboardBrowserFixture.ScreenshotAsync(page, "timeline-ru-big-screen");
    }
}

[CollectionDefinition(nameof(DashboardBrowserCollection))]
public sealed class DashboardBrowserCollection : ICollectionFixture<DashboardBrowserFixture>;
