using System.Globalization;

namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>
/// Where Kestrel listens. appsettings.json names no address, so every standard way of binding works
/// (<c>ASPNETCORE_URLS</c> or <c>Urls</c> or <c>--urls</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>,
/// <c>Kestrel:Endpoints</c>); only when none is given does the node take its default, 127.0.0.1:5080.
/// The LAN HTTPS endpoint is added beside whichever of them is in force.
/// </summary>
public static class ListenAddresses
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>The Kestrel endpoint this node adds for phones on a LAN (its certificate is set in code).</summary>
    public const string LanEndpoint = "ScenarioEngineLan";

    /// <summary>
    /// Settings to add on top of the configuration (highest precedence), or none when the configured
    /// binding already says everything.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings(IConfiguration configuration, HttpsOptions https)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        var httpPorts = configuration[WebHostDefaults.HttpPortsKey];
        var httpsPorts = configuration[WebHostDefaults.HttpsPortsKey];
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        var bound = endpoints || !string.IsNullOrWhiteSpace(urls) || !string.IsNullOrWhiteSpace(httpPorts) || !string.IsNullOrWhiteSpace(httpsPorts);
        if (!https.Lan)
        {
            return bound ? new Dictionary<string, string?>() : new Dictionary<string, string?> { [WebHostDefaults.ServerUrlsKey] = Default };
        }

        // Kestrel ignores urls and ports once any Kestrel endpoint is configured, so the LAN endpoint
        // carries the others with it: each configured address becomes an endpoint of its own.
        var settings = new Dictionary<string, string?>();
        if (!endpoints)
        {
            var addresses = !string.IsNullOrWhiteSpace(urls) ? Split(urls)
                : !string.IsNullOrWhiteSpace(httpPorts) || !string.IsNullOrWhiteSpace(httpsPorts)
                    ? [.. Split(httpPorts).Select(p => $"http://*:{p}"), .. Split(httpsPorts).Select(p => $"https://*:{p}")]
                    : [Default];
            for (var i = 0; i < addresses.Count; i++)
            {
                settings[$"Kestrel:Endpoints:Configured{i}:Url"] = addresses[i];
            }

            // Now carried by the endpoints above; left set, Kestrel would warn that it overrides them.
            settings[WebHostDefaults.ServerUrlsKey] = string.Empty;
            settings[WebHostDefaults.HttpPortsKey] = string.Empty;
            settings[WebHostDefaults.HttpsPortsKey] = string.Empty;
        }

        settings[$"Kestrel:Endpoints:{LanEndpoint}:Url"] = string.Create(CultureInfo.InvariantCulture, $"https://{https.ListenAddress}:{https.Port}");
        return settings;
    }

    private static List<string> Split(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
