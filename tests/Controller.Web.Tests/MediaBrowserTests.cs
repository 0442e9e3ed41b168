using Microsoft.Playwright;
using ScenarioEngine.Testing;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The media feed and the approval of a team's statement in headless Chromium: a phone app of one
/// team publishes, a controller approves in the dashboard, and another team's phone app shows it.
/// </summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class MediaBrowserTests(DashboardBrowserFixture fixture)
{
    private const string Statement = "The women found at the sauna are victims and are cared for. Please do not publish their photos.";

    [Fact]
    public async Task A_statement_from_one_teams_phone_waits_for_approval_in_the_dashboard_then_shows_on_another_teams_phone()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        var author = await PhoneAsync(ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        var reader = await PhoneAsync(ControllerClient.JoinCodeOf(snapshot, "team-b"), "Boris");
        await reader.GetByTestId("tab-news").ClickAsync();
        // The seeded history is in the feed from the start, by channel and author.
        await Expect(reader.GetByTestId("news-item")).ToHaveCountAsync(2);
        await Expect(reader.GetByTestId("news-byline").First).ToContainTextAsync("City chat (social network) · Maria Lebedeva, reporter");
        await DashboardBrowserFixture.ScreenshotPhoneAsync(reader, "phone-news-history-en");

        await author.GetByTestId("tab-news").ClickAsync();
        await author.GetByTestId("statement-text").FillAsync(Statement);
        await author.GetByTestId("statement-publish").ClickAsync();
        await Expect(author.GetByTestId("own-statement")).ToHaveAttributeAsync("data-status", "review");
        var controller = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.GoAsync(controller, $"/exercises/{id}/media");
        await Expect(controller.GetByTestId("statement-1")).ToContainTextAsync(Statement);
        await Expect(controller.GetByTestId("media-feed")).ToContainTextAsync("City News website");
        await DashboardBrowserFixture.ScreenshotAsync(controller, "media-approval");
        // Under review: nobody else's feed has it.
        await Expect(reader.GetByTestId("news-item")).ToHaveCountAsync(2);

        await controller.GetByTestId("approve-1").ClickAsync();

        await Expect(controller.GetByTestId("statements-empty")).ToBeVisibleAsync();
        await Expect(controller.GetByTestId("feed-S1")).ToContainTextAsync(Statement);
        await Expect(reader.GetByTestId("news-item")).ToHaveCountAsync(3);
        await Expect(reader.GetByTestId("news-item").First).ToContainTextAsync("Team A");
        await Expect(author.GetByTestId("own-statement")).ToHaveAttributeAsync("data-status", "published");
        await reader.GetByTestId("news-item").First.Locator("a").ClickAsync();
        await Expect(reader.GetByTestId("message-view")).ToContainTextAsync(Statement);
        await DashboardBrowserFixture.ScreenshotPhoneAsync(reader, "phone-statement-published-en");
        foreach (var page in new[] { author, reader, controller })
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<IPage> PhoneAsync(string code, string name)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Node.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/app/");
        await page.GetByTestId("join-code").FillAsync(code);
        await page.GetByTestId("join-name").FillAsync(name);
        await page.GetByTestId("join-agency").FillAsync("Police");
        await page.GetByTestId("join-submit").ClickAsync();
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "online");
        return page;
    }
}
