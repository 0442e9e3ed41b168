using Microsoft.Playwright;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>Attachments kept on the phone when their message arrives, and opened with no connection (issue 17).</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineAttachmentTests(BrowserFixture fixture, ITestOutputHelper output)
{
    // TestScenarios.TwoTeamsOneActor: inject 4 is manual, to team-a.
    private const string OrderInject = "4";

    [Fact]
    public async Task Attachments_cached_on_arrival_open_while_the_phone_is_offline_and_the_menu_shows_their_size()
    {
        var photo = FakeCamera.QrPng("AB 123 C");
        var log = "date,atm,card,amount\n2026-10-05,ATM 147,****4418,45000\n"u8.ToArray();
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, WithAttachments(photo, log));
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "team-a"));

        await fixture.Controller.FireAsync(exerciseId, OrderInject);
        await Expect(phone.ById("inbox-item").Filter(new() { HasText = "Order" })).ToBeVisibleAsync();
        await phone.OpenMenuAsync();
        // Both files are held once the menu counts their bytes; nothing has been opened yet.
        await Expect(phone.ById("offline-usage")).ToHaveAttributeAsync("data-used", (photo.Length + log.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(phone.ById("offline-usage")).ToContainTextAsync("of 50 MB");
        await phone.Page.ScreenshotAsync(new() { Path = DocsScreenshot("phone-offline-files-en") });
        await phone.CloseMenuAsync();

        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        await phone.ById("inbox-item").Filter(new() { HasText = "Order" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Img, new() { Name = "The van's plate" })).ToBeVisibleAsync();
        await phone.Page.WaitForFunctionAsync("() => document.querySelector('.attachment-image')?.naturalWidth > 0");
        var download = await phone.Page.RunAndWaitForDownloadAsync(() => phone.Page.Locator(".attachment-open").ClickAsync());
        Assert.Equal("atm-withdrawals.csv", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(saved);
        Assert.StartsWith("date,atm,card,amount", await File.ReadAllTextAsync(saved));
        File.Delete(saved);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        await phone.Page.ScreenshotAsync(new() { Path = DocsScreenshot("phone-offline-attachment-en") });
    }

    internal static string WithAttachments(byte[] photo, byte[] log) =>
        TestScenarios.TwoTeamsOneActor
            .Replace("sites:\n", $$"""
                attachments:
                  - id: plate-photo
                    title: { en: "The van's plate", ru: "Номер фургона" }
                    fileName: plate.png
                    contentType: image/png
                    content: {{Convert.ToBase64String(photo)}}
                  - id: atm-log
                    title: { en: "ATM withdrawals", ru: "Снятия в банкомате" }
                    fileName: atm-withdrawals.csv
                    contentType: text/csv
                    content: {{Convert.ToBase64String(log)}}
                sites:

                """, StringComparison.Ordinal)
            .Replace("    responseRequested: true", "    responseRequested: true\n    attachments: [plate-photo, atm-log]", StringComparison.Ordinal);

    /// <summary>The README's pictures are written by the test that shows them, into docs/screenshots.</summary>
    internal static string DocsScreenshot(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScenarioEngine.sln")))
        {
            dir = dir.Parent;
        }

        var docs = Path.Combine(dir?.FullName ?? Screenshots.Directory, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        return Path.Combine(docs, $"{name}.png");
    }
}
