using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ScenarioEngine.Access;
using ScenarioEngine.Testing;

namespace Deploy.Tests;

/// <summary>
/// deploy/'s nginx config run for real: an nginx process on 127.0.0.1 free ports, the repository's
/// template with only its ports, upstream, certificate and log paths filled in, the pair
/// deploy/make-certs.sh makes, and a real web node behind it. The client talks to nginx from
/// 127.0.0.3, so the address the web node reports can only be the client's own if the forwarded
/// headers arrived and were believed.
/// </summary>
[Trait("Needs", "nginx")]
public sealed class NginxProxyTests(NginxInFrontOfAWebNode proxy) : IClassFixture<NginxInFrontOfAWebNode>
{
    private static string NewExerciseId() => $"nginx-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Plain_http_only_redirects_to_the_same_address_over_https()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{proxy.HttpPort}/app/?from=qr"));

        Assert.Equal(HttpStatusCode.MovedPermanently, answer.StatusCode);
        Assert.Equal(new Uri($"https://127.0.0.1:{proxy.HttpsPort}/app/?from=qr"), answer.Headers.Location);
    }

    [Fact]
    public async Task Https_with_the_scripts_certificate_reaches_the_web_node_and_sends_hsts()
    {
        using var https = proxy.HttpsClient();

        var answer = await https.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(answer.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Web_node_sees_the_clients_own_address_and_scheme_and_its_cookies_are_secure()
    {
        using var https = proxy.HttpsClient();
        var exercise = await proxy.Controller.CreateExerciseAsync(NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");
        var userName = $"guess-{Guid.NewGuid():N}"[..16];

        var refused = await https.PostAsJsonAsync("/api/controller/sign-in", new { userName, password = "wrong" });
        var signIn = await https.PostAsJsonAsync("/api/controller/sign-in", new { userName = WebNode.ControllerUser, password = WebNode.ControllerPassword });
        var token = (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        using var qr = new HttpRequestMessage(HttpMethod.Get, $"/api/exercises/{exercise.ExerciseId}/join-codes/{code}/qr.svg");
        qr.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var svg = await (await https.SendAsync(qr)).Content.ReadAsStringAsync();
        var form = await https.GetAsync("/sign-in");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var failures = await proxy.Controller.Http.GetFromJsonAsync<List<SignInFailure>>("/api/controller/sign-in-failures", WebNode.Json);
        Assert.Equal(NginxInFrontOfAWebNode.ClientAddress, Assert.Single(failures!, f => f.UserName == userName).Address);
        // The link is built from the scheme and host the node was told: https, and nginx's port.
        Assert.Contains($"<title>https://localhost:{proxy.HttpsPort}/app/?code={code}</title>", svg, StringComparison.Ordinal);
        var cookies = form.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Access_log_has_the_request_with_its_access_token_redacted()
    {
        using var https = proxy.HttpsClient();
        var exercise = await proxy.Controller.CreateExerciseAsync(NewExerciseId());
        var device = await DeviceClient.JoinAsync(proxy.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var marker = Guid.NewGuid().ToString("N");

        await https.GetAsync($"/hubs/device?marker={marker}&access_token={device.Token}&id=1");
        string? line = null;
        await Wait.Until(() => (line = proxy.AccessLogLines().FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal))) is not null);

        Assert.DoesNotContain(device.Token, File.ReadAllText(proxy.AccessLog), StringComparison.Ordinal);
        Assert.Contains($"/hubs/device?marker={marker}&access_token=[redacted]&id=1", line, StringComparison.Ordinal);
        Assert.StartsWith(NginxInFrontOfAWebNode.ClientAddress + " ", line, StringComparison.Ordinal);
    }
}

/// <summary>A web node, and nginx in front of it with deploy/'s config; both stopped at the end.</summary>
public sealed partial class NginxInFrontOfAWebNode : IAsyncLifetime
{
    /// <summary>The address the test's clients connect to nginx from: not the one nginx connects to the node from.</summary>
    public const string ClientAddress = "127.0.0.3";

    private readonly string _root = Directory.CreateTempSubdirectory("deploy-nginx-").FullName;
    private Process? _nginx;

    public WebNode Node { get; private set; } = null!;

    public ControllerClient Controller { get; private set; } = null!;

    public int HttpPort { get; } = FreePort.Next();

    public int HttpsPort { get; } = FreePort.Next();

    public string AccessLog => Path.Combine(_root, "access.log");

    private string Certs => Path.Combine(_root, "certs");

    public async Task InitializeAsync()
    {
        var certs = await Run.Process("sh", [Repo.PathOf("deploy/make-certs.sh"), "localhost", "127.0.0.1"], _root, TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["SE_CERTS_DIR"] = Certs, ["SE_CA_DIR"] = Path.Combine(_root, "local-ca") });
        Assert.True(certs.ExitCode == 0, certs.ToString());

        // Only loopback proxies are believed by default: nginx here connects from 127.0.0.1.
        Node = await WebNode.StartAsync();
        Controller = await Node.SignInControllerAsync();

        File.WriteAllText(Path.Combine(_root, "default.conf"), Render(Repo.Read("deploy/nginx/default.conf.template")));
        File.WriteAllText(Path.Combine(_root, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{_root}}/nginx.pid;
            error_log {{_root}}/error.log warn;
            events { worker_connections 256; }
            http {
                client_body_temp_path {{_root}}/client_body;
                proxy_temp_path {{_root}}/proxy;
                fastcgi_temp_path {{_root}}/fastcgi;
                uwsgi_temp_path {{_root}}/uwsgi;
                scgi_temp_path {{_root}}/scgi;
                include {{_root}}/default.conf;
            }
            """);

        var start = new ProcessStartInfo(NginxBinary()) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", _root, "-e", Path.Combine(_root, "error.log"), "-c", Path.Combine(_root, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        _nginx = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        await Wait.Until(async () => _nginx.HasExited || await Accepts(HttpsPort), TimeSpan.FromSeconds(20));
        if (_nginx.HasExited)
        {
            throw new InvalidOperationException($"nginx exited ({_nginx.ExitCode}): {await _nginx.StandardError.ReadToEndAsync()} {ErrorLog()}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        Controller?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// An HTTPS client of nginx that trusts only the CA deploy/make-certs.sh made, and connects from
    /// <see cref="ClientAddress"/>.
    /// </summary>
    public HttpClient HttpsClient()
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Certs, "ca.crt"));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions =
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(ClientAddress), 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{HttpsPort}") };
    }

    public IReadOnlyList<string> AccessLogLines() =>
        File.Exists(AccessLog) ? File.ReadAllLines(AccessLog) : [];

    /// <summary>
    /// The repository's template as the nginx image would write it, on this machine: its ports, the
    /// one web node as the upstream, and the certificate and log where this test keeps them.
    /// Everything else (redirect, HSTS, cookies, forwarded headers, log format) is the file's own.
    /// </summary>
    private string Render(string template)
    {
        var config = template
            .Replace("${SE_HTTPS_PORT}", HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("/etc/nginx/certs/", Certs + "/", StringComparison.Ordinal)
            .Replace("/var/log/nginx/access.log", AccessLog, StringComparison.Ordinal);
        config = Replace(ListenPlain(), config, $"listen 127.0.0.1:{HttpPort};");
        config = Replace(ListenTls(), config, $"listen 127.0.0.1:{HttpsPort} ssl;");
        return Replace(UpstreamServers(), config, $"server {Node.BaseAddress.Authority};");
    }

    private static string Replace(Regex pattern, string input, string replacement)
    {
        var matches = pattern.Matches(input);
        Assert.True(matches.Count > 0, $"deploy/nginx/default.conf.template has no '{pattern}' to fill in");
        // Several upstream servers become the one node: the first is replaced, the others dropped.
        var first = true;
        return pattern.Replace(input, _ =>
        {
            var text = first ? replacement : string.Empty;
            first = false;
            return text;
        });
    }

    private string ErrorLog() => File.Exists(Path.Combine(_root, "error.log")) ? File.ReadAllText(Path.Combine(_root, "error.log")) : string.Empty;

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>nginx from the PATH, else where Debian puts it (/usr/sbin is not on every user's PATH); scripts/install-test-deps.sh installs it.</summary>
    private static string NginxBinary()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "nginx"))
            .FirstOrDefault(File.Exists);
        return onPath ?? (File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
            : throw new InvalidOperationException("nginx is not installed: run scripts/install-test-deps.sh (it installs nginx-light)."));
    }

    [GeneratedRegex(@"listen\s+80;")]
    private static partial Regex ListenPlain();

    [GeneratedRegex(@"listen\s+443\s+ssl;")]
    private static partial Regex ListenTls();

    [GeneratedRegex(@"server\s+web-\d+:\d+;")]
    private static partial Regex UpstreamServers();
}
