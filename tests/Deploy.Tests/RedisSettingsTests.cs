using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>
/// deploy/'s Redis started for real (redis-server from PATH) with the compose service's command and
/// mounted config: what it then reports is what a deployment gets.
/// </summary>
public sealed partial class RedisSettingsTests : IAsyncLifetime
{
    private const string Password = "test-password-0123456789abcdef";
    private readonly ComposeFile _compose = ComposeFile.Load();
    private readonly string _data = Directory.CreateTempSubdirectory("deploy-redis-").FullName;
    private readonly int _port = FreePort();
    private System.Diagnostics.Process? _redis;

    public async Task InitializeAsync()
    {
        var service = _compose["redis"];
        var command = ComposeFile.Strings(service.Map["command"]).Select(Interpolate).ToList();
        Assert.Equal("redis-server", command[0]);

        // The config file the container reads is the repository file mounted there.
        var mounts = service.Volumes.Select(v => v.Split(':')).Where(p => p[0].StartsWith('.')).ToDictionary(p => p[1], p => _compose.Resolve(p[0]));
        var arguments = command.Skip(1).Select(a => mounts.GetValueOrDefault(a, a)).ToList();
        Assert.Contains(arguments, a => a.EndsWith("deploy/redis/redis.conf", StringComparison.Ordinal));
        arguments.AddRange(["--port", $"{_port}", "--bind", "127.0.0.1", "--dir", _data, "--daemonize", "no"]);

        var start = new System.Diagnostics.ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        _redis = System.Diagnostics.Process.Start(start)!;
        _redis.BeginOutputReadLine();
        _redis.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Cli(Password, "PING")).Trim() != "PONG")
        {
            Assert.False(_redis.HasExited, "redis-server exited: the config does not load");
            Assert.True(DateTime.UtcNow < deadline, "redis-server did not answer within 20 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Redis_fsyncs_every_write_so_no_receipted_response_is_lost()
    {
        Assert.Equal("yes", await Config("appendonly"));
        Assert.Equal("always", await Config("appendfsync"));
    }

    [Fact]
    public async Task Redis_never_evicts_and_has_a_memory_limit()
    {
        Assert.Equal("noeviction", await Config("maxmemory-policy"));
        Assert.Equal(1L << 30, long.Parse(await Config("maxmemory"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Redis_refuses_clients_without_the_password_which_every_silo_web_node_and_the_health_check_send()
    {
        Assert.StartsWith("NOAUTH", (await Cli(password: null, "PING")).Trim(), StringComparison.Ordinal);

        var redis = _compose["redis"];
        Assert.Equal("${SE_REDIS_PASSWORD:?set SE_REDIS_PASSWORD (see deploy/README.md)}", redis.Environment["REDISCLI_AUTH"]);
        Assert.Equal("redis-cli", redis.HealthcheckTest[1]);
        foreach (var app in _compose.Services.Where(s => s.Build is not null))
        {
            Assert.Matches(@"^redis:6379,password=\$\{SE_REDIS_PASSWORD:\?[^}]*\}$", app.Environment["ConnectionStrings__Redis"]);
        }
    }

    public async Task DisposeAsync()
    {
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }

        _redis?.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>Compose's ${VAR:?message} and ${VAR:-default}, as a deployment with SE_REDIS_PASSWORD set and nothing else sees them.</summary>
    private static string Interpolate(string value) => VariablePattern().Replace(value, m => m.Groups["name"].Value switch
    {
        "SE_REDIS_PASSWORD" => Password,
        _ when m.Groups["op"].Value == ":-" => m.Groups["rest"].Value,
        var name => throw new InvalidOperationException($"{name} has no default"),
    });

    private async Task<string> Config(string name)
    {
        var lines = (await Cli(Password, "CONFIG", "GET", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(name, lines[0]);
        return lines[1];
    }

    private async Task<string> Cli(string? password, params string[] command)
    {
        var result = await Run.Process("redis-cli", ["-p", $"{_port}", .. command], _data, TimeSpan.FromSeconds(10),
            new Dictionary<string, string?> { ["REDISCLI_AUTH"] = password });
        return result.Output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\$\{(?<name>\w+)(?<op>:[?-])(?<rest>[^}]*)\}")]
    private static partial Regex VariablePattern();
}
