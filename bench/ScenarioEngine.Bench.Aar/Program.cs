using System.Diagnostics;
using System.Globalization;
using ScenarioEngine.Reports.Aar;
using ScenarioEngine.Reports.Tests;

// Issue 13's scale: 5 days, 300 injects, 30 teams, 300 devices, 5,000 responses, 2,000 observations.
var logs = SyntheticExercise.Create(ScenarioLoader.LoadSample() with { Teams = [] }, injects: 300, teams: 30, devices: 300, responses: 5_000, observations: 2_000, days: 5);
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;

// With a folder as the second argument the English and Russian DOCX are written there to look at (docs/screenshots is made from one).
if (args.Length > 1)
{
    Directory.CreateDirectory(args[1]);
    foreach (var language in new[] { "en", "ru" })
    {
        File.WriteAllBytes(Path.Combine(args[1], $"aar-{language}.docx"), AarDocx.Write(AarReport.From(logs), language));
    }
}
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; logs: {logs.Events.Count} events, {logs.Deliveries.Sum(d => d.Deliveries.Count)} deliveries, {logs.Responses.Sum(r => r.Responses.Count)} responses, {logs.Observations.Count} observations");

// The first run pays for JIT and font loading; it is reported but not counted.
for (var run = 0; run <= runs; run++)
{
    // CPU time as well as wall time: on a shared machine the wall time mostly measures the queue for a core.
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var total = Stopwatch.StartNew();
    var report = AarReport.From(logs);
    var metrics = total.Elapsed;
    var docx = AarDocx.Write(report, "ru");
    var afterDocx = total.Elapsed;
    var xlsx = AarXlsx.Write(report, "en");
    var afterXlsx = total.Elapsed;
    var json = AarJson.Write(report);
    total.Stop();
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(run == 0 ? "warm-up" : $"run {run}")}: total {total.Elapsed.TotalMilliseconds:0} ms wall, {cpuUsed.TotalMilliseconds:0} ms CPU (metrics {metrics.TotalMilliseconds:0}, docx {(afterDocx - metrics).TotalMilliseconds:0}, xlsx {(afterXlsx - afterDocx).TotalMilliseconds:0}, json {(total.Elapsed - afterXlsx).TotalMilliseconds:0}); docx {docx.Length / 1024} KiB, xlsx {xlsx.Length / 1024} KiB, json {json.Length / 1024} KiB"));
}
