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

            await The_regression_guard_flags_a_slower_run_and_passes_the_same_run(result, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>
    /// The event-queries scenario (issue 16 §5) at a size CI can afford: every hold and release it
    /// makes is in the log it then queries, and each query was answered as often as it was asked.
    /// </summary>
    [Fact]
    public async Task Event_queries_smoke_run_queries_a_log_holding_every_event_it_made()
    {
        var output = Directory.CreateTempSubdirectory("scenarioengine-bench-").FullName;
        try
        {
            var run = await RunBench(TimeSpan.FromSeconds(150), "--smoke", "--scenario", "event-queries", "--events", "300", "--out", output);
            Assert.True(run.ExitCode == 0, run.Stdout);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "smoke.json")));
            var queries = json.RootElement.GetProperty("eventQueries").EnumerateArray().ToList();
            Assert.Equal(3, queries.Count);
            Assert.All(queries, q =>
            {
                Assert.Equal("B4", q.GetProperty("target").GetString());
                // 300 holds and releases, plus the exercise's own "created".
                Assert.Equal(301, q.GetProperty("events").GetInt64());
                Assert.Equal(50, q.GetProperty("latency").GetProperty("count").GetInt64());
            });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>
    /// The control-room scenario (issue 16 §1) at its smoke size: 20 raw devices, a baseline step
    /// with no page and one with a real Chromium page on the timeline; the page saw every inject fired
    /// in the measured window, and the figures the report needs are there.
    /// </summary>
    [Fact]
    public async Task Control_room_smoke_run_has_a_page_that_saw_every_fired_inject()
    {
        var output = Directory.CreateTempSubdirectory("scenarioengine-bench-").FullName;
        try
        {
            var run = await RunBench(TimeSpan.FromSeconds(150), "--smoke", "--scenario", "control-room", "--pages", "0,1", "--out", output);
            Assert.True(run.ExitCode == 0, run.Stdout);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "smoke.json")));
            var steps = json.RootElement.GetProperty("controlRoom").EnumerateArray().ToList();
            Assert.Equal([0, 1], steps.Select(s => s.GetProperty("pages").GetInt32()));
            Assert.All(steps, s =>
            {
                Assert.Equal("B3", s.GetProperty("target").GetString());
                Assert.Equal(20, s.GetProperty("open").GetInt32());
                Assert.Equal(0, s.GetProperty("fireErrors").GetInt32());
                Assert.True(s.GetProperty("webCpuPercent").GetDouble() > 0);
                Assert.True(s.GetProperty("responsesPerSecond").GetDouble() > 0);
            });
            Assert.Empty(steps[0].GetProperty("perPage").EnumerateArray());
            var page = Assert.Single(steps[1].GetProperty("perPage").EnumerateArray());
            Assert.Equal("timeline", page.GetProperty("view").GetString());
            Assert.Equal(0, page.GetProperty("missing").GetInt32());
            Assert.Equal(steps[1].GetProperty("injects").GetInt32(), page.GetProperty("shown").GetInt32());
            Assert.True(steps[1].GetProperty("injects").GetInt32() >= 3);
            Assert.Contains("The control room at scale", await File.ReadAllTextAsync(Path.Combine(output, "smoke.md")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>
    /// `--compare` on the smoke run's own result: against itself every ratio is 1 and nothing is
    /// flagged; against a copy whose B3 p99 is three times higher that figure is flagged and
    /// `--fail-on-regression` exits 3. (Part of the smoke test so it needs no second benchmark run.)
    /// </summary>
    private static async Task The_regression_guard_flags_a_slower_run_and_passes_the_same_run(string result, string output)
    {
        var same = await RunBench("--compare", result, "--against", result, "--fail-on-regression");
        Assert.Equal(0, same.ExitCode);
        Assert.Matches(@"\b0 of \d+ figures worse", same.Stdout);
        Assert.Contains("| fanout[B3 json", same.Stdout);

        var slower = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(result))!;
        var b3 = slower["fanout"]!.AsArray().Single(f => (string?)f!["target"] == "B3")!;
        var p99 = (double)b3["median"]!["p99"]!;
        b3["median"]!["p99"] = p99 * 3 + 1;
        var slowerFile = Path.Combine(output, "slower.json");
        await File.WriteAllTextAsync(slowerFile, slower.ToJsonString());

        var compared = await RunBench("--compare", result, "--against", slowerFile, "--fail-on-regression");
        Assert.Equal(3, compared.ExitCode);
        var line = compared.Stdout.Split('\n').Single(l => l.StartsWith("| fanout[B3 json", StringComparison.Ordinal) && l.Contains("].median.p99 |", StringComparison.Ordinal));
        Assert.Contains("⚠ worse", line);
        Assert.Matches(@"\b1 of \d+ figures worse", compared.Stdout);
    }

    private static Task<(int ExitCode, string Stdout)> RunBench(params string[] arguments) => RunBench(TimeSpan.FromSeconds(60), arguments);

    private static async Task<(int ExitCode, string Stdout)> RunBench(TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BenchDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
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
