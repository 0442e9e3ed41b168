using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Localization;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Web.Dashboard.Components;
using StackExchange.Redis;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>The control-room dashboard: Blazor interactive server, in English and Russian.</summary>
public static class DashboardHosting
{
    private static readonly string[] Cultures = DashboardLanguages.Find();

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddLocalization();
        builder.Services.AddSingleton(new DashboardLanguages(Cultures));
        builder.Services.AddSingleton<DashboardFeed>();
        builder.Services.AddScoped<DashboardData>();
        builder.Services.AddSingleton(services => new BoardRefresher(
            exerciseId => BoardLoader.LoadAsync(services.GetRequiredService<IGrainFactory>(), exerciseId),
            services.GetRequiredService<DashboardFeed>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<BoardRefresher>>()));
        builder.Services.AddSingleton<Editor.DraftFeed>();
        builder.Services.AddScoped<Editor.DraftEditorData>();

        // With several web nodes, the sign-in cookie and form tokens one node issues must open on the others.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(SiloSetup.RedisConnectionName)))
        {
            builder.Services.AddDataProtection().SetApplicationName("scenarioengine-web");
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "scenarioengine:data-protection-keys"));
        }

        return builder;
    }

    /// <summary>The dashboard's language from its cookie; the API keeps choosing per request (?lang=, Accept-Language).</summary>
    public static WebApplication UseDashboardLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Cultures[0])
            .AddSupportedCultures(Cultures)
            .AddSupportedUICultures(Cultures);
        app.UseWhen(http => !DashboardAuth.IsMachinePath(http.Request.Path), branch => branch.UseRequestLocalization(options));
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapGet("/culture/{name}", (string name, string? back, HttpContext http) =>
        {
            var culture = Cultures.Contains(name) ? name : Cultures[0];
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/");
        }).AllowAnonymous();

        app.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(DashboardAuth.SignInPath);
        }).AllowAnonymous();

        return app;
    }
}
