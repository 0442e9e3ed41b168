using System.Net.Http.Json;
using ScenarioEngine.SimCell;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// Issue 14 on a phone against a real server: the compact chrome with tabs, "Write to…" a persona
/// (also offline, sent once), the SimCell's reply in the thread on every phone of the team, and the
/// News tab.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreadsAndNewsTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Scenario =
        """
        id: simcell-phone
        title: { en: "Operation Harbour Light — multi-agency anti-trafficking field exercise", ru: "Операция «Огни гавани» — межведомственное учение против торговли людьми" }
        languages: [en, ru]
        defaultLanguage: en
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        personas:
          - id: bank
            name: { en: "Northern Trust Bank", ru: "Северный трастовый банк" }
            organisation: { en: "Compliance desk", ru: "Отдел комплаенса" }
            kind: bank
            initials: NT
            colour: "#1f6feb"
          - id: gazette
            name: { en: "Harbour Gazette", ru: "«Портовая газета»" }
            kind: press
            initials: HG
            colour: "#9a6700"
        injects:
          - number: "1"
            to: { teams: [team-a] }
            subject: { en: "Tip-off", ru: "Наводка" }
            message: { en: "A van was seen at the cannery.", ru: "У завода видели фургон." }
          - number: "2"
            fromPersona: gazette
            method: mediaReport
            to: { everyone: true }
            subject: { en: "Police seen at the old cannery", ru: "У старого завода видели полицию" }
            message: { en: "Residents report unmarked vans since dawn.", ru: "Жители сообщают о машинах без номеров с рассвета." }
          - number: "3"
            fromPersona: gazette
            method: social
            to: { everyone: true }
            subject: { en: "#harbour: who owns the cannery?", ru: "#гавань: чей это завод?" }
            message: { en: "Everyone is asking.", ru: "Все спрашивают." }
        """;

    [Fact]
    public async Task A_request_written_offline_is_sent_once_on_reconnect_and_the_reply_reaches_both_phones_of_the_team()
    {
        var (exerciseId, code) = await NewExerciseAsync();
        await using var anna = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await using var boris = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await anna.OpenAppAsync();
        await anna.JoinAsync(code);
        await boris.OpenAppAsync();
        await boris.JoinAsync(code, "Boris", "Customs");

        // First request online: the round trip.
        await WriteAsync(anna, "bank", "Please send the statements of account 4471 for March.");
        await Expect(anna.Page.Locator("[data-testid=thread-entry][data-mine=true][data-status=sent]")).ToHaveCountAsync(1);
        // The team's mailbox entry can arrive before the receipt: wait for the receipt, so only the next request waits offline.
        await Expect(anna.ById("requests-count")).ToHaveAttributeAsync("data-count", "0");

        // Second request offline: kept on the phone, shown as waiting, sent once when back.
        await anna.Context.SetOfflineAsync(true);
        await Expect(anna.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        await anna.ById("request-text").FillAsync("And the card holders' names, please.");
        await anna.ById("request-send").ClickAsync();
        await Expect(anna.Page.Locator("[data-testid=thread-entry][data-status=sending]")).ToHaveCountAsync(1);
        await Expect(anna.ById("requests-count")).ToHaveAttributeAsync("data-count", "1");
        Assert.Single(await RequestsAsync(exerciseId));
        await anna.Context.SetOfflineAsync(false);
        await Expect(anna.ById("requests-count")).ToHaveAttributeAsync("data-count", "0");
        await Expect(anna.Page.Locator("[data-testid=thread-entry][data-mine=true][data-status=sent]")).ToHaveCountAsync(2);
        var stored = await RequestsAsync(exerciseId);
        Assert.Equal(2, stored.Count);
        Assert.Equal(2, stored.Select(r => r.RequestId).Distinct().Count());

        // The SimCell answers the first request through its REST API.
        var first = stored.OrderBy(r => r.Sequence).First();
        var reply = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/replies",
            new { replyId = "reply-1", teamId = "team-a", personaId = "bank", requestSequence = first.Sequence, text = new Dictionary<string, string> { ["en"] = "Statements attached; names need a court order." } },
            WebNode.Json);
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
        await Expect(anna.Page.Locator("[data-testid=thread-entry][data-kind=reply]")).ToContainTextAsync("court order");
        await Expect(anna.ById("thread-entry")).ToHaveCountAsync(3); // each own request once, then the reply
        await anna.ShootBothLanguagesAsync("thread");

        // The teammate's phone shows Anna's requests (by name) and the reply, with an unread count.
        await Expect(boris.ById("tab-count-threads")).ToHaveTextAsync("3");
        await boris.ShootBothLanguagesAsync("tabs-inbox");
        await boris.ById("tab-threads").ClickAsync();
        await Expect(boris.ById("thread-item")).ToHaveCountAsync(1);
        await boris.ShootBothLanguagesAsync("threads");
        await boris.ById("thread-item").ClickAsync();
        await Expect(boris.ById("thread-entry")).ToHaveCountAsync(3);
        await Expect(boris.Page.Locator("[data-testid=thread-entry][data-mine=false][data-kind=request]").First).ToContainTextAsync("Anna");
        await Expect(boris.ById("tab-count-threads")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Media_reports_and_posts_fill_the_News_tab_apart_from_the_inbox_and_opening_one_is_its_read_receipt()
    {
        var (exerciseId, code) = await NewExerciseAsync();
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(code);
        await fixture.Controller.StartAsync(exerciseId);

        foreach (var inject in new[] { "1", "2", "3" })
        {
            await fixture.Controller.FireAsync(exerciseId, inject);
        }

        await Expect(phone.ById("tab-count-news")).ToHaveTextAsync("2");
        await Expect(phone.ById("tab-count-inbox")).ToHaveTextAsync("1");
        await Expect(phone.ById("inbox-item")).ToHaveCountAsync(1);
        await phone.ById("tab-news").ClickAsync();
        await Expect(phone.ById("news-item")).ToHaveCountAsync(2);
        await Expect(phone.ById("news-item").First).ToContainTextAsync("#harbour");
        await phone.ShootBothLanguagesAsync("news");
        await phone.ById("news-item").Filter(new() { HasText = "cannery" }).Last.ClickAsync();
        await Expect(phone.ById("message-view")).ToContainTextAsync("unmarked vans");
        await Expect(phone.ById("message-view").GetByTestId("marking")).ToHaveTextAsync("EXERCISE — EXERCISE — EXERCISE");
        await phone.ShootBothLanguagesAsync("article");

        await Wait.Until(async () => (await fixture.Controller.GetDeliveriesAsync(exerciseId))
            .Single(r => r.Recipient.Id == "team-a").Deliveries.Single(d => d.InjectNumber == "2").SeenAt is not null);
        await Expect(phone.ById("tab-count-news")).ToHaveTextAsync("1");
    }

    private static async Task WriteAsync(Phone phone, string personaId, string text)
    {
        await phone.ById("tab-threads").ClickAsync();
        await phone.ById("write-to").ClickAsync();
        await phone.Page.Locator($"[data-testid=persona][data-persona={personaId}]").ClickAsync();
        await phone.ById("request-text").FillAsync(text);
        await phone.ById("request-send").ClickAsync();
    }

    private async Task<List<StoredRequest>> RequestsAsync(string exerciseId) =>
        await fixture.Controller.Http.GetFromJsonAsync<List<StoredRequest>>($"/api/exercises/{exerciseId}/simcell/requests", WebNode.Json) ?? [];

    private async Task<(string ExerciseId, string Code)> NewExerciseAsync()
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, Scenario);
        return (exerciseId, ControllerClient.JoinCodeOf(exercise, "team-a"));
    }
}
