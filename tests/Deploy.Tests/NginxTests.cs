using System.Text.RegularExpressions;

namespace Deploy.Tests;

public sealed partial class NginxTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    /// <summary>The nginx config (or the template the image makes it from) the lb service mounts, read from the repository.</summary>
    internal string Config()
    {
        var mount = Assert.Single(_compose["lb"].Volumes, v => v.Contains(":/etc/nginx/templates/", StringComparison.Ordinal) || v.Contains(":/etc/nginx/conf.d/", StringComparison.Ordinal));
        return File.ReadAllText(_compose.Resolve(mount.Split(':')[0]));
    }

    [Fact]
    public void Nginx_upstreams_are_the_web_services_on_the_ports_they_listen_on()
    {
        var config = Config();
        var upstreams = UpstreamPattern().Matches(config).ToDictionary(
            m => m.Groups["name"].Value,
            m => ServerPattern().Matches(m.Groups["body"].Value).Select(s => (Host: s.Groups["host"].Value, Port: int.Parse(s.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList());
        var upstream = Assert.Single(upstreams);

        var webServices = _compose.Services.Where(s => s.DockerfileInRepo(_compose) == "deploy/Dockerfile.web").ToList();
        Assert.Equal(webServices.Select(s => s.Name).Order(), upstream.Value.Select(s => s.Host).Order());
        foreach (var (host, port) in upstream.Value)
        {
            Assert.Equal(_compose[host].HttpPort, port);
        }

        var proxied = ProxyPassPattern().Matches(config).Select(m => m.Groups["name"].Value).ToList();
        Assert.NotEmpty(proxied);
        Assert.All(proxied, name => Assert.Equal(upstream.Key, name));
        Assert.DoesNotContain("ip_hash", config, StringComparison.Ordinal); // round-robin: no sticky sessions
    }

    [Fact]
    public void Nginx_passes_websocket_upgrades_on_hubs_and_keeps_them_open()
    {
        var hubs = LocationPattern().Match(Config());
        Assert.True(hubs.Success, "no `location /hubs/` block");
        var block = hubs.Groups["body"].Value;
        Assert.Contains("proxy_http_version 1.1;", block, StringComparison.Ordinal);
        Assert.Matches(@"proxy_set_header\s+Upgrade\s+\$http_upgrade;", block);
        Assert.Matches(@"proxy_set_header\s+Connection\s+\$connection_upgrade;", block);

        var timeout = Regex.Match(block, @"proxy_read_timeout\s+(\d+)([smhd]?);");
        Assert.True(timeout.Success, "no proxy_read_timeout for /hubs/");
        var seconds = int.Parse(timeout.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * timeout.Groups[2].Value switch
        {
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            _ => 1,
        };
        Assert.True(seconds >= 600, $"proxy_read_timeout for /hubs/ is {seconds} s; idle WebSockets would be cut");
    }

    [GeneratedRegex(@"upstream\s+(?<name>[\w.-]+)\s*\{(?<body>[^}]*)\}")]
    private static partial Regex UpstreamPattern();

    [GeneratedRegex(@"^\s*server\s+(?<host>[\w.-]+):(?<port>\d+)", RegexOptions.Multiline)]
    private static partial Regex ServerPattern();

    [GeneratedRegex(@"proxy_pass\s+https?://(?<name>[\w.-]+)")]
    private static partial Regex ProxyPassPattern();

    [GeneratedRegex(@"location\s+/hubs/?\s*\{(?<body>[^}]*)\}")]
    private static partial Regex LocationPattern();
}
