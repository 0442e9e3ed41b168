using System.Diagnostics;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// Issue 16 §5: from a built tree, how long until the embedded default answers /health/ready.
/// Three ways of starting it, so the time splits into what the SDK spends (the up-to-date check of
/// `dotnet run`) and what the product spends (the host, the embedded silo, the dashboard):
/// the built dll, `dotnet run --no-build`, and `dotnet run` exactly as the README says. The same
/// `dotnet run` of an empty web app that answers /health/ready at once gives the SDK's floor on this
/// machine in the same run: what no host, however quick, can start under.
/// </summary>
public static class ColdStartScenario
{
    public const double TargetSeconds = 3.0;

    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(BenchOptions options)
    {
        var runs = options.Smoke ? 1 : 5;
        var project = Path.Combine(Repository.Root, "src", "Controller.Web");

        var floor = await EmptyWebAppAsync();

        // `dotnet run` builds Debug; build both untimed first so every timed start is "from a built tree".
        await RunToEndAsync("dotnet", ["build", project, "-v:q", "-nologo"]);
        await RunToEndAsync("dotnet", ["build", floor, "-v:q", "-nologo"]);

        var variants = new (string Name, string[] Arguments)[]
        {
            ("dotnet ScenarioEngine.Web.dll (Release)", [ProcessHost.WebDll]),
            ("dotnet run --no-build", ["run", "--project", project, "--no-build"]),
            ("dotnet run (README)", ["run", "--project", project]),
            ("dotnet run of an empty web app (the SDK's floor)", ["run", "--project", floor]),
        };

        var results = new List<ColdStartResult>();
        foreach (var (name, arguments) in variants)
        {
            var seconds = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                seconds.Add(await TimeUntilReadyAsync(arguments));
            }

            var median = seconds.Order().ElementAt(seconds.Count / 2);
            results.Add(new ColdStartResult(name, seconds.Select(s => Math.Round(s, 2)).ToList(), Math.Round(median, 2), median <= TargetSeconds, MachineInfo.LoadAverageNow()));
            Log.Line($"cold start, {name}: median {median:0.00} s over {runs} ({string.Join(", ", seconds.Select(s => s.ToString("0.00")))})");
        }

        return results;
    }

    /// <summary>
    /// A one-project web app with no references and one endpoint, written outside the repository so none of
    /// its build settings apply: what `dotnet run` costs before any of ScenarioEngine's own start.
    /// </summary>
    private static async Task<string> EmptyWebAppAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "scenarioengine-bench-empty-web-app");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "EmptyWebApp.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), """
            var app = WebApplication.Create(args);
            app.MapGet("/health/ready", () => "ready");
            app.Run();
            """);
        return directory;
    }

    private static async Task<double> TimeUntilReadyAsync(string[] arguments)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The standard variable (issue 12 made it outrank appsettings' default) puts it on a free port.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode} before it was ready");
                }

                try
                {
                    if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} was not ready within 120 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task RunToEndAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Repository.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with {process.ExitCode}");
        }
    }
}
