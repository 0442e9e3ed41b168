using Microsoft.Playwright;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// One real web node (in-memory storage, its own Orleans cluster id) serving the built phone app
/// at /app/, a signed-in controller, and Debian's headless Chromium driven by Playwright. Tests
/// share them and stay independent by each creating its own exercise and browser context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public WebNode Node { get; private set; } = null!;

    public ControllerClient Controller { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        HeadlessChromium.RequireInstalled();
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "pwa", "index.html")))
        {
            throw new InvalidOperationException(
                "The phone app is not in this test's output (pwa/index.html). Build without -p:SkipPwaBuild=true, with Node available.");
        }

        // Assertions wait as long as actions do: the suite shares two cores with the other test projects.
        Assertions.SetDefaultExpectTimeout((float)Phone.Patience.TotalMilliseconds);
        Node = await WebNode.StartAsync();
        Controller = await Node.SignInControllerAsync();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    /// <summary>Another Chromium, e.g. with a fake camera; the caller disposes it.</summary>
    public Task<IBrowser> LaunchAsync(params string[] extraArgs) =>
        Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.ExecutablePath,
            Headless = true,
            Args = [.. HeadlessChromium.Args, .. extraArgs],
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Controller?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
