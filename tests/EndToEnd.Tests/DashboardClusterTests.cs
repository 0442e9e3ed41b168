using Microsoft.Playwright;
using ScenarioEngine.Testing;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>
/// The control room with two web-node processes: each hears the silo through its own grain observer,
/// so a dashboard on either node shows what happened through the other, and a controller signed in
/// on one is signed in on both (data-protection keys in Redis).
/// </summary>
public sealed class DashboardClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.RequireInstalled(),
            Headless = true,
            Args = HeadlessChromium.Args,
        });
    }

    [Fact]
    public async Task Dashboards_on_both_web_nodes_follow_an_inject_fired_and_acknowledged_through_one_of_them()
    {
        using var controllerOnA = await ControllerClient.SignInAsync(cluster.WebA.BaseAddress);
        var exercise = await controllerOnA.CreateExerciseAsync($"dash-{Guid.NewGuid():N}"[..20]);
        await controllerOnA.StartAsync(exercise.ExerciseId);

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(20_000);
        var pageOnB = await context.NewPageAsync();
        await pageOnB.GotoAsync(new Uri(cluster.WebB.BaseAddress, $"/exercises/{exercise.ExerciseId}").ToString());
        await pageOnB.FillAsync("input[name='Input.UserName']", WebNode.ControllerUser);
        await pageOnB.FillAsync("input[name='Input.Password']", WebNode.ControllerPassword);
        await pageOnB.ClickAsync("button[type=submit]");
        await pageOnB.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        // Same browser, other node: the cookie node B issued opens node A's dashboard without signing in again.
        var pageOnA = await context.NewPageAsync();
        await pageOnA.GotoAsync(new Uri(cluster.WebA.BaseAddress, $"/exercises/{exercise.ExerciseId}").ToString());
        await pageOnA.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await using var device = await DeviceClient.JoinAndConnectAsync(cluster.WebA.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await controllerOnA.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4", TimeSpan.FromSeconds(30));
        foreach (var page in new[] { pageOnA, pageOnB })
        {
            await Expect(page.GetByTestId("inject-4")).ToHaveAttributeAsync("data-status", "fired");
        }

        await device.AcknowledgeAsync(message.Sequence);
        foreach (var page in new[] { pageOnA, pageOnB })
        {
            await Expect(page.GetByTestId("inject-4").GetByTestId("progress")).ToContainTextAsync("1/1/0 of 1");
        }
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
