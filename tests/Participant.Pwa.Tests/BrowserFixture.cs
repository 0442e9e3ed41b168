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
    /// <summary>The flags that make Debian's Chromium run headless here without touching the network.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public WebNode Node { get; private set; } = null!;

    public ControllerClient Controller { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Not started.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}. Run scripts/install-test-deps.sh (apt-get install chromium) or set CHROMIUM_PATH.");
        }

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
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
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
