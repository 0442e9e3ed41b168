using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScenarioEngine.Devices;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.Web.Tests;

/// <summary>The control room's after-action review in headless Chromium, after a small run with real phones: lanes, charts, filters, exports, in English and Russian.</summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class AarViewBrowserTests(DashboardBrowserFixture fixture)
{
    private Uri Server => fixture.Node.BaseAddress;

    /// <summary>
    /// The sample run: team A answers an inject, team B only acknowledges another, an evaluator
    /// rates team A, a STOP is raised and cleared. Each call returns once the server has stored it
    /// (the hub's acknowledge and respond, the REST calls), so the logs are complete on return.
    /// </summary>
    private async Task<(string Id, int Lanes)> SmallRunAsync()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(id, scenarioYaml: null);
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(snapshot, "team-b"), "Boris");
        await fixture.Controller.StartAsync(id);
        var keyA = RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey;
        var keyB = RecipientAddress.Team(new ExerciseId(id), "team-b").GrainKey;
        var toA = snapshot.Injects.First(i => i.Recipients.Contains(keyA) && !i.Contingency && i.Trigger is null);
        var toB = snapshot.Injects.First(i => i.Recipients.Contains(keyB) && !i.Contingency && i.Trigger is null && i.Number != toA.Number);

        await fixture.Controller.FireAsync(id, toA.Number);
        var pushedA = await teamA.WaitForPushAsync(m => m.InjectNumber == toA.Number);
        await teamA.AcknowledgeAsync(pushedA.Sequence);
        await teamA.RespondAsync(Guid.NewGuid().ToString("N"), pushedA.Sequence, "Two officers on the way.");
        await fixture.Controller.FireAsync(id, toB.Number);
        var pushedB = await teamB.WaitForPushAsync(m => m.InjectNumber == toB.Number);
        await teamB.AcknowledgeAsync(pushedB.Sequence);
        await fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(id).Add(
            new ObservationEntry { ObjectiveId = "joint", CriticalTaskId = "joint-briefing", TeamId = "team-a", Rating = Rating.S, Note = "Briefing short.", Evaluator = "eva" },
            TimeSpan.FromMinutes(1));
        var stop = await fixture.Controller.RaiseSignalAsync(id, SignalKind.Stop);
        await fixture.Controller.ClearSignalAsync(id, stop.SignalId);
        var scenario = ScenarioEngine.Scenarios.ScenarioLoader.LoadSample();
        return (id, 1 + scenario.Teams.Count + scenario.Sites.Count);
    }

    [Fact]
    public async Task Aar_view_shows_lanes_per_team_and_site_the_three_charts_and_a_team_filter_narrows_them()
    {
        var (id, lanes) = await SmallRunAsync();
        var page = await fixture.SignedInPageAsync(1366, 1000);

        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/aar");

        var svg = page.GetByTestId("swimlanes");
        await Expect(svg.Locator("g[data-lane]")).ToHaveCountAsync(lanes);
        await Expect(svg.Locator("g[data-lane='team:team-a'] g[data-kind=response]")).ToHaveCountAsync(1);
        await Expect(svg.Locator("g[data-lane='team:team-a'] g[data-kind=observation]")).ToHaveCountAsync(1);
        await Expect(svg.Locator("g[data-lane='exercise'] g[data-kind=signal]").First).ToBeAttachedAsync();
        await Expect(svg.Locator("g[data-lane='team:team-b'] g[data-kind=inject]").First).ToBeAttachedAsync();
        await Expect(svg.Locator("g[data-lane='exercise'] text")).ToHaveTextAsync("Whole exercise");
        foreach (var chart in new[] { "ResponseTime", "Ratings", "Acknowledgement" })
        {
            var image = page.GetByTestId($"aar-chart-{chart}").Locator("img");
            await Expect(image).ToBeVisibleAsync();
            Assert.True(await image.EvaluateAsync<int>("i => i.naturalWidth") > 0, chart);
        }

        await Expect(page.GetByTestId("aar-view-docx")).ToHaveAttributeAsync("href", $"/api/exercises/{id}/aar?format=docx&lang=en");
        await DashboardBrowserFixture.ScreenshotAsync(page, "aar-en");

        var before = await page.GetByTestId("aar-chart-ResponseTime").Locator("img").GetAttributeAsync("src");
        await page.GetByTestId("aar-team").SelectOptionAsync("team-b");
        await Expect(svg.Locator("g[data-lane]")).ToHaveCountAsync(2);
        await Expect(svg.Locator("g[data-lane='team:team-b']")).ToBeAttachedAsync();
        await Expect(svg.Locator("g[data-kind=response]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("aar-chart-ResponseTime").Locator("img")).Not.ToHaveAttributeAsync("src", before!);

        await page.GetByTestId("aar-team").SelectOptionAsync(string.Empty);
        await page.GetByTestId("aar-kind-response").UncheckAsync();
        await Expect(svg.Locator("g[data-lane]")).ToHaveCountAsync(lanes);
        await Expect(svg.Locator("g[data-kind=response]")).ToHaveCountAsync(0);
        await Expect(svg.Locator("g[data-kind=observation]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Aar_view_speaks_russian_in_its_filters_lanes_and_charts()
    {
        var (id, lanes) = await SmallRunAsync();
        var page = await fixture.SignedInPageAsync(1366, 1000, locale: "ru-RU");

        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/aar");

        await Expect(page.GetByTestId("tab-aar")).ToHaveTextAsync("Разбор учения");
        var svg = page.GetByTestId("swimlanes");
        await Expect(svg.Locator("g[data-lane]")).ToHaveCountAsync(lanes);
        await Expect(svg.Locator("g[data-lane='exercise'] text")).ToHaveTextAsync("Всё учение");
        await Expect(svg.Locator("g[data-lane='team:team-a'] text").First).ToContainTextAsync("Группа А");
        await Expect(page.GetByTestId("aar-team").Locator("option").First).ToHaveTextAsync("Все команды");
        await Expect(page.GetByTestId("aar-chart-Ratings").Locator("img")).ToHaveAttributeAsync("alt", "Оценки: цель × группа");
        await Expect(page.GetByTestId("aar-view-xlsx")).ToHaveAttributeAsync("href", $"/api/exercises/{id}/aar?format=xlsx&lang=ru");

        await page.GetByTestId("aar-kind-inject").UncheckAsync();
        await Expect(svg.Locator("g[data-kind=inject]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("aar-count")).ToContainTextAsync("Показано событий");
        await DashboardBrowserFixture.ScreenshotAsync(page, "aar-ru");
    }
}
