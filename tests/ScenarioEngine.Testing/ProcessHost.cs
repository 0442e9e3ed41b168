using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScenarioEngine.Testing;

/// <summary>
/// One of ScenarioEngine's programs as its own OS process (`dotnet X.dll`), for tests of what
/// crosses process boundaries: cluster mode, restarts, kills. Killed by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ProcessStartInfo _start;
    private Process? _process;

    private readonly Func<HttpMessageHandler> _readinessHandler;

    private ProcessHost(ProcessStartInfo start, Uri baseAddress, Func<HttpMessageHandler>? readinessHandler = null)
    {
        _start = start;
        BaseAddress = baseAddress;
        _readinessHandler = readinessHandler ?? (() => new HttpClientHandler());
    }

    public Uri BaseAddress { get; }

    /// <summary>The OS process id while it runs (the benchmark reads its CPU time and memory from /proc).</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>What the process printed, for the failure message when it does not become ready.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static string SiloDll => BuiltDll("Orleans.Silo", "ScenarioEngine.Silo.dll");

    public static string WebDll => BuiltDll("Controller.Web", "ScenarioEngine.Web.dll");

    /// <summary>Starts <paramref name="dll"/> listening on a free port and waits until /health/ready says so.</summary>
    public static async Task<ProcessHost> StartAsync(string dll, IDictionary<string, string> environment, int? port = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? FreePort.Next()}");
        var host = new ProcessHost(StartInfo(dll, environment, "--urls", baseAddress.ToString().TrimEnd('/')), baseAddress);
        await host.StartProcessAsync();
        return host;
    }

    /// <summary>
    /// Starts <paramref name="dll"/> with no --urls, so it listens where <paramref name="environment"/>
    /// says (ASPNETCORE_URLS, Kestrel__Endpoints…), and waits until <paramref name="readyAt"/>/health/ready
    /// answers through a client made by <paramref name="handler"/> (e.g. one that trusts a test CA).
    /// </summary>
    public static async Task<ProcessHost> StartBoundByEnvironmentAsync(string dll, IDictionary<string, string> environment, Uri readyAt, Func<HttpMessageHandler>? handler = null)
    {
        var host = new ProcessHost(StartInfo(dll, environment), readyAt, handler);
        await host.StartProcessAsync();
        return host;
    }

    private static ProcessStartInfo StartInfo(string dll, IDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The test process's own binding must not leak into the child's.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "URLS" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Ends the process at once, as a crash or `kill -9` would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the same program again with the same port and settings.</summary>
    public Task RestartAsync() => KillAsync().ContinueWith(_ => StartProcessAsync()).Unwrap();

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task StartProcessAsync()
    {
        _process = Process.Start(_start) ?? throw new InvalidOperationException($"Could not start {_start.ArgumentList[0]}.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReady();
    }

    private async Task WaitUntilReady()
    {
        using var http = new HttpClient(_readinessHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // An Orleans host sometimes takes ~13 s to start on this machine (see TOOLCHAIN.md); allow plenty.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{_start.ArgumentList[0]} exited before it was ready:{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{_start.ArgumentList[0]} was not ready within 90 s:{Environment.NewLine}{Output}");
    }

    private static string BuiltDll(string project, string dll)
    {
        // Tests run from tests/X/bin/<Configuration>/<tfm>/: the programs sit in src/<project>/bin/<Configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(Repository.Root, "src", project, "bin", configuration, framework, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first: {path} is missing.", path);
    }
}
