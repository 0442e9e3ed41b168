using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// One phone: a fresh browser context (its own IndexedDB, service worker and network switch) at a
/// phone's viewport, with the page's console errors copied to the test output.
/// </summary>
public sealed class Phone : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    private Phone(IBrowserContext context, IPage page, Uri server, ITestOutputHelper output)
    {
        Context = context;
        Page = page;
        Server = server;
        _output = output;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Server { get; }

    public static async Task<Phone> OpenAsync(IBrowser browser, Uri server, ITestOutputHelper output, string locale = "en-GB")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
            Locale = locale,
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var phone = new Phone(context, page, server, output);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                phone.Log($"[browser {message.Type}] {message.Text}");
            }
        };
        page.PageError += (_, error) => phone.Log($"[page error] {error}");
        return phone;
    }

    public ILocator ById(string testId) => Page.GetByTestId(testId);

    public async Task OpenAppAsync(string query = "")
    {
        await Page.GotoAsync(new Uri(Server, $"/app/{query}").ToString());
        await Expect(ById("connection-state")).ToBeVisibleAsync();
    }

    /// <summary>Types the code like a person would (lower case, with a dash) and joins.</summary>
    public async Task JoinAsync(string code, string name = "Anna", string agency = "Police")
    {
        await ById("join-code").FillAsync($"{code[..4].ToLowerInvariant()}-{code[4..].ToLowerInvariant()}");
        await ById("join-name").FillAsync(name);
        await ById("join-agency").FillAsync(agency);
        await ById("join-submit").ClickAsync();
        await Expect(ById("exercise-title")).ToBeVisibleAsync();
        await Expect(ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
    }

    public async Task SetLanguageAsync(string language)
    {
        // Under a safety signal's banner the page (and its menu) is inert; the banner has its own choice.
        if (await ById("signal-banner").IsVisibleAsync())
        {
            await ById("signal-language").SelectOptionAsync(language);
        }
        else
        {
            await OpenMenuAsync();
            await ById("language-select").SelectOptionAsync(language);
        }

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    /// <summary>After joining, the language, sound and Leave are behind the header's menu (issue 14): open it.</summary>
    public async Task OpenMenuAsync()
    {
        if (await ById("menu").CountAsync() > 0 && await ById("menu").GetAttributeAsync("open") is null)
        {
            await ById("menu-button").ClickAsync();
        }
    }

    public async Task CloseMenuAsync()
    {
        if (await ById("menu").CountAsync() > 0 && await ById("menu").GetAttributeAsync("open") is not null)
        {
            await ById("menu-button").ClickAsync();
        }
    }

    /// <summary>Screenshots of the screen as it is, in English and in Russian; leaves it in English.</summary>
    public async Task ShootBothLanguagesAsync(string name, bool fullPage = false)
    {
        foreach (var language in new[] { "en", "ru" })
        {
            await SetLanguageAsync(language);
            await CloseMenuAsync();
            var path = Screenshots.PathOf($"{name}-{language}");
            await Page.EvaluateAsync("window.scrollTo(0, 0)");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
            Log($"screenshot: {path}");
        }

        await SetLanguageAsync("en");
    }

    public void Log(string line)
    {
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // the test has finished; a late console message has nowhere to go
        }
    }

    public static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
