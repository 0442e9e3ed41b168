using Microsoft.AspNetCore.CookiePolicy;

namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>Where the node listens, HTTPS for phones on a LAN, and Secure cookies behind a TLS proxy.</summary>
public static class HttpsHosting
{
    public static WebApplicationBuilder AddScenarioEngineHttps(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(HttpsOptions.Section);
        var https = section.Get<HttpsOptions>() ?? new HttpsOptions();
        builder.Services.Configure<HttpsOptions>(section);
        builder.Configuration.AddInMemoryCollection(ListenAddresses.Settings(builder.Configuration, https));
        builder.Services.AddSingleton<HttpsBanner>();

        if (https.Lan)
        {
            // Made before the server starts: Kestrel needs the certificate to bind the endpoint.
            var lan = LanHttps.Create(https, DateTimeOffset.UtcNow);
            builder.Services.AddSingleton(lan);
            builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
                .Configure(context.Configuration.GetSection("Kestrel"))
                .Endpoint(ListenAddresses.LanEndpoint, endpoint => endpoint.HttpsOptions.ServerCertificate = lan.ServerCertificate));
        }

        if (https.SecureCookies)
        {
            builder.Services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = CookieSecurePolicy.Always);
        }

        return builder;
    }

    /// <summary>Before anything that writes a cookie (sign-in, antiforgery, language).</summary>
    public static WebApplication UseScenarioEngineHttps(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpsOptions>>().Value.SecureCookies)
        {
            app.UseCookiePolicy();
        }

        return app;
    }

    /// <summary>The page phones fetch and trust the local CA from, when <c>Https:Lan</c> is on.</summary>
    public static WebApplication MapLocalCa(this WebApplication app)
    {
        if (app.Services.GetService<LanHttps>() is not null)
        {
            app.MapLocalCaPage();
        }

        return app;
    }
}
