using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Reports.SitePlans;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SitePlans;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;
using SkiaSharp;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Location with responses and evidence scans (issue 17 section 3), over real SignalR connections to
/// a real web node: stored only when the exercise asks for it, refused out of range, placed on the
/// site plan a controller uploaded, and never handed to teammates' phones.
/// </summary>
public sealed class LocationWireTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    // A plan of 0.04° × 0.02° (about 2.5 km × 2.2 km around Moscow's centre).
    private static readonly SitePlanBounds Bounds = new() { North = 55.76, West = 37.60, South = 55.74, East = 37.64 };

    // A quarter of the way across from the left and a quarter down from the top.
    private static readonly GeoPoint QuarterIn = new() { Latitude = 55.755, Longitude = 37.61, AccuracyMeters = 12 };

    [Fact]
    public async Task A_located_response_on_an_opted_in_exercise_lands_on_the_site_plan_where_it_was_made()
    {
        var (exerciseId, snapshot) = await CreateAsync(OptedIn(TestScenarios.TwoTeamsOneActor));
        var uploaded = await UploadPlanAsync(exerciseId, "site-1", Png(400, 200), Bounds);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.True((await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"))).LocationSharing);
        Assert.False((await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "witness"))).LocationSharing);
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Boris");
        await fixture.Controller.FireAsync(exerciseId, "4");
        var order = await phone.WaitForPushAsync(m => m.InjectNumber == "4");

        await phone.RespondAsync(new ResponseSubmission { ResponseId = "r-located", Sequence = order.Sequence, Text = "Plate A123BC", Location = QuarterIn });

        var stored = Assert.Single(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"));
        Assert.Equal(QuarterIn, stored.Location);
        var positions = await PositionsAsync(exerciseId);
        var marker = Assert.Single(Assert.Single(positions.Plans, p => p.Plan.SiteId == "site-1").Markers);
        Assert.Equal(("r-located", PositionKind.Response, "team-a", "4"), (marker.Position.Id, marker.Position.Kind, marker.Position.TeamId, marker.Position.Subject));
        Assert.Equal(0.25, marker.X, 9);
        Assert.Equal(0.25, marker.Y, 9);
        Assert.Empty(positions.Outside);

        // Shared with the control room, not with the teammates' phones.
        var page = await teammate.InvokeAsync<JsonElement>("GetResponsePage", order.Sequence, 0L, 100);
        Assert.DoesNotContain("55.755", page.GetRawText(), StringComparison.Ordinal);
        Assert.False(page.GetProperty("responses")[0].TryGetProperty("location", out _));
    }

    [Fact]
    public async Task A_location_sent_to_an_exercise_that_does_not_ask_for_it_is_not_stored()
    {
        var (exerciseId, snapshot) = await CreateAsync(TestScenarios.TwoTeamsOneActor);
        Assert.Equal(HttpStatusCode.OK, (await UploadPlanAsync(exerciseId, "site-1", Png(400, 200), Bounds)).StatusCode);
        var join = await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        Assert.False(join.LocationSharing);
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await fixture.Controller.FireAsync(exerciseId, "4");
        var order = await phone.WaitForPushAsync(m => m.InjectNumber == "4");

        var receipt = await phone.RespondAsync(new ResponseSubmission { ResponseId = "r-unasked", Sequence = order.Sequence, Text = "Plate A123BC", Location = QuarterIn });

        Assert.False(receipt.Duplicate);
        var stored = Assert.Single(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"));
        Assert.Equal(("r-unasked", null), (stored.ResponseId, stored.Location));
        var positions = await PositionsAsync(exerciseId);
        Assert.Empty(Assert.Single(positions.Plans).Markers);
        Assert.Empty(positions.Outside);
    }

    [Theory]
    [InlineData(91, 37.6, 10)]
    [InlineData(-90.5, 37.6, 10)]
    [InlineData(55.7, 180.01, 10)]
    [InlineData(55.7, 37.6, -1)]
    public async Task A_location_out_of_range_refuses_the_response_and_stores_nothing(double latitude, double longitude, double accuracy)
    {
        var (exerciseId, snapshot) = await CreateAsync(OptedIn(TestScenarios.TwoTeamsOneActor));
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await fixture.Controller.FireAsync(exerciseId, "4");
        var order = await phone.WaitForPushAsync(m => m.InjectNumber == "4");
        var bad = new GeoPoint { Latitude = latitude, Longitude = longitude, AccuracyMeters = accuracy };

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            phone.RespondAsync(new ResponseSubmission { ResponseId = "r-bad", Sequence = order.Sequence, Text = "Here", Location = bad }));

        Assert.Contains("out of range", refused.Message, StringComparison.Ordinal);
        Assert.Contains("вне допустимых пределов", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Controller.GetResponsesAsync(exerciseId, "team-a"));
    }

    [Fact]
    public async Task A_located_evidence_scan_is_logged_with_its_place_and_shown_on_the_plan_or_in_the_list_outside()
    {
        var package = ScenarioLoader.LoadSamplePackage();
        var yaml = ScenarioWriter.ToYaml(package with { Scenario = package.Scenario with { LocationSharing = true } });
        var (exerciseId, snapshot) = await CreateAsync(yaml);
        Assert.Equal(HttpStatusCode.OK, (await UploadPlanAsync(exerciseId, "construction", Png(300, 300), Bounds)).StatusCode);
        var labels = await fixture.Controller.Http.GetFromJsonAsync<List<EvidenceLabelView>>($"/api/exercises/{exerciseId}/evidence/labels", WebNode.Json) ?? [];
        var ledger = labels.Single(l => l.Label.ItemId == "ledger").Label.Code;
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        var elsewhere = new GeoPoint { Latitude = 59.93, Longitude = 30.31, AccuracyMeters = 40 };

        var found = await phone.InvokeAsync<EvidenceReceipt>("ScanEvidence", new EvidenceScan { ScanId = "s-on-plan", Code = ledger, Location = QuarterIn });
        await phone.InvokeAsync<EvidenceReceipt>("ScanEvidence", new EvidenceScan { ScanId = "s-elsewhere", Code = ledger, Location = elsewhere });
        var refused = await Assert.ThrowsAsync<HubException>(() => phone.InvokeAsync<EvidenceReceipt>("ScanEvidence",
            new EvidenceScan { ScanId = "s-bad", Code = ledger, Location = new GeoPoint { Latitude = 55, Longitude = double.MaxValue } }));

        Assert.Equal(EvidenceScanOutcome.Found, found.Outcome);
        Assert.Contains("out of range", refused.Message, StringComparison.Ordinal);
        var scans = await fixture.Controller.Http.GetFromJsonAsync<List<EvidenceScanRecord>>($"/api/exercises/{exerciseId}/evidence/scans", WebNode.Json) ?? [];
        Assert.Equal([("s-on-plan", QuarterIn), ("s-elsewhere", elsewhere)], scans.Select(s => (s.ScanId, s.Location)));
        var positions = await PositionsAsync(exerciseId);
        var marker = Assert.Single(Assert.Single(positions.Plans).Markers);
        Assert.Equal(("s-on-plan", PositionKind.Scan, "team-b", "ledger"), (marker.Position.Id, marker.Position.Kind, marker.Position.TeamId, marker.Position.Subject));
        Assert.Equal((0.25, 0.25), (Math.Round(marker.X, 9), Math.Round(marker.Y, 9)));
        Assert.Equal("s-elsewhere", Assert.Single(positions.Outside).Id);
    }

    [Fact]
    public async Task An_evidence_scan_on_an_exercise_that_does_not_ask_keeps_no_location()
    {
        var (exerciseId, snapshot) = await CreateAsync(scenarioYaml: null);
        var labels = await fixture.Controller.Http.GetFromJsonAsync<List<EvidenceLabelView>>($"/api/exercises/{exerciseId}/evidence/labels", WebNode.Json) ?? [];
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));

        await phone.InvokeAsync<EvidenceReceipt>("ScanEvidence", new EvidenceScan { ScanId = "s-unasked", Code = labels.Single(l => l.Label.ItemId == "ledger").Label.Code, Location = QuarterIn });

        var scan = Assert.Single(await fixture.Controller.Http.GetFromJsonAsync<List<EvidenceScanRecord>>($"/api/exercises/{exerciseId}/evidence/scans", WebNode.Json) ?? []);
        Assert.Equal(("s-unasked", null), (scan.ScanId, scan.Location));
    }

    [Fact]
    public async Task A_plan_that_is_no_image_is_refused_in_the_readers_language_and_nothing_is_stored()
    {
        var (exerciseId, _) = await CreateAsync(OptedIn(TestScenarios.TwoTeamsOneActor));
        var text = "this is a site plan, honest"u8.ToArray();

        var english = await UploadPlanAsync(exerciseId, "site-1", text, Bounds);
        var russian = await UploadPlanAsync(exerciseId, "site-1", text, Bounds, lang: "ru");
        // A real PNG's header with its pixels cut off: the header alone does not make an image.
        var truncated = await UploadPlanAsync(exerciseId, "site-1", Png(400, 200)[..60], Bounds);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, english.StatusCode);
        Assert.Contains("not a PNG, JPEG or WebP image", await Detail(english), StringComparison.Ordinal);
        Assert.Contains("не является изображением", await Detail(russian), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, truncated.StatusCode);
        Assert.Empty((await PositionsAsync(exerciseId)).Plans);
    }

    [Fact]
    public async Task A_plan_over_the_size_limit_or_with_crossed_corners_is_refused()
    {
        var (exerciseId, _) = await CreateAsync(OptedIn(TestScenarios.TwoTeamsOneActor));
        var oversized = new byte[Web.SitePlans.SitePlanImages.MaxBytes + 1];
        Png(10, 10).CopyTo(oversized, 0);

        var tooLarge = await UploadPlanAsync(exerciseId, "site-1", oversized, Bounds);
        var crossed = await UploadPlanAsync(exerciseId, "site-1", Png(10, 10), Bounds with { North = Bounds.South, South = Bounds.North }, lang: "ru");
        var noSuchSite = await UploadPlanAsync(exerciseId, "nowhere", Png(10, 10), Bounds);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("10 MiB", await Detail(tooLarge), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.Contains("Углы перепутаны", await Detail(crossed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noSuchSite.StatusCode);
        Assert.Empty((await PositionsAsync(exerciseId)).Plans);
    }

    [Fact]
    public async Task A_site_controller_uploads_and_reads_its_own_sites_plan_only()
    {
        await fixture.Controller.EnsureExerciseAsync(WebNode.SiteControllerExercise, SiteControllerTests.SiteDrill);
        using var site = await fixture.Node.SignInSiteControllerAsync();
        var png = Png(120, 80);

        var mine = await UploadPlanAsync(site.Http, WebNode.SiteControllerExercise, "site-1", png, Bounds);
        var theirs = await UploadPlanAsync(site.Http, WebNode.SiteControllerExercise, "site-2", png, Bounds);
        var image = await site.Http.GetAsync($"/api/exercises/{WebNode.SiteControllerExercise}/site-control/site-1/plan");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync($"/api/exercises/{WebNode.SiteControllerExercise}/site-control/site-2/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync($"/api/exercises/{WebNode.SiteControllerExercise}/site-plans")).StatusCode);
        Assert.DoesNotContain((await PositionsAsync(WebNode.SiteControllerExercise)).Plans, p => p.Plan.SiteId == "site-2");
    }

    private static string OptedIn(string yaml) => yaml + "\nlocationSharing: true\n";

    private async Task<(string, Exercises.ExerciseSnapshot)> CreateAsync(string? scenarioYaml)
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        return (exerciseId, await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml));
    }

    private Task<HttpResponseMessage> UploadPlanAsync(string exerciseId, string siteId, byte[] image, SitePlanBounds bounds, string lang = "en") =>
        UploadPlanAsync(fixture.Controller.Http, exerciseId, siteId, image, bounds, lang);

    private static async Task<HttpResponseMessage> UploadPlanAsync(HttpClient http, string exerciseId, string siteId, byte[] image, SitePlanBounds bounds, string lang = "en")
    {
        var query = FormattableString.Invariant($"north={bounds.North}&west={bounds.West}&south={bounds.South}&east={bounds.East}&lang={lang}");
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return await http.PutAsync($"/api/exercises/{exerciseId}/site-control/{siteId}/plan?{query}", content);
    }

    private async Task<SitePlanPositions> PositionsAsync(string exerciseId) =>
        await fixture.Controller.Http.GetFromJsonAsync<SitePlanPositions>($"/api/exercises/{exerciseId}/site-plans", WebNode.Json)
            ?? throw new InvalidOperationException("no positions");

    private static async Task<string> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? string.Empty;

    /// <summary>A real PNG of the given size, drawn and encoded by SkiaSharp.</summary>
    internal static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xe8, 0xee, 0xf4));
            using var paint = new SKPaint { Color = new SKColor(0x33, 0x44, 0x55), StrokeWidth = 4, Style = SKPaintStyle.Stroke };
            canvas.DrawRect(10, 10, width - 20, height - 20, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
