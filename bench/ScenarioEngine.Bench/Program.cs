using System.Text.Json;
using ScenarioEngine.Bench;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Servers;

// Serve mode: this same program is the B0/B1 baseline server, started by the harness as its own process.
if (Environment.GetEnvironmentVariable(BaselineServer.ModeVariable) is { Length: > 0 })
{
    await BaselineServer.RunAsync(args);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options is { Compare: { } earlierFile, Against: { } laterFile })
{
    return await CompareAsync(earlierFile, laterFile, markdownOut: null);
}

var report = new BenchReport { Machine = MachineInfo.Read(), Command = "ScenarioEngine.Bench " + string.Join(' ', args), Receipts = options.Receipts.ToString() };
Log.Line($"{report.Machine.Cores} cores, {report.Machine.CpuModel}, {report.Machine.MemoryGiB} GiB; load average {report.Machine.LoadAverage}");
await using (var runner = new Runner(options, report))
{
    await runner.RunAsync();
}

report.FinishedAt = DateTimeOffset.UtcNow;
report.LoadAverageAtEnd = MachineInfo.LoadAverageNow();
var name = options.Smoke ? "smoke" : $"{report.StartedAt:yyyyMMdd-HHmm}-{options.Scenario}";
var written = await ReportWriter.WriteAsync(report, options.Out, name, latest: !options.Smoke && options.Scenario == "standard");
Console.WriteLine(ReportWriter.Markdown(report));
Log.Line($"wrote {written}");
return options.Compare is { } earlier ? await CompareAsync(earlier, written, Path.ChangeExtension(written, ".md")) : 0;

async Task<int> CompareAsync(string earlierFile, string laterFile, string? markdownOut)
{
    using var earlier = JsonDocument.Parse(await File.ReadAllTextAsync(earlierFile));
    using var later = JsonDocument.Parse(await File.ReadAllTextAsync(laterFile));
    var figures = Comparison.Compare(earlier.RootElement, later.RootElement);
    var table = Comparison.Markdown(figures, Path.GetFileName(earlierFile), options.Tolerance);
    Console.WriteLine(table);
    if (markdownOut is not null)
    {
        await File.AppendAllTextAsync(markdownOut, Environment.NewLine + table);
    }

    return options.FailOnRegression && figures.Any(f => f.IsRegression(options.Tolerance)) ? 3 : 0;
}
