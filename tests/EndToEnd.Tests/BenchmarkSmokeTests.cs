using System.Diagnostics;
using System.Text.Json;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>
/// The benchmark is not a test, but it must keep working: CI runs its smoke size (N = 20, one short
/// run of B0, B1, B3 and B4) and checks that it wrote a result with every inject delivered.
/// </summary>
[Collection(Name)]
public sealed class BenchmarkSmokeTests
{
    public const string Name = "benchmark smoke";

    [Fact]
    public async Task Benchmark_smoke_run_writes_a_result_file_with_every_inject_delivered()
    {
        var output = Directory.CreateTempSubdirectory("scenarioengine-bench-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { BenchDll(), "--smoke", "--out", output },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{await stdout}\n{await stderr}");
            var result = Path.Combine(output, "smoke.json");
            Assert.True(File.Exists(result), await stdout);
            Assert.True(File.Exists(Path.Combine(output, "smoke.md")));

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result));
            var fanout = json.RootElement.GetProperty("fanout").EnumerateArray().ToList();
            Assert.Equal(["B0", "B1", "B3", "B4"], fanout.Select(f => f.GetProperty("target").GetString()));
            Assert.All(fanout, f => Assert.Equal(0, f.GetProperty("missing").GetInt32()));
            Assert.All(json.RootElement.GetProperty("responses").EnumerateArray(), r => Assert.True(r.GetProperty("exactlyOnce").GetBoolean()));
            Assert.All(json.RootElement.GetProperty("resync").EnumerateArray(), r => Assert.True(r.GetProperty("allHeld").GetBoolean()));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string BenchDll()
    {
        // Tests run from tests/X/bin/<Configuration>/<tfm>/; the harness sits in bench/ScenarioEngine.Bench/bin/<Configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ScenarioEngine.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "bench", "ScenarioEngine.Bench", "bin", testOutput.Parent!.Name, testOutput.Name, "ScenarioEngine.Bench.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the benchmark first: {path} is missing.", path);
    }
}

/// <summary>The smoke run loads both cores for half a minute: it runs alone, not beside the timing-sensitive fault tests.</summary>
[CollectionDefinition(BenchmarkSmokeTests.Name, DisableParallelization = true)]
public sealed class BenchmarkSmokeCollection;
