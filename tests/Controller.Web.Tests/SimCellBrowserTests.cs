using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The SimCell desk and "view as a team" in headless Chromium, two controllers at once, with the
/// team's phone played by a real SignalR client.
/// </summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class SimCellBrowserTests(DashboardBrowserFixture fixture)
{
    private Uri Server => fixture.Node.BaseAddress;

    [Fact]
    public async Task Two_controllers_see_a_request_live_one_claims_it_the_other_is_refused_by_name_and_the_reply_reaches_the_teams_phone()
    {
        // A response target of three seconds, so the desk's "late" colour shows within the test.
        var id = EmbeddedNodeFixture.NewExerciseId();
        var package = ScenarioLoader.LoadSamplePackage();
        await fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IExerciseGrain>(id)
            .CreateFrom(package.Scenario with { SimCell = new SimCellSettings { ResponseTarget = TimeSpan.FromSeconds(3) } }, package.Attachments, draft: false);
        var snapshot = await fixture.Controller.GetAsync(id);
        var director = await fixture.SignedInPageAsync();
        var deputy = await fixture.SignedInPageAsync(userName: WebNode.SecondControllerUser);
        await DashboardBrowserFixture.GoAsync(director, $"/exercises/{id}/simcell");
        await DashboardBrowserFixture.GoAsync(deputy, $"/exercises/{id}/simcell");
        await Expect(director.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(deputy.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await using var phone = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");

        await phone.RequestAsync(new PersonaRequest { RequestId = "ask-1", PersonaId = "bank", Text = "Please send the statements for account 40817." });
        // The team's own copy of its request (its thread) comes at once; after it, nothing may until a reply is sent.
        await phone.WaitForPushAsync(m => m.Kind == MessageKind.Request && m.RequestId == "ask-1");

        // Neither page reloads: the request reaches both through the web node's relay.
        var atDirector = director.Locator("[data-testid^=request-]");
        var atDeputy = deputy.Locator("[data-testid^=request-]");
        await Expect(atDirector).ToContainTextAsync("account 40817");
        await Expect(atDeputy).ToContainTextAsync("account 40817");
        await Expect(atDirector).ToHaveAttributeAsync("data-late", "true", new() { Timeout = 15_000 });
        await Expect(atDirector).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("late"));
        await deputy.GetByTestId("reply").ClickAsync();
        await deputy.GetByTestId("reply-text").FillAsync("Deputy's answer that must not be sent.");

        await atDirector.GetByTestId("claim").ClickAsync();
        await Expect(atDirector.GetByTestId("claimed-by")).ToHaveTextAsync(WebNode.ControllerUser);
        await Expect(atDeputy.GetByTestId("claimed-by")).ToHaveTextAsync(WebNode.ControllerUser);
        await atDeputy.GetByTestId("claim").ClickAsync();
        await Expect(deputy.GetByTestId("simcell-error")).ToContainTextAsync($"{WebNode.ControllerUser} is answering this request");
        await deputy.GetByTestId("send-reply").ClickAsync();
        await Expect(deputy.GetByTestId("simcell-error")).ToContainTextAsync($"{WebNode.ControllerUser} is answering this request");
        await DashboardBrowserFixture.ScreenshotAsync(deputy, "simcell-claimed-elsewhere");
        Assert.False(await phone.AnyPushWithinAsync(TimeSpan.FromMilliseconds(300)));

        await atDirector.GetByTestId("reply").ClickAsync();
        await director.GetByTestId("canned").SelectOptionAsync("statements");
        await Expect(director.GetByTestId("canned-preview")).ToContainTextAsync("Dear Team A");
        await Expect(director.GetByTestId("composer").GetByTestId("attach-atm-log")).ToBeCheckedAsync();
        await DashboardBrowserFixture.ScreenshotAsync(director, "simcell-reply");
        await director.GetByTestId("send-reply").ClickAsync();
        var reply = await phone.WaitForPushAsync(m => m.Kind == MessageKind.Reply);

        Assert.Equal("team-a/bank", reply.ThreadId);
        Assert.StartsWith("Dear Team A", reply.Message["en"], StringComparison.Ordinal);
        Assert.Equal("atm-log", Assert.Single(reply.Attachments).Id);
        Assert.DoesNotContain(phone.RawFrames, f => f.Contains("Deputy's answer", StringComparison.Ordinal));
        await Expect(director.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(deputy.GetByTestId("queue-empty")).ToBeVisibleAsync();
        var thread = deputy.GetByTestId("thread-team-a/bank");
        await thread.Locator("summary").ClickAsync();
        await Expect(thread.GetByTestId("entry")).ToHaveCountAsync(2);
        await Expect(thread.GetByTestId("entry").Last).ToContainTextAsync(WebNode.ControllerUser);
        await DashboardBrowserFixture.ScreenshotAsync(deputy, "simcell-thread");
        await director.Context.CloseAsync();
        await deputy.Context.CloseAsync();
    }

    [Fact]
    public async Task An_ad_hoc_message_from_the_desk_reaches_the_chosen_teams_and_is_listed_with_its_number_and_sender()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        await using var alpha = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        await using var charlie = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-c"), "Carl");
        var page = await fixture.SignedInPageAsync(locale: "ru-RU");
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/simcell");

        await page.GetByTestId("adhoc-persona").SelectOptionAsync("journalist");
        await page.GetByTestId("adhoc-team-team-a").CheckAsync();
        await page.GetByTestId("adhoc-text").FillAsync("{team}, прокомментируете задержание?");
        await page.GetByTestId("send-adhoc").ClickAsync();
        var pushed = await alpha.WaitForPushAsync(m => m.InjectNumber == "A1");

        await Expect(page.GetByTestId("adhoc-A1")).ToContainTextAsync(WebNode.ControllerUser);
        await Expect(page.GetByTestId("adhoc")).ToContainTextAsync("Сообщение от имени персонажа");
        Assert.Equal("team-a/journalist", pushed.ThreadId);
        Assert.StartsWith("Группа А", pushed.Message["ru"], StringComparison.Ordinal);
        Assert.False(await charlie.AnyPushWithinAsync(TimeSpan.FromMilliseconds(300)));
        await DashboardBrowserFixture.ScreenshotAsync(page, "simcell-adhoc-ru");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task View_as_a_team_shows_its_inbox_and_threads_read_only_without_a_device()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        await fixture.Controller.StartAsync(id);
        var teamKey = RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey;
        var inject = snapshot.Injects.First(i => i.Recipients.Contains(teamKey) && !i.Contingency && i.Trigger is null);
        await fixture.Controller.FireAsync(id, inject.Number);
        await using (var phone = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna"))
        {
            await phone.RequestAsync(new PersonaRequest { RequestId = "ask-2", PersonaId = "prosecutor", Text = "We need an order for the bank." });
        }

        var sequence = (await fixture.Controller.Http.GetFromJsonAsync<List<OpenRequest>>($"/api/exercises/{id}/simcell/queue", WebNode.Json))!.Single().Request.Sequence;
        var sent = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{id}/simcell/replies",
            new SendReplyRequest("r-2", "team-a", "prosecutor", sequence, "order-signed", null, null), WebNode.Json);
        Assert.True(sent.IsSuccessStatusCode);
        var page = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/as-team");

        var view = page.GetByTestId("team-view-team-a");
        await Expect(view.GetByTestId($"inbox-{inject.Number}")).ToBeVisibleAsync();
        await Expect(view.GetByTestId("team-inbox")).ToContainTextAsync("the order for the bank is signed");
        var thread = view.GetByTestId("team-thread-prosecutor");
        await Expect(thread.GetByTestId("entry")).ToHaveCountAsync(2);
        await Expect(thread.GetByTestId("entry").First).ToContainTextAsync("We need an order for the bank.");
        await Expect(view.Locator("button, input, textarea")).ToHaveCountAsync(0);
        await DashboardBrowserFixture.ScreenshotAsync(page, "view-as-team");

        await page.GetByTestId("as-team").SelectOptionAsync("team-b");
        await Expect(page.GetByTestId("team-view-team-b")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("team-view-team-b")).Not.ToContainTextAsync("the order for the bank is signed");
        // Looking is not reading: nothing the control room viewed counts as seen on the team's phones.
        var progress = (await fixture.Controller.GetDeliveriesAsync(id)).Single(d => d.Recipient.Id == "team-a").Deliveries;
        Assert.All(progress, p => Assert.Null(p.SeenAt));
        await page.Context.CloseAsync();
    }
}
