using System.Diagnostics;
using StackExchange.Redis;

namespace ScenarioEngine.Testing;

/// <summary>
/// A real redis-server process on 127.0.0.1 and a free port, with AOF on in a temporary folder,
/// stopped and removed by <see cref="DisposeAsync"/>. Restarting keeps the data, as in production.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("scenarioengine-redis-").FullName;
    private Process? _process;

    private readonly string _appendFsync;
    private readonly string? _password;

    private RedisServer(int port, string appendFsync, string? password)
    {
        Port = port;
        _appendFsync = appendFsync;
        _password = password;
    }

    public int Port { get; }

    /// <summary>What the apps are given as ConnectionStrings:Redis (with the password when the server requires one).</summary>
    public string ConnectionString => _password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={_password}";

    /// <summary>
    /// Starts redis-server. Tests fsync every write (<c>always</c>, as deploy/ runs it) so a kill loses
    /// nothing; the benchmark compares it with <c>everysec</c>, redis' default. With
    /// <paramref name="password"/>, clients must authenticate (<c>requirepass</c>, as in deploy/).
    /// </summary>
    public static async Task<RedisServer> StartAsync(string appendFsync = "always", string? password = null)
    {
        var server = new RedisServer(FreePort.Next(), appendFsync, password);
        await server.StartProcessAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process; the temp folder is cleaned by the OS later.
        }
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(FindRedisServer())
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dataDirectory, "--appendonly", "yes", "--appendfsync", _appendFsync, "--save", "", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (_password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(_password);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnswering();
    }

    private async Task WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500,abortConnect=true");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(50);
            }
        }
    }

    private static string FindRedisServer()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "redis-server is not installed. Run ./test.sh, which installs it, or `apt-get install redis-server`.");
    }
}
