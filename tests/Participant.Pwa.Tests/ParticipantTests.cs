using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>A participant's phone against a real server: join, receive, acknowledge, respond, and go offline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ParticipantTests(BrowserFixture fixture, ITestOutputHelper output)
{
    // TestScenarios.TwoTeamsOneActor: inject 4 is manual, to team-a, and asks for a response.
    private const string OrderInject = "4";

    // Inject 1 is timed, to team-a; fired by hand here so the inbox holds two messages.
    private const string TipOffInject = "1";

    [Fact]
    public async Task Participant_joins_with_a_typed_code_receives_an_inject_acknowledges_and_responds()
    {
        var (exerciseId, code) = await NewExerciseAsync("team-a");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        output.WriteLine($"screenshots: {Screenshots.Directory}");

        await phone.OpenAppAsync();
        await phone.ShootBothLanguagesAsync("join");
        await phone.JoinAsync(code);
        await fixture.Controller.FireAsync(exerciseId, TipOffInject);
        await Expect(phone.ById("inbox-item")).ToHaveCountAsync(1);
        await fixture.Controller.FireAsync(exerciseId, OrderInject);

        var order = phone.ById("inbox-item").Filter(new() { HasText = "Order" });
        await Expect(order).ToHaveAttributeAsync("data-unread", "true");
        await Expect(phone.ById("inbox-item").First).ToContainTextAsync("Order"); // newest first
        await Expect(phone.ById("announcer")).ToContainTextAsync("New message: Order");
        await phone.ShootBothLanguagesAsync("inbox");

        await order.ClickAsync();
        await Expect(phone.ById("message-view")).ToContainTextAsync("Report the plate number.");
        await phone.ById("ack-button").ClickAsync();
        await Expect(phone.ById("ack-button")).ToHaveAttributeAsync("data-state", "sent");
        await phone.ById("response-text").FillAsync("Plate AB 123 C, heading north");
        await phone.ById("response-send").ClickAsync();
        await Expect(phone.ById("response-status")).ToHaveAttributeAsync("data-status", "received");
        await phone.ShootBothLanguagesAsync("message", fullPage: true);

        var stored = await fixture.Controller.GetResponsesAsync(exerciseId, "team-a");
        var response = Assert.Single(stored);
        Assert.Equal("Plate AB 123 C, heading north", response.Text);
        Assert.StartsWith("Anna", response.DeviceName);
        var progress = await ProgressOf(exerciseId, "team-a", OrderInject);
        Assert.NotNull(progress.DeliveredAt);
        Assert.NotNull(progress.SeenAt);
        Assert.NotNull(progress.AcknowledgedAt);
        Assert.Equal(1, progress.ResponseCount);

        // Presence: the control room sees the phone, its app version and language. The screenshots
        // switched to Russian and back; each switch says Hello again, so wait for the last one.
        await Wait.Until(async () => (await fixture.Controller.GetDevicesAsync(exerciseId)).Single().Language == "en");
        var device = Assert.Single(await fixture.Controller.GetDevicesAsync(exerciseId));
        Assert.True(device.Connected);
        Assert.Matches(@"^\d+\.\d+\.\d+", device.AppVersion);
    }

    [Fact]
    public async Task Participant_answers_with_a_photo_which_is_uploaded_then_named_in_the_stored_response()
    {
        var (exerciseId, code) = await NewExerciseAsync("team-a");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(code);
        await fixture.Controller.FireAsync(exerciseId, OrderInject);
        await phone.ById("inbox-item").Filter(new() { HasText = "Order" }).ClickAsync();

        await phone.ById("response-photo-input").SetInputFilesAsync(new FilePayload
        {
            Name = "plate.png",
            MimeType = "image/png",
            Buffer = FakeCamera.QrPng("AB 123 C"),
        });
        await Expect(phone.ById("response-photos").Locator("img")).ToHaveCountAsync(1);
        await phone.ById("response-text").FillAsync("Photo of the plate");
        await phone.ById("response-send").ClickAsync();
        await Expect(phone.ById("response-status")).ToHaveAttributeAsync("data-status", "received");
        await Expect(phone.ById("message-view")).ToContainTextAsync("Photos: 1");

        var response = Assert.Single(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"));
        Assert.Equal("Photo of the plate", response.Text);
        var attachmentId = Assert.Single(response.AttachmentIds ?? []);
        using var photo = await fixture.Controller.Http.GetAsync($"/api/exercises/{exerciseId}/attachments/{attachmentId}");
        photo.EnsureSuccessStatusCode();
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.True((await photo.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task A_choice_answered_on_the_inject_form_branches_the_scenario()
    {
        // TestScenarios.Branching: inject 1 asks team-a to choose observe or raid within 10 minutes;
        // "observe" from the same team fires inject 2 ("Observation").
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, TestScenarios.Branching);
        await fixture.Controller.StartAsync(exerciseId);
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "team-a"));
        await fixture.Controller.FireAsync(exerciseId, "1");

        await phone.ById("inbox-item").Filter(new() { HasText = "Tip-off" }).ClickAsync();
        await Expect(phone.ById("respond-within")).ToHaveTextAsync("10 min");
        await phone.ById("response-send").ClickAsync();
        await Expect(phone.ById("response-problem")).ToBeVisibleAsync();
        await phone.Page.Locator("[data-testid=response-choice][value=observe]").CheckAsync();
        await phone.ById("response-send").ClickAsync();
        await Expect(phone.ById("response-status")).ToHaveAttributeAsync("data-status", "received");

        var response = Assert.Single(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"));
        Assert.Equal("observe", response.Fields?["decision"]);
        await phone.Page.GetByText("← Back to messages").ClickAsync();
        await Expect(phone.ById("inbox-item").Filter(new() { HasText = "Observation" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Attachments_of_an_inject_show_a_photo_inline_and_download_a_document()
    {
        // TestScenarios.TwoTeamsOneActor with a photo and a spreadsheet attached to inject 4.
        var photo = Convert.ToBase64String(FakeCamera.QrPng("AB 123 C"));
        var log = Convert.ToBase64String("date,atm,card,amount\n2026-10-05,ATM 147,****4418,45000\n"u8.ToArray());
        var yaml = TestScenarios.TwoTeamsOneActor
            .Replace("sites:\n", $$"""
                attachments:
                  - id: plate-photo
                    title: { en: "The van's plate", ru: "Номер фургона" }
                    fileName: plate.png
                    contentType: image/png
                    content: {{photo}}
                  - id: atm-log
                    title: { en: "ATM withdrawals", ru: "Снятия в банкомате" }
                    fileName: atm-withdrawals.csv
                    contentType: text/csv
                    content: {{log}}
                sites:

                """, StringComparison.Ordinal)
            .Replace("    responseRequested: true", "    responseRequested: true\n    attachments: [plate-photo, atm-log]", StringComparison.Ordinal);
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, yaml);
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "team-a"));
        await fixture.Controller.FireAsync(exerciseId, OrderInject);

        await phone.ById("inbox-item").Filter(new() { HasText = "Order" }).ClickAsync();

        await Expect(phone.ById("attachment")).ToHaveCountAsync(2);
        await Expect(phone.Page.GetByRole(AriaRole.Img, new() { Name = "The van's plate" })).ToBeVisibleAsync();
        await phone.Page.WaitForFunctionAsync("() => document.querySelector('.attachment-image')?.naturalWidth > 0");
        var download = await phone.Page.RunAndWaitForDownloadAsync(
            () => phone.Page.Locator(".attachment-open").ClickAsync());
        Assert.Equal("atm-withdrawals.csv", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(saved);
        Assert.StartsWith("date,atm,card,amount", await File.ReadAllTextAsync(saved));
        File.Delete(saved);
    }

    [Fact]
    public async Task Three_responses_written_offline_are_stored_exactly_once_after_the_phone_comes_back()
    {
        var (exerciseId, code) = await NewExerciseAsync("team-a");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(code);
        await fixture.Controller.FireAsync(exerciseId, OrderInject);
        await phone.ById("inbox-item").Filter(new() { HasText = "Order" }).ClickAsync();
        await Expect(phone.ById("message-view")).ToBeVisibleAsync();

        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        string[] answers = ["First sighting: van at gate 2", "Second: two men unloading", "Third: van left, heading north"];
        for (var i = 0; i < answers.Length; i++)
        {
            await phone.ById("response-text").FillAsync(answers[i]);
            await phone.ById("response-send").ClickAsync();
            await Expect(phone.ById("outbox-count")).ToHaveAttributeAsync("data-count", $"{i + 1}");
        }

        await Expect(phone.Page.Locator("[data-testid=response-status][data-status=sending]")).ToHaveCountAsync(3);
        await phone.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await phone.Page.ScreenshotAsync(new() { Path = Screenshots.PathOf("offline-queued-en"), FullPage = true });
        Assert.Empty(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"));

        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(phone.ById("outbox-count")).ToHaveAttributeAsync("data-count", "0");
        await Expect(phone.Page.Locator("[data-testid=response-status][data-status=received]")).ToHaveCountAsync(3);

        var stored = await fixture.Controller.GetResponsesAsync(exerciseId, "team-a");
        Assert.Equal(answers, stored.OrderBy(r => r.StoredAt).Select(r => r.Text));
        Assert.Equal(3, stored.Select(r => r.ResponseId).Distinct().Count());
        Assert.Equal(3, (await ProgressOf(exerciseId, "team-a", OrderInject)).ResponseCount);

        // A reload reconnects with an empty outbox: the three stay received and nothing is sent again.
        await phone.Page.ReloadAsync();
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(phone.Page.Locator("[data-testid=response-status][data-status=received]")).ToHaveCountAsync(3);
        await Expect(phone.ById("outbox-count")).ToHaveAttributeAsync("data-count", "0");
        Assert.Equal(3, (await fixture.Controller.GetResponsesAsync(exerciseId, "team-a")).Count);
    }

    [Fact]
    public async Task Scanning_the_join_QR_code_with_the_camera_fills_in_the_code()
    {
        var (_, code) = await NewExerciseAsync("team-a");
        var link = new Uri(fixture.Node.BaseAddress, $"/app/?code={code}").ToString();
        var video = FakeCamera.WriteQrVideo(link);
        await using var browser = await fixture.LaunchAsync(
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}");
        await using var phone = await Phone.OpenAsync(browser, fixture.Node.BaseAddress, output);
        await phone.Context.GrantPermissionsAsync(["camera"]);
        await phone.OpenAppAsync();

        await phone.ById("join-scan").ClickAsync();

        await Expect(phone.ById("join-code")).ToHaveValueAsync(code);
        await Expect(phone.ById("scan-status")).ToContainTextAsync(code);
        output.WriteLine($"decoder used: {await phone.ById("scan-panel").GetAttributeAsync("data-decoder")}");
        await phone.JoinAsync(code);
        File.Delete(video);
    }

    [Fact]
    public async Task A_link_with_the_code_opens_the_join_screen_with_the_code_filled_in()
    {
        var (_, code) = await NewExerciseAsync("team-a");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);

        await phone.OpenAppAsync($"?code={code}");

        await Expect(phone.ById("join-code")).ToHaveValueAsync(code);
        await Expect(phone.ById("join-scan")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Phone_socket_carries_a_fresh_connect_ticket_on_every_connect_and_never_the_token()
    {
        var (_, code) = await NewExerciseAsync("team-a");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        var sockets = new ConcurrentQueue<string>();
        phone.Page.WebSocket += (_, socket) =>
        {
            if (new Uri(socket.Url).AbsolutePath == "/hubs/device")
            {
                sockets.Enqueue(socket.Url);
            }
        };

        await phone.OpenAppAsync();
        await phone.JoinAsync(code);
        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");

        var credentials = sockets.Select(url => Uri.UnescapeDataString(Regex.Match(url, "[?&]access_token=([^&]*)").Groups[1].Value)).ToList();
        Assert.True(credentials.Count >= 2, $"Expected a connect and a reconnect, saw {credentials.Count} socket(s).");
        Assert.All(credentials, credential => Assert.Matches("^ct_[A-Za-z0-9_-]{22}$", credential));
        Assert.Equal(credentials.Count, credentials.Distinct().Count());
    }

    private async Task<(string ExerciseId, string Code)> NewExerciseAsync(string recipientId)
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId);
        return (exerciseId, ControllerClient.JoinCodeOf(exercise, recipientId));
    }

    private async Task<DeliveryProgress> ProgressOf(string exerciseId, string recipientId, string injectNumber)
    {
        var all = await fixture.Controller.GetDeliveriesAsync(exerciseId);
        return all.Single(r => r.Recipient.Id == recipientId).Deliveries.Single(d => d.InjectNumber == injectNumber);
    }
}
