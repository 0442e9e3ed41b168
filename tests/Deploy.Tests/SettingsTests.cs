using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>
/// The environment variables the deployment sets must be ones the apps read: a misspelt one is
/// silently ignored, and the cluster then runs on defaults.
/// </summary>
public sealed class SettingsTests
{
    private const string Silo = "silo";
    private const string Web = "web";

    /// <summary>
    /// What the apps read, derived from src/ by hand. Each entry names the file and the text that shows
    /// the code reads it, and <see cref="Every_allowed_setting_is_read_by_the_code_in_src"/> keeps that true.
    /// A null file marks ASP.NET Core's own settings.
    /// </summary>
    private static readonly (string Name, string[] Apps, string? File, string[] Evidence)[] Allowed =
    [
        ("ConnectionStrings__Redis", [Silo, Web], "src/ScenarioEngine.Grains/Hosting/SiloSetup.cs", ["RedisConnectionName = \"Redis\"", "GetConnectionString(RedisConnectionName)"]),
        ("ScenarioEngine__ClusterId", [Silo, Web], "src/ScenarioEngine.Grains/Hosting/ScenarioEngineOptions.cs", ["Section = \"ScenarioEngine\"", "public string ClusterId"]),
        ("ScenarioEngine__ServiceId", [Silo, Web], "src/ScenarioEngine.Grains/Hosting/ScenarioEngineOptions.cs", ["public string ServiceId"]),
        ("ScenarioEngine__SiloPort", [Silo], "src/ScenarioEngine.Grains/Hosting/ScenarioEngineOptions.cs", ["public int SiloPort"]),
        ("ScenarioEngine__GatewayPort", [Silo], "src/ScenarioEngine.Grains/Hosting/ScenarioEngineOptions.cs", ["public int GatewayPort"]),
        ("ScenarioEngine__AdvertisedAddress", [Silo], "src/ScenarioEngine.Grains/Hosting/ScenarioEngineOptions.cs", ["public string? AdvertisedAddress"]),
        ("Web__Orleans", [Web], "src/Controller.Web/Hosting/WebOptions.cs", ["Section = \"Web\"", "public OrleansRole Orleans"]),
        ("Web__SeedSample", [Web], "src/Controller.Web/Hosting/WebOptions.cs", ["public bool SeedSample"]),
        ("Web__SampleExerciseId", [Web], "src/Controller.Web/Hosting/WebOptions.cs", ["public string SampleExerciseId"]),
        ("Web__MaxDeviceMessageBytes", [Web], "src/Controller.Web/Hosting/WebOptions.cs", ["public long MaxDeviceMessageBytes"]),
        ("Auth__SigningKey", [Web], "src/Controller.Web/Auth/SigningKeyProvider.cs", ["\"Auth:SigningKey\""]),
        ("Auth__DeviceTokenLifetime", [Web], "src/Controller.Web/Auth/TokenService.cs", ["\"Auth:DeviceTokenLifetime\""]),
        ("Auth__ControllerTokenLifetime", [Web], "src/Controller.Web/Auth/TokenService.cs", ["\"Auth:ControllerTokenLifetime\""]),
        ("Auth__ConnectTicketLifetime", [Web], "src/Controller.Web/Auth/ConnectTickets.cs", ["\"Auth:ConnectTicketLifetime\""]),
        (@"Controllers__\d+__UserName", [Web], "src/Controller.Web/Auth/ControllerAccounts.cs", ["GetSection(\"Controllers\")", "public string UserName"]),
        (@"Controllers__\d+__PasswordHash", [Web], "src/Controller.Web/Auth/ControllerAccounts.cs", ["public string PasswordHash"]),
        (@"Observers__\d+__(UserName|PasswordHash)", [Web], "src/Controller.Web/Auth/ControllerAccounts.cs", ["GetSection(\"Observers\")"]),
        (@"Web__KnownProxies__\d+", [Web], "src/Controller.Web/Hosting/WebOptions.cs", ["public List<string> KnownProxies"]),
        (@"Web__KnownNetworks__\d+", [Web], "src/Controller.Web/Hosting/WebOptions.cs", ["public List<string> KnownNetworks"]),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", [Silo, Web], "src/ScenarioEngine.ServiceDefaults/ServiceDefaultsExtensions.cs", ["\"OTEL_EXPORTER_OTLP_ENDPOINT\""]),
        ("Https__SecureCookies", [Web], "src/Controller.Web/Hosting/Https/HttpsOptions.cs", ["Section = \"Https\"", "public bool SecureCookies"]),
        ("Https__Lan", [Web], "src/Controller.Web/Hosting/Https/HttpsOptions.cs", ["public bool Lan"]),
        ("Https__Port", [Web], "src/Controller.Web/Hosting/Https/HttpsOptions.cs", ["public int Port"]),
        ("ASPNETCORE_URLS", [Silo, Web], null, []),
        ("ASPNETCORE_HTTP_PORTS", [Silo, Web], null, []),
        ("ASPNETCORE_HTTPS_PORTS", [Silo, Web], null, []),
        (@"Kestrel__[\w_]+", [Silo, Web], null, []),
        ("Urls", [Silo, Web], null, []),
        ("ASPNETCORE_ENVIRONMENT", [Silo, Web], null, []),
        (@"Logging__LogLevel__[\w.]+", [Silo, Web], null, []),
    ];

    private static readonly Dictionary<string, string> AppOfDockerfile = new()
    {
        ["deploy/Dockerfile.silo"] = Silo,
        ["deploy/Dockerfile.web"] = Web,
    };

    [Fact]
    public void Services_set_only_settings_their_app_reads()
    {
        var compose = ComposeFile.Load();
        var problems = new List<string>();
        foreach (var service in compose.Services.Where(s => s.Build is not null))
        {
            var app = AppOfDockerfile[service.DockerfileInRepo(compose)!];
            problems.AddRange(service.Environment.Keys
                .Where(name => !Allowed.Any(a => a.Apps.Contains(app) && Regex.IsMatch(name, $"^{a.Name}$")))
                .Select(name => $"{service} ({app}) sets {name}, which the {app} app does not read"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_allowed_setting_is_read_by_the_code_in_src()
    {
        foreach (var (name, _, file, evidence) in Allowed.Where(a => a.File is not null))
        {
            var text = Repo.Read(file!);
            Assert.All(evidence, e => Assert.True(text.Contains(e, StringComparison.Ordinal), $"{name}: {file} no longer contains {e}"));
        }
    }

    [Fact]
    public void Listen_addresses_are_given_in_a_form_appsettings_json_does_not_override()
    {
        // appsettings.json outranks ASPNETCORE_-prefixed variables, so an app whose appsettings.json has
        // "Urls" must be given Urls (environment or --urls) or it keeps listening on the file's address.
        var compose = ComposeFile.Load();
        foreach (var dockerfile in Dockerfile.All)
        {
            var stages = Dockerfile.Load(dockerfile);
            var project = stages.SelectMany(s => s.Runs).Select(r => Regex.Match(r, @"dotnet publish (\S+\.csproj)")).Single(m => m.Success).Groups[1].Value;
            var appsettings = Path.Combine(Path.GetDirectoryName(Repo.PathOf(project))!, "appsettings.json");
            if (!File.Exists(appsettings) || !SetsUrls(File.ReadAllText(appsettings)))
            {
                continue;
            }

            var env = stages[^1].Instructions.Where(i => i.Keyword == "ENV").Select(i => i.Arguments).ToList();
            Assert.Contains(env, e => e.StartsWith("Urls=", StringComparison.Ordinal));
            foreach (var service in compose.Services.Where(s => s.DockerfileInRepo(compose) == dockerfile))
            {
                Assert.False(service.Environment.ContainsKey("ASPNETCORE_URLS"), $"{service}: ASPNETCORE_URLS is overridden by {project}'s appsettings.json; set Urls");
            }
        }
    }

    private static bool SetsUrls(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "Urls", StringComparison.OrdinalIgnoreCase));
    }
}
