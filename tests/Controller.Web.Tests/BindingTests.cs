using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hosting.Https;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The web node as its own process, bound the ways .NET containers and guides bind it: each way must
/// work (appsettings.json used to set Urls, which silently outranked ASPNETCORE_URLS).
/// </summary>
public sealed class BindingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"se-binding-{Guid.NewGuid():N}");

    [Fact]
    public async Task ASPNETCORE_URLS_sets_where_the_web_node_listens()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");

        await using var node = await ProcessHost.StartBoundByEnvironmentAsync(ProcessHost.WebDll, Settings(("ASPNETCORE_URLS", address.ToString())), address);

        Assert.Contains(address.ToString().TrimEnd('/'), node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASPNETCORE_HTTP_PORTS_sets_the_port_the_web_node_listens_on()
    {
        // HTTP_PORTS binds every address by definition; the test reaches it on 127.0.0.1.
        var port = FreePort.Next();

        await using var node = await ProcessHost.StartBoundByEnvironmentAsync(ProcessHost.WebDll, Settings(("ASPNETCORE_HTTP_PORTS", $"{port}")), new Uri($"http://127.0.0.1:{port}"));

        Assert.Contains($":{port}", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kestrel_endpoint_settings_set_where_the_web_node_listens()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");

        await using var node = await ProcessHost.StartBoundByEnvironmentAsync(ProcessHost.WebDll, Settings(("Kestrel__Endpoints__Web__Url", address.ToString())), address);

        Assert.Contains(address.ToString().TrimEnd('/'), node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASPNETCORE_HTTPS_PORTS_serves_HTTPS_with_the_certificate_given_in_Kestrel_settings()
    {
        using var authority = LocalCertificateAuthority.LoadOrCreate(Path.Combine(_folder, "supplied-ca"), DateTimeOffset.UtcNow);
        using var server = authority.IssueServerCertificate(["localhost", "127.0.0.1"], DateTimeOffset.UtcNow);
        var certificatePath = Path.Combine(_folder, "server.crt");
        var keyPath = Path.Combine(_folder, "server.key");
        await File.WriteAllTextAsync(certificatePath, server.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var port = FreePort.Next();

        // Ready only once a client that trusts nothing but this CA gets an answer: the supplied certificate is the one served.
        await using var node = await ProcessHost.StartBoundByEnvironmentAsync(
            ProcessHost.WebDll,
            Settings(("ASPNETCORE_HTTPS_PORTS", $"{port}"), ("Kestrel__Certificates__Default__Path", certificatePath), ("Kestrel__Certificates__Default__KeyPath", keyPath)),
            new Uri($"https://127.0.0.1:{port}"),
            () => Trusting(authority.Certificate));

        using var http = new HttpClient(Trusting(authority.Certificate));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"https://127.0.0.1:{port}/health/live")).StatusCode);
    }

    [Fact]
    public async Task Lan_https_serves_the_app_with_a_certificate_from_a_local_CA_that_is_kept_across_restarts_and_offered_to_phones()
    {
        var http = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var httpsPort = FreePort.Next();
        var https = new Uri($"https://127.0.0.1:{httpsPort}");
        var caFolder = Path.Combine(_folder, "lan-ca");
        await using var node = await ProcessHost.StartBoundByEnvironmentAsync(
            ProcessHost.WebDll,
            Settings(
                ("ASPNETCORE_URLS", http.ToString()),
                ("Https__Lan", "true"),
                ("Https__Port", $"{httpsPort}"),
                ("Https__ListenAddress", "127.0.0.1"),
                ("Https__DataDirectory", caFolder),
                ("Web__SeedSample", "true")),
            http);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(caFolder, LocalCertificateAuthority.CertificateFileName));
        var fingerprint = Convert.ToHexString(ca.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));

        using (var client = new HttpClient(Trusting(ca)) { BaseAddress = https })
        {
            await AnswersReady(client);
            var page = await client.GetStringAsync("/ca");
            Assert.Contains(fingerprint, page.Replace(":", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(ca.RawData, await client.GetByteArrayAsync(LocalCaPage.DownloadPath));
        }

        await Wait.Until(() => node.Output.Contains("join codes", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Contains($"Phones (HTTPS): {https}app/", node.Output, StringComparison.Ordinal);
        Assert.Contains($"{https}ca", node.Output, StringComparison.Ordinal);
        Assert.Contains("▀", node.Output, StringComparison.Ordinal); // the QR code of the CA page
        Assert.Contains(fingerprint, node.Output.Replace(":", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        await node.RestartAsync();

        using var again = new HttpClient(Trusting(ca)) { BaseAddress = https };
        await AnswersReady(again);
    }

    /// <summary>
    /// Kestrel accepts on each endpoint as soon as it binds it, so the HTTP address the node was awaited on
    /// can answer a moment before the HTTPS one listens (a CI run once met "connection refused" there).
    /// </summary>
    private static Task AnswersReady(HttpClient client) => Wait.UntilSucceeds(
        async () => Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode),
        TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A client that trusts only <paramref name="ca"/>, and checks the name as a browser does.</summary>
    private static SocketsHttpHandler Trusting(X509Certificate2 ca) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] values)
    {
        var settings = new Dictionary<string, string>
        {
            ["Web__SeedSample"] = "false",
            ["ScenarioEngine__SiloPort"] = $"{FreePort.Next()}",
            ["ScenarioEngine__GatewayPort"] = $"{FreePort.Next()}",
            ["ScenarioEngine__ClusterId"] = $"binding-{Guid.NewGuid():N}",
            ["ScenarioEngine__ServiceId"] = $"binding-{Guid.NewGuid():N}",
            // Kestrel logs "Now listening on" at Information; the tests read where it bound from it.
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return settings;
    }
}
