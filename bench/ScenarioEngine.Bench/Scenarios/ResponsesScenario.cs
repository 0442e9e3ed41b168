using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;
using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;
using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// Devices answer an inject at a fixed offered rate (open loop, spread evenly over the clients);
/// each response must be stored once before its receipt comes back. Afterwards 1% are sent again
/// (a phone retrying) and the stored responses are counted through the API: exactly once each.
/// </summary>
public static class ResponsesScenario
{
    public static async Task<ResponsesResult> RunAsync(EngineTarget target, int rate, BenchOptions options)
    {
        var clients = options.ResponsesClients;
        var endpoints = await target.PrepareAsync(clients, options.Teams, injects: 1, ClientKind.HubJson);
        var exercise = target.ExerciseId;
        await using var pool = await ClientPool.ConnectAsync(endpoints, ClientKind.HubJson, (_, _, _, _) => { });
        var hubs = pool.Clients.Cast<HubClient>().Where(c => c.IsOpen).ToList();
        await target.FireAsync(1);
        await Task.Delay(500);

        // Warm-up, not measured, at the offered rate itself. A fresh server pays for JIT and tiered PGO
        // for its first ~25 s at 5,000/s on two cores (receipt p99 0.9–1.4 s per second sent, then
        // 20–60 ms; bench/README.md), so a shorter warm-up measured the warm-up. Its p99 is reported;
        // its responses are stored and counted like the others.
        var warmupReceipt = InjectTracker.NewHistogram();
        var warmupReceipts = options.ResponsesWarmupSeconds > 0
            ? await SendAtRateAsync(hubs, rate, options.ResponsesWarmupSeconds, "warmup", (at, now, answer) =>
            {
                lock (warmupReceipt)
                {
                    warmupReceipt.RecordValue(InjectTracker.ToMicros(now - at));
                }
            })
            : await Task.WhenAll(Enumerable.Range(0, Math.Min(rate, 1000)).Select(async n => (ResponseReceipt?)await Respond(hubs[n % hubs.Count], $"warmup-{n}")));
        var warmup = warmupReceipts.Length;

        var total = rate * options.ResponsesSeconds;
        var receipt = InjectTracker.NewHistogram();
        var perSecond = new Dictionary<int, LongHistogram>();
        var receipted = 0;
        long lastReceipt = 0;
        var pids = target.Servers.Select(s => s.ProcessId ?? 0).Where(p => p > 0).ToList();
        var serverBefore = pids.Select(ProcessSample.Of).ToList();
        var clientBefore = ProcessSample.Self();
        var start = Stopwatch.GetTimestamp();
        var measured = await SendAtRateAsync(hubs, rate, options.ResponsesSeconds, "bench", (at, now, answer) =>
        {
            if (answer is { Duplicate: false })
            {
                lock (receipt)
                {
                    var micros = InjectTracker.ToMicros(now - at);
                    receipt.RecordValue(micros);
                    var second = (int)((at - start) / Stopwatch.Frequency);
                    if (!perSecond.TryGetValue(second, out var histogram))
                    {
                        perSecond[second] = histogram = InjectTracker.NewHistogram();
                    }

                    histogram.RecordValue(micros);
                    receipted++;
                    lastReceipt = Math.Max(lastReceipt, now);
                }
            }
        });
        var failed = measured.Count(r => r is null or { Duplicate: true });
        var secondP99s = perSecond.OrderBy(p => p.Key).Select(p => LatencySummary.From(p.Value).P99).ToList();
        var serverCpu = pids.Select((p, i) => ProcessSample.CpuPercent(serverBefore[i], ProcessSample.Of(p))).Sum();
        var clientCpu = ProcessSample.CpuPercent(clientBefore, ProcessSample.Self());

        // A phone that lost the receipt sends again: the receipt must say duplicate, and nothing new is stored.
        var resend = Math.Max(1, total / 100);
        var duplicates = await Task.WhenAll(Enumerable.Range(0, resend).Select(n => Respond(hubs[n % hubs.Count], n)));
        var stored = await CountStoredAsync(target, exercise, options.Teams);
        var seconds = (lastReceipt - start) / (double)Stopwatch.Frequency;
        var result = new ResponsesResult
        {
            Target = target.Name,
            OfferedPerSecond = rate,
            Sent = total,
            Receipted = receipted,
            Failed = failed,
            StoredPerSecond = seconds > 0 ? Math.Round(receipted / seconds) : 0,
            Receipt = LatencySummary.From(receipt),
            WarmupSeconds = options.ResponsesWarmupSeconds,
            WarmupP99 = LatencySummary.From(warmupReceipt).P99,
            WorstSecondP99 = secondP99s.DefaultIfEmpty(0).Max(),
            StoredCount = stored.Count - warmup,
            ExactlyOnce = stored.Count == receipted + warmup && warmupReceipts.All(r => r is { Duplicate: false }) && stored.Distinct == stored.Count && duplicates.All(d => d.Duplicate) && failed == 0,
            DuplicatesResent = resend,
            ServerCpuPercent = Math.Round(serverCpu, 1),
            ClientCpuPercent = clientCpu,
            LoadAverage = MachineInfo.LoadAverageNow(),
        };
        Log.Line($"{target.Name} receipt p99 by second sent (ms): {string.Join(" ", secondP99s.Select(p => p.ToString("F0", CultureInfo.InvariantCulture)))}");
        Log.Line($"{target.Name} responses at {rate}/s offered: {result.StoredPerSecond}/s stored, receipt p99 {result.Receipt.P99} ms, failed {failed}, stored {stored.Count}, exactly once: {result.ExactlyOnce}");
        return result;
    }

