using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using ScenarioEngine.Reports.SitePlans;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;
using SkiaSharp;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Location end to end in headless Chromium (issue 17 section 3): a team's phone, whose browser
/// grants geolocation at a set place, is asked once, agrees and responds; the control room's site
/// plans tab shows the response's marker at that place on the sauna's plan. Writes
/// docs/screenshots/phone-location-consent-{en,ru}.png and dashboard-site-plans-{en,ru}.png.
/// </summary>
public sealed class SitePlanBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    // The sauna's plan: about 250 m × 220 m, north up.
    private const double North = 55.7560, West = 37.6080, South = 55.7540, East = 37.6120;

    // Where the phone is: a quarter across from the left, a quarter down from the top.
    private const float Latitude = 55.7555f, Longitude = 37.6090f;

    [Fact]
    public async Task A_phone_that_agreed_to_share_its_location_puts_its_response_on_the_site_plan()
    {
        var package = ScenarioLoader.LoadSamplePackage();
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(exerciseId, ScenarioWriter.ToYaml(package with { Scenario = package.Scenario with { LocationSharing = true } }));
        await UploadPlanAsync(exerciseId, "sauna");
        await fixture.Controller.StartAsync(exerciseId);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Node.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Latitude = Latitude, Longitude = Longitude, Accuracy = 15 },
        });
        context.SetDefaultTimeout(30_000);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync($"/app/?code={ControllerClient.JoinCodeOf(snapshot, "team-a")}");
        await phone.GetByTestId("join-name").FillAsync("Anna");
        await phone.GetByTestId("join-agency").FillAsync("Police");
        await phone.GetByTestId("join-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "online");

        // Asked once, before anything is read; shown in both languages.
        var prompt = phone.GetByTestId("location-consent");
        await Assertions.Expect(prompt).ToBeVisibleAsync();
        await Assertions.Expect(prompt).ToContainTextAsync("never in the background");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Docs("phone-location-consent-en.png") });
        await SetPhoneLanguageAsync(phone, "ru");
        await Assertions.Expect(prompt).ToContainTextAsync("никогда в фоне");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Docs("phone-location-consent-ru.png") });
        await SetPhoneLanguageAsync(phone, "en");
        await phone.GetByTestId("location-share").ClickAsync();
        await Assertions.Expect(prompt).ToBeHiddenAsync();
        await phone.GetByTestId("menu-button").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("location-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await phone.GetByTestId("menu-button").ClickAsync();

        await fixture.Controller.FireAsync(exerciseId, "13");
        await phone.GetByTestId("inbox-item").First.ClickAsync();
        await phone.GetByTestId("response-text").FillAsync("Two women at the back door, no documents");
        await phone.GetByTestId("response-send").ClickAsync();
        // "received" once the receipt is in: the outbox is empty.
        await Assertions.Expect(phone.GetByTestId("response-status").First).ToHaveAttributeAsync("data-status", "received");

        var stored = Assert.Single(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"), r => r.InjectNumber == "13");
        Assert.Equal(Latitude, stored.Location!.Latitude, 4);
        Assert.Equal(Longitude, stored.Location.Longitude, 4);

        // The control room: the marker on the sauna's plan, a quarter across and a quarter down.
        var room = await fixture.SignedInPageAsync(width: 1280, height: 900);
        await DashboardBrowserFixture.GoAsync(room, $"/exercises/{exerciseId}/plans");
        var marker = room.Locator($"[data-testid=site-plan-sauna] [data-testid=plan-marker][data-id='{stored.ResponseId}']");
        await Assertions.Expect(marker).ToHaveAttributeAsync("data-kind", "response");
        await Assertions.Expect(marker).ToHaveAttributeAsync("data-team", "team-a");
        Assert.Equal(0.25, double.Parse((await marker.GetAttributeAsync("data-x"))!, CultureInfo.InvariantCulture), 2);
        Assert.Equal(0.25, double.Parse((await marker.GetAttributeAsync("data-y"))!, CultureInfo.InvariantCulture), 2);
        Assert.Contains("13", await marker.GetAttributeAsync("title"), StringComparison.Ordinal);
        await Assertions.Expect(room.Locator("[data-testid=site-plan-sauna] img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await room.Locator("[data-testid=site-plan-sauna] img").EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await room.ScreenshotAsync(new PageScreenshotOptions { Path = Docs("dashboard-site-plans-en.png"), FullPage = true });

        // Live: a teammate's located response appears on the open page, without a reload.
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Boris");
        await teammate.RespondAsync(new ScenarioEngine.Delivery.ResponseSubmission
        {
            ResponseId = "r-teammate",
            Sequence = stored.Sequence,
            Text = "Back door locked from outside",
            Location = new ScenarioEngine.Evaluation.GeoPoint { Latitude = 55.7545, Longitude = 37.6110, AccuracyMeters = 8 },
        });
        var live = room.Locator("[data-testid=site-plan-sauna] [data-testid=plan-marker][data-id='r-teammate']");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-x", "0.75");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-y", "0.75");

        var russian = await fixture.SignedInPageAsync(width: 1280, height: 900, locale: "ru-RU");
        await DashboardBrowserFixture.GoAsync(russian, $"/exercises/{exerciseId}/plans");
        await Assertions.Expect(russian.Locator("[data-testid=tab-plans]")).ToHaveTextAsync("Планы объектов");
        await Assertions.Expect(russian.Locator($"[data-testid=plan-marker][data-id='{stored.ResponseId}']")).ToHaveCountAsync(1);
        await russian.ScreenshotAsync(new PageScreenshotOptions { Path = Docs("dashboard-site-plans-ru.png"), FullPage = true });
    }

    private static async Task SetPhoneLanguageAsync(IPage phone, string language)
    {
        if (await phone.GetByTestId("menu").GetAttributeAsync("open") is null)
        {
            await phone.GetByTestId("menu-button").ClickAsync();
        }

        await phone.GetByTestId("language-select").SelectOptionAsync(language);
        await Assertions.Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", language);
        if (await phone.GetByTestId("menu").GetAttributeAsync("open") is not null)
        {
            await phone.GetByTestId("menu-button").ClickAsync();
        }
    }

    private async Task UploadPlanAsync(string exerciseId, string siteId)
    {
        using var content = new ByteArrayContent(DrawPlan(800, 700));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var query = FormattableString.Invariant($"north={North}&west={West}&south={South}&east={East}");
        var response = await fixture.Controller.Http.PutAsync($"/api/exercises/{exerciseId}/site-control/{siteId}/plan?{query}", content);
        response.EnsureSuccessStatusCode();
        var positions = await fixture.Controller.Http.GetFromJsonAsync<SitePlanPositions>($"/api/exercises/{exerciseId}/site-plans", WebNode.Json);
        Assert.Equal(siteId, Assert.Single(positions!.Plans).Plan.SiteId);
    }

    /// <summary>A drawn floor plan: a yard, a building with rooms and a road, as a controller might scan one.</summary>
    private static byte[] DrawPlan(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xf4, 0xf1, 0xe8));
            using var road = new SKPaint { Color = new SKColor(0xc9, 0xc9, 0xc9), Style = SKPaintStyle.Fill };
            canvas.DrawRect(0, height - 90, width, 60, road);
            using var yard = new SKPaint { Color = new SKColor(0xdd, 0xe8, 0xd2), Style = SKPaintStyle.Fill };
            canvas.DrawRect(40, 40, width - 80, height - 170, yard);
            using var wall = new SKPaint { Color = new SKColor(0x33, 0x33, 0x33), Style = SKPaintStyle.Stroke, StrokeWidth = 6, IsAntialias = true };
            canvas.DrawRect(120, 100, 420, 300, wall);
            using var inner = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
            canvas.DrawLine(330, 100, 330, 400, inner);
            canvas.DrawLine(120, 250, 330, 250, inner);
            canvas.DrawLine(330, 300, 540, 300, inner);
            canvas.DrawRect(600, 140, 120, 160, wall);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Docs(string name)
    {
        var docs = Path.Combine(Repository.Root, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        return Path.Combine(docs, name);
    }
}
