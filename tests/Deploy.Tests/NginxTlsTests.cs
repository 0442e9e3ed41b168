using System.Globalization;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>nginx ends TLS for phones: HTTP only redirects, HTTPS sends HSTS, cookies are Secure, and no token reaches the log.</summary>
public sealed class NginxTlsTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    private string Config => new NginxTests().Config();

    private IReadOnlyList<string> Servers => NginxConfig.Blocks(Config, "server");

    private string TlsServer => Assert.Single(Servers, s => Regex.IsMatch(s, @"listen\s+443\s+ssl"));

    [Fact]
    public void Plain_http_only_redirects_to_https_on_the_port_the_load_balancer_publishes()
    {
        var plain = Assert.Single(Servers, s => Regex.IsMatch(s, @"listen\s+80;"));
        Assert.DoesNotContain("proxy_pass", plain, StringComparison.Ordinal);
        Assert.Contains("return 301 https://$host:${SE_HTTPS_PORT}$request_uri;", plain, StringComparison.Ordinal);

        // The nginx image fills ${SE_HTTPS_PORT} in from the lb's environment: the same value the host publishes on 443.
        var lb = _compose["lb"];
        var published = lb.Environment["SE_HTTPS_PORT"];
        var ports = ComposeFile.Strings(lb.Map["ports"]);
        Assert.Contains($"{published}:443", ports);
        Assert.Contains(lb.Volumes, v => v.Contains(":/etc/nginx/templates/default.conf.template", StringComparison.Ordinal));
    }

    [Fact]
    public void Https_uses_the_mounted_certificate_modern_protocols_and_sends_hsts_for_a_year()
    {
        var tls = TlsServer;
        var certs = Assert.Single(_compose["lb"].Volumes, v => v.Contains(":/etc/nginx/certs", StringComparison.Ordinal)).Split(':');
        Assert.True(Directory.Exists(_compose.Resolve(certs[0])), $"{certs[0]} does not exist");
        Assert.Matches(@"ssl_certificate\s+/etc/nginx/certs/tls\.crt;", tls);
        Assert.Matches(@"ssl_certificate_key\s+/etc/nginx/certs/tls\.key;", tls);
        var protocols = Regex.Match(tls, @"ssl_protocols\s+([^;]+);").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["TLSv1.2", "TLSv1.3"], protocols.Order());

        var hsts = Regex.Match(tls, @"add_header\s+Strict-Transport-Security\s+""max-age=(\d+)[^""]*""\s+always;");
        Assert.True(hsts.Success, "no Strict-Transport-Security header sent on every response (always)");
        Assert.True(int.Parse(hsts.Groups[1].Value, CultureInfo.InvariantCulture) >= 31_536_000);

        // add_header in a location would drop the server's HSTS header there (nginx does not merge them).
        foreach (var location in Regex.Matches(tls, @"location\s+[^{]+\{(?<body>[^}]*)\}").Select(m => m.Groups["body"].Value))
        {
            Assert.DoesNotContain("add_header", location, StringComparison.Ordinal);
        }

        Assert.Contains("proxy_pass", tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Cookies_are_always_secure_at_the_proxy_and_in_the_web_nodes()
    {
        Assert.Matches(@"proxy_cookie_flags\s+~\s+secure;", TlsServer);
        var webs = _compose.Services.Where(s => s.DockerfileInRepo(_compose) == "deploy/Dockerfile.web").ToList();
        Assert.NotEmpty(webs);
        Assert.All(webs, web => Assert.Equal("true", web.Environment["Https__SecureCookies"]));
    }

    [Fact]
    public void Every_server_logs_requests_in_a_format_that_replaces_the_access_token()
    {
        var config = NginxConfig.WithoutComments(Config);
        var format = Regex.Match(config, @"log_format\s+(?<name>\w+)\s+(?<body>[^;]+);");
        Assert.True(format.Success, "no log_format");
        Assert.All(Servers, server => Assert.Matches($@"access_log\s+\S+\s+{format.Groups["name"].Value};", server));

        // Only the redacted request line may carry the query string.
        var variables = Regex.Matches(format.Groups["body"].Value, @"\$(\w+)").Select(m => m.Groups[1].Value).ToList();
        Assert.DoesNotContain(variables, v => v is "request" or "request_uri" or "args" or "query_string" or "http_referer" || v.StartsWith("arg_", StringComparison.Ordinal));

        var map = Regex.Match(config, @"map\s+\$request\s+\$(?<name>\w+)\s*\{\s*""~(?<pattern>[^""]+)""\s+""(?<replacement>[^""]+)"";\s*default\s+\$request;");
        Assert.True(map.Success, "no map from $request to a redacted request line");
        Assert.Contains(map.Groups["name"].Value, variables);

        // nginx's PCRE pattern and ${name} captures read the same in .NET.
        string Logged(string request) => Regex.IsMatch(request, map.Groups["pattern"].Value)
            ? Regex.Replace(request, map.Groups["pattern"].Value, map.Groups["replacement"].Value)
            : request;
        const string token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXZpY2UifQ.c2lnbmF0dXJl";
        Assert.Equal("GET /hubs/device?id=Ab3_x&access_token=[redacted]&v=1 HTTP/1.1", Logged($"GET /hubs/device?id=Ab3_x&access_token={token}&v=1 HTTP/1.1"));
        Assert.Equal("GET /hubs/device?access_token=[redacted] HTTP/1.1", Logged($"GET /hubs/device?access_token={token} HTTP/1.1"));
        Assert.Equal("GET /app/ HTTP/2.0", Logged("GET /app/ HTTP/2.0"));
    }

    [Fact]
    public void The_ca_for_phones_is_served_from_the_certificate_folder_the_script_fills()
    {
        var location = Regex.Match(TlsServer, @"location\s+=\s+/ca/scenarioengine-ca\.crt\s*\{(?<body>[^}]*)\}");
        Assert.True(location.Success, "no location for the CA download");
        Assert.Matches(@"alias\s+/etc/nginx/certs/ca\.crt;", location.Groups["body"].Value);
        Assert.Contains("application/x-x509-ca-cert", location.Groups["body"].Value, StringComparison.Ordinal);
        Assert.Contains("\"$certs/ca.crt\"", Repo.Read("deploy/make-certs.sh"), StringComparison.Ordinal);
    }
}
