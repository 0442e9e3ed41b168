using Microsoft.Playwright;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// A real web node started in-process (as the other tests start it) and Debian's headless Chromium
/// driven by Playwright's bundled driver. No browser is downloaded.
/// </summary>
public sealed class DashboardBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public WebNode Node { get; private set; } = null!;

    public ControllerClient Controller { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: $DASHBOARD_SCREENSHOTS, else screenshots/ next to the test assembly.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Node = await WebNode.StartAsync();
        Controller = await Node.SignInControllerAsync();
        _playwright = await Playwright.CreateAsync();
        // Expectations wait as long as actions do (15 s, below): Playwright's 5-s default was met by a
        // page still catching up on a loaded 2-core CI run, not by a page that was wrong.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = HeadlessChromium.RequireInstalled(), Headless = true, Args = HeadlessChromium.Args });
    }

    /// <summary>A fresh browser context (its own cookies) at 1366×768, signed in as the test controller (or <paramref name="userName"/>).</summary>
    public async Task<IPage> SignedInPageAsync(int width = 1366, int height = 768, string? locale = null, string userName = WebNode.ControllerUser)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Node.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale ?? "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/sign-in**");
        await page.FillAsync("input[name='Input.UserName']", userName);
        await page.FillAsync("input[name='Input.Password']", WebNode.ControllerPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>Goes to <paramref name="path"/> and waits until the Blazor circuit has taken over the page.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Gives a Blazor <c>InputFile</c> its file once the component listens. Its change listener is added
    /// by JS interop after the first interactive render, so a file set as soon as the page is
    /// interactive can land before it and nothing is uploaded (a loaded CI run met that). The element
    /// carries <c>_blazorInputFileNextFileId</c> from the moment Blazor's InputFile.init ran.
    /// </summary>
    public static async Task SetBlazorInputFileAsync(IPage page, ILocator input, FilePayload file)
    {
        var element = await input.ElementHandleAsync();
        await page.WaitForFunctionAsync("el => el._blazorInputFileNextFileId !== undefined", element, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await input.SetInputFilesAsync(file);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"dashboard-{name}.png"), FullPage = false });

    /// <summary>A phone app's page as it is, under its own name (no "dashboard-" prefix).</summary>
    public static Task ScreenshotPhoneAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = false });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Controller.Dispose();
        await Node.DisposeAsync();
    }
}
