using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using ScenarioEngine.Bench.Scenarios;

namespace ScenarioEngine.Bench.Report;

/// <summary>Writes results/&lt;name&gt;.json and .md, and copies them to latest.* unless this was a smoke run.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<string> WriteAsync(BenchReport report, string folder, string name, bool latest)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, $"{name}.json");
        var markdown = Path.Combine(folder, $"{name}.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        await File.WriteAllTextAsync(markdown, Markdown(report));
        if (latest)
        {
            File.Copy(json, Path.Combine(folder, "latest.json"), overwrite: true);
            File.Copy(markdown, Path.Combine(folder, "latest.md"), overwrite: true);
        }

        return json;
    }

    public static string Markdown(BenchReport report)
    {
        var md = new StringBuilder();
        var m = report.Machine;
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {report.StartedAt:yyyy-MM-dd HH:mm} UTC: `{report.Command}`  ")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cores} cores ({m.CpuModel}), {m.MemoryGiB} GiB, Linux {m.Kernel}, {m.Runtime}; load average at start {m.LoadAverage}, at end {report.LoadAverageAtEnd}. ")
            .AppendLine(CultureInfo.InvariantCulture, $"Payload: {report.PayloadBytes} bytes of JSON per push. ScenarioEngine's devices confirm pushes {report.Receipts}. Clients and servers on the same machine, all traffic on 127.0.0.x.")
            .AppendLine();

        if (report.Fanout.Count > 0)
        {
            md.AppendLine("### Fire-to-received latency (ms, median of runs; open loop, from the scheduled fire time)").AppendLine()
                .AppendLine("| target | protocol | clients | N | p50 | p95 | p99 | max | last client p99 | p99 ÷ B1 | missing | drops | server CPU % | client CPU % | RSS KiB/conn | GC heap KiB/conn | connect s | load |")
                .AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var f in report.Fanout)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {f.Target} | {f.Protocol} | {f.Clients} | {f.Connections} | {f.Median.P50} | {f.Median.P95} | {f.Median.P99} | {f.Median.Max} | {f.MedianLastClient.P99} | {Ratio(f.P99RatioToB1)} | {f.Missing} | {f.Connected - f.OpenAtEnd} | {f.ServerCpuPercent}{(f.ServerCpuPercentEach.Count > 1 ? " (" + string.Join(" + ", f.ServerCpuPercentEach.Select(c => c.ToString(CultureInfo.InvariantCulture))) + ")" : string.Empty)}{(f.Pinned is { } pin ? " pinned " + pin : string.Empty)} | {f.ClientCpuPercent} | {f.WorkingSetPerConnectionKiB} | {f.GcHeapPerConnectionKiB?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {f.ConnectSeconds} | {f.LoadAverage} |");
            }

            md.AppendLine();
        }

        foreach (var r in report.RedisFloor)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Redis floor ({r.Method}): p50 {r.Latency.P50} ms, p99 {r.Latency.P99} ms, max {r.Latency.Max} ms{(r.Note is null ? "" : $" — {r.Note}")}.  ");
        }

        if (report.Responses.Count > 0)
        {
            md.AppendLine().AppendLine("### Responses stored once, then receipted").AppendLine()
                .AppendLine("| target | offered /s | sent | receipted | failed | stored /s | receipt p50 | p99 | max | worst 1-s p99 | warm-up s | warm-up p99 | stored (counted) | exactly once | server CPU % | client CPU % | load |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|");
            foreach (var r in report.Responses)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Target} | {r.OfferedPerSecond} | {r.Sent} | {r.Receipted} | {r.Failed} | {r.StoredPerSecond} | {r.Receipt.P50} | {r.Receipt.P99} | {r.Receipt.Max} | {r.WorstSecondP99} | {r.WarmupSeconds} | {r.WarmupP99} | {r.StoredCount} | {(r.ExactlyOnce ? "yes" : "NO")} ({r.DuplicatesResent} resent) | {r.ServerCpuPercent} | {r.ClientCpuPercent} | {r.LoadAverage} |");
            }

            // What fsync on every write costs, as ratios measured in this run (deploy/ runs Redis with appendfsync always).
            foreach (var always in report.Responses.Where(r => r.Target == "B4A"))
            {
                if (report.Responses.FirstOrDefault(r => r.Target == "B4" && r.OfferedPerSecond == always.OfferedPerSecond) is { } everysec)
                {
                    md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                        $"appendfsync always ÷ everysec at {always.OfferedPerSecond}/s offered: receipt p50 {Ratio(always.Receipt.P50 / everysec.Receipt.P50)}, p99 {Ratio(always.Receipt.P99 / everysec.Receipt.P99)}, stored/s {Ratio(always.StoredPerSecond / everysec.StoredPerSecond)}.");
                }
            }
        }

        if (report.Resync.Count > 0 || report.Activations.Count > 0)
        {
            md.AppendLine().AppendLine("### Resync and activations").AppendLine();
            foreach (var r in report.Resync)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Target}: a device that missed {r.Missed} injects held them all {r.MedianMilliseconds} ms (median; runs {string.Join(", ", r.Milliseconds)} ms) after it began to reconnect; all held: {(r.AllHeld ? "yes" : "NO")}; load {r.LoadAverage}.");
            }

            foreach (var a in report.Activations)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {a.Target}: one inject to {a.Grains} cold team mailboxes took {a.FireSeconds} s = {a.MailboxActivationsPerSecond} mailbox activations (with their first append) per second; creating the exercise (one join-code grain per team) took {a.CreateSeconds} s; Orleans counted {a.OrleansActivationsCounted?.ToString(CultureInfo.InvariantCulture) ?? "–"} activations; load {a.LoadAverage}.");
            }
        }

        foreach (var s in report.SlowConsumer)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Slow consumer ({s.Target}, {s.Clients} clients, {s.Stalled} stop reading): healthy clients' p99 {s.Before.P99} → {s.During.P99} ms (×{s.P99Ratio}), missing {s.MissingAtHealthy}; server RSS {s.WorkingSetBeforeMiB} → {s.WorkingSetAfterMiB} MiB, GC heap {s.GcHeapBeforeMiB} → {s.GcHeapAfterMiB} MiB; the server closed {s.ServerClosedStalled?.ToString(CultureInfo.InvariantCulture) ?? "–"} of the stalled connections (SignalR's 30 s client timeout); load {s.LoadAverage}.");
        }

        foreach (var f in report.Flood)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Flood from one device ({f.Target}, {f.Clients} other clients): their p99 {f.Before.P99} → {f.During.P99} ms (×{f.P99Ratio}), missing {f.MissingDuring}; the flooder got {f.ConnectionsAccepted} connections ({f.ConnectionsRefused} refused), {f.HubCallsServed} hub calls served and {f.HubCallsRefused} refused, {f.RestServed} REST calls served and {f.RestRefused} refused; load {f.LoadAverage}.");
        }

        foreach (var s in report.Soak)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Soak ({s.Target}): {s.Connected}/{s.Connections} connections held {s.Minutes} min, drops {s.Drops}, {s.InjectsFired} injects, missing {s.Missing}, p99 {s.Latency.P99} ms; GC heap {s.GcHeapPerConnectionKiB} KiB/conn, RSS {s.WorkingSetPerConnectionKiB} KiB/conn; server CPU {s.ServerCpuPercent} %, client CPU {s.ClientCpuPercent} %; load {s.LoadAverage}.");
        }

        foreach (var s in report.SiloKill)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Silo killed ({s.Settings}, {s.Clients} clients): injects flowed again after {s.SecondsUntilFlowingAgain} s; {s.InjectsFired} injects, {s.FireRetries} fire retries, lost {s.Lost}, shown twice {s.Duplicated}; load {s.LoadAverage}.");
        }

        if (report.ColdStart.Count > 0)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### Cold start to /health/ready (target ≤ {ColdStartScenario.TargetSeconds} s from a built tree)").AppendLine()
                .AppendLine("| started with | median s | runs s | target | load |")
                .AppendLine("|---|---:|---|---|---|");
            foreach (var c in report.ColdStart)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {c.Method} | {c.MedianSeconds} | {string.Join(", ", c.Seconds)} | {(c.TargetMet ? "met" : "missed")} | {c.LoadAverage} |");
            }
        }

        if (report.EventQueries.Count > 0)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### Event log and timeline queries (target p95 ≤ {EventQueriesScenario.TargetP95Milliseconds} ms)").AppendLine()
                .AppendLine("| target | query | events in the log | p50 ms | p95 ms | max ms | asks | target | load |")
                .AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
            foreach (var q in report.EventQueries)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {q.Target} | {q.Query} | {q.Events:N0} | {q.Latency.P50} | {q.Latency.P95} | {q.Latency.Max} | {q.Latency.Count} | {(q.TargetMet ? "met" : "missed")} | {q.LoadAverage} |");
            }
        }

        foreach (var a in report.Aar)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                    $"### After-action review (issue 13 §8): {a.Days} days, {a.Injects} injects, {a.Teams} teams, {a.Devices} devices, {a.Responses} responses, {a.Observations} observations").AppendLine()
                .AppendLine("| step | median ms | CPU ms | runs ms | target ms | ÷ target | | load |")
                .AppendLine("|---|---:|---:|---|---:|---:|---|---|");
            foreach (var s in a.Steps)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Method} | {s.MedianMilliseconds} | {s.MedianCpuMilliseconds} | {string.Join(", ", s.Runs)} | {s.TargetMilliseconds} | {Ratio(s.RatioToTarget)} | {(s.Judged ? s.Met ? "met" : "**missed**" : "smoke size, not judged")} | {s.LoadAverage} |");
            }
        }

        foreach (var table in report.HeapByType)
        {
            md.AppendLine().AppendLine(table);
        }

        if (report.ControlRoom.Count > 0)
        {
            var first = report.ControlRoom[0];
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                    $"### The control room at scale (issue 16 §1): {first.Devices:N0} devices in {first.Teams} teams, an inject to all every {ControlRoomScenario.InjectIntervalMs / 1000} s, K pages (targets: p95 ≤ {ControlRoomScenario.TargetP95Milliseconds} ms per page; circuits ≤ {ControlRoomScenario.TargetCircuitCpuPercent}% of one core)").AppendLine()
                .AppendLine("| K pages | page | view | shown | missing | p50 ms | p95 ms | max ms | longest task ms | web CPU % | circuits CPU % (K − 0) | alloc MiB/s | responses/s | p95 | CPU | load |")
                .AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
            foreach (var r in report.ControlRoom)
            {
                string Judge(bool met) => r.Judged ? met ? "met" : "**missed**" : "smoke size, not judged";
                var cpu = r.Pages == 0 ? "baseline" : r.CircuitCpuPercent is { } c ? Judge(c <= ControlRoomScenario.TargetCircuitCpuPercent) : "–";
                if (r.PerPage.Count == 0)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Pages} | – | – | | | | | | | {r.WebCpuPercent} | – | {r.AllocatedMiBPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {r.ResponsesPerSecond} | | {cpu} | {r.LoadAverage} |");
                }

                for (var i = 0; i < r.PerPage.Count; i++)
                {
                    var p = r.PerPage[i];
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {r.Pages} | {i + 1} | {p.View} | {p.Shown} | {p.Missing} | {p.P50} | {p.P95} | {p.Max} | {p.LongestTaskMs} | {r.WebCpuPercent} | {r.CircuitCpuPercent?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {r.AllocatedMiBPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {r.ResponsesPerSecond} | {Judge(p.Missing == 0 && p.P95 <= ControlRoomScenario.TargetP95Milliseconds)} | {cpu} | {r.LoadAverage} |");
                }
            }
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("Notes:").AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return md.ToString();
    }

    private static string Ratio(double? ratio) => ratio is { } r && double.IsFinite(r) ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";
}
