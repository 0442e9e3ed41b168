using System.Diagnostics;
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

        // Warm-up, not measured: the first responses of a fresh process pay for JIT and tiering on
        // both sides; they are stored and counted like the others.
        var warmup = Math.Min(rate, 1000);
        var warmupReceipts = await Task.WhenAll(Enumerable.Range(0, warmup).Select(n => Respond(hubs[n % hubs.Count], $"warmup-{n}")));

        var total = rate * options.ResponsesSeconds;
        var receipt = InjectTracker.NewHistogram();
        var receipted = 0;
        var failed = 0;
        long lastReceipt = 0;
        var pending = new List<Task>(total);
        var pids = target.Servers.Select(s => s.ProcessId ?? 0).Where(p => p > 0).ToList();
        var serverBefore = pids.Select(ProcessSample.Of).ToList();
        var clientBefore = ProcessSample.Self();

        // One slot per millisecond, each sending its share of the rate.
        var start = Stopwatch.GetTimestamp() + OpenLoop.Ticks(TimeSpan.FromMilliseconds(50));
        var sent = 0;
        var slots = options.ResponsesSeconds * 1000;
        await OpenLoop.RunAsync(slots, TimeSpan.FromMilliseconds(1), start, (slot, at) =>
        {
            var due = (int)((long)total * (slot + 1) / slots);
            for (; sent < due; sent++)
            {
                var n = sent;
                var hub = hubs[n % hubs.Count];
                pending.Add(Respond(hub, n).ContinueWith(t =>
                {
                    var now = Stopwatch.GetTimestamp();
                    if (t.IsCompletedSuccessfully && !t.Result.Duplicate)
                    {
                        lock (receipt)
                        {
                            receipt.RecordValue(InjectTracker.ToMicros(now - at));
                            receipted++;
                            lastReceipt = Math.Max(lastReceipt, now);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }, TaskScheduler.Default));
            }
        });
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
            StoredCount = stored.Count - warmup,
            ExactlyOnce = stored.Count == receipted + warmup && warmupReceipts.All(r => !r.Duplicate) && stored.Distinct == stored.Count && duplicates.All(d => d.Duplicate) && failed == 0,
            DuplicatesResent = resend,
            ServerCpuPercent = Math.Round(serverCpu, 1),
            ClientCpuPercent = clientCpu,
            LoadAverage = MachineInfo.LoadAverageNow(),
        };
        Log.Line($"{target.Name} responses at {rate}/s offered: {result.StoredPerSecond}/s stored, receipt p99 {result.Receipt.P99} ms, failed {failed}, stored {stored.Count}, exactly once: {result.ExactlyOnce}");
        return result;
    }

    private static Task<ResponseReceipt> Respond(HubClient hub, int n) => Respond(hub, $"bench-{n}");

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