    private static Task<ResponseReceipt> Respond(HubClient hub, int n) => Respond(hub, $"bench-{n}");

    /// <summary>
    /// Sends rate × seconds responses open loop, one slot per millisecond each sending its share, spread
    /// over the clients; <paramref name="answered"/>(scheduled, receipted, receipt or null when the call
    /// failed) runs as each answer comes. Returns every receipt, null for a failed call.
    /// </summary>
    private static async Task<ResponseReceipt?[]> SendAtRateAsync(
        IReadOnlyList<HubClient> hubs, int rate, int seconds, string prefix, Action<long, long, ResponseReceipt?> answered)
    {
        var total = rate * seconds;
        var pending = new List<Task<ResponseReceipt?>>(total);
        var start = Stopwatch.GetTimestamp() + OpenLoop.Ticks(TimeSpan.FromMilliseconds(50));
        var sent = 0;
        var slots = seconds * 1000;
        await OpenLoop.RunAsync(slots, TimeSpan.FromMilliseconds(1), start, (slot, at) =>
        {
            var due = (int)((long)total * (slot + 1) / slots);
            for (; sent < due; sent++)
            {
                pending.Add(Respond(hubs[sent % hubs.Count], $"{prefix}-{sent}").ContinueWith(t =>
                {
                    var answer = t.IsCompletedSuccessfully ? t.Result : null;
                    answered(at, Stopwatch.GetTimestamp(), answer);
                    return answer;
                }, TaskScheduler.Default));
            }
        });
        await ((Task)Task.WhenAll(pending)).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return pending.Select(t => t.IsCompletedSuccessfully ? t.Result : null).ToArray();
    }

    private static Task<ResponseReceipt> Respond(HubClient hub, string responseId) =>
        hub.Connection.InvokeAsync<ResponseReceipt>("Respond", new ResponseSubmission { ResponseId = responseId, Sequence = 1, Text = "Seen the van; plate K 123 AB." });

    /// <summary>Reads every stored response back through the controller API (from Redis in B4, memory in B3).</summary>
    private static async Task<(int Count, int Distinct)> CountStoredAsync(EngineTarget target, string exercise, int teams)
    {
        var ids = new List<string>();
        for (var t = 0; t < teams; t++)
        {
            var after = 0L;
            ResponsePage? page;
            do
            {
                page = await target.Controller.Http.GetFromJsonAsync<ResponsePage>(
                    $"/api/exercises/{exercise}/teams/{Payload.TeamId(t)}/responses?after={after}", WebNode.Json);
                ids.AddRange(page?.Responses.Select(r => r.ResponseId) ?? []);
                after = page?.Next ?? after;
            }
            while (page is { HasMore: true });
        }

        return (ids.Count, ids.Distinct().Count());
    }
}
