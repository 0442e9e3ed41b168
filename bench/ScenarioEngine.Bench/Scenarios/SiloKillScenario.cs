using System.Diagnostics;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// B5 (two silos, two web nodes) with an inject fired every 500 ms; one silo process is killed
/// (kill -9) mid-exercise. A fire that fails is retried, as a controller would. Measured: the time
/// from the kill until an inject again reaches every device, and whether any inject was lost or
/// shown twice once the devices have synced. Run with Orleans' default membership settings and
/// with tuned probes (ScenarioEngine__Membership__*).
/// </summary>
public static class SiloKillScenario
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static async Task<IReadOnlyList<SiloKillResult>> RunAsync(BenchOptions options)
    {
        var tuned = new Dictionary<string, string>
        {
            ["ScenarioEngine__Membership__ProbeTimeout"] = "00:00:01",
            ["ScenarioEngine__Membership__NumMissedProbesLimit"] = "3",
            ["ScenarioEngine__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        };
        return
        [
            await RunOnceAsync("Orleans default membership settings", null, options),
            await RunOnceAsync("tuned probes: ProbeTimeout 1 s, NumMissedProbesLimit 3", tuned, options),
        ];
    }

    private static async Task<SiloKillResult> RunOnceAsync(string settings, Dictionary<string, string>? extra, BenchOptions options)
    {
        var clients = options.Smoke ? 4 : 40;
        var injects = options.Smoke ? 30 : 90;
        await using var target = await EngineTarget.StartAsync("B5", Topology.Cluster, extra);
        var exercise = await target.CreateExerciseAsync(options.Teams, injects);
        var sessions = await target.JoinAsync(exercise, clients, options.Teams);
        var devices = await Task.WhenAll(sessions.Select((s, i) => ConnectWithRetries(target.WebNodes[i % target.WebNodes.Count], s)));
        try
        {
            var completeAt = new long[injects + 1];
            var retries = 0;
            var killAt = 0L;
            var killAfter = 10;
            var fires = new List<Task>();
            var start = Stopwatch.GetTimestamp() + OpenLoop.Ticks(TimeSpan.FromMilliseconds(100));
            var scheduled = new long[injects + 1];
            await OpenLoop.RunAsync(injects, Interval, start, (i, at) =>
            {
                var number = i + 1;
                scheduled[number] = at;
                if (i == killAfter)
                {
                    killAt = Stopwatch.GetTimestamp();
                    fires.Add(target.Silos[0].KillAsync());
                }

                fires.Add(FireUntilAccepted(target, number, () => Interlocked.Increment(ref retries)).ContinueWith(async _ =>
                {
                    await Wait.Until(() => devices.All(d => d.Held.Any(m => m.InjectNumber == number.ToString())), TimeSpan.FromSeconds(90))
                        .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    completeAt[number] = Stopwatch.GetTimestamp();
                }, TaskScheduler.Default).Unwrap());
            });
            await Task.WhenAll(fires).WaitAsync(TimeSpan.FromMinutes(3)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            // The first inject scheduled after the kill that reached everyone: from the kill to that moment.
            var flowing = Enumerable.Range(killAfter + 1, injects - killAfter).Where(n => completeAt[n] > 0).Select(n => completeAt[n]).DefaultIfEmpty(0).Min();
            foreach (var device in devices)
            {
                await device.SyncAsync();
            }

            var lost = devices.Sum(d => Enumerable.Range(1, injects).Count(n => d.Held.All(m => m.InjectNumber != n.ToString())));
            var twice = devices.Sum(d => d.Held.GroupBy(m => m.InjectNumber).Count(g => g.Count() > 1));
            var result = new SiloKillResult
            {
                Settings = settings,
                Clients = clients,
                SecondsUntilFlowingAgain = flowing == 0 ? double.NaN : Math.Round((flowing - killAt) / (double)Stopwatch.Frequency, 1),
                InjectsFired = injects,
                FireRetries = retries,
                Lost = lost,
                Duplicated = twice,
                LoadAverage = MachineInfo.LoadAverageNow(),
            };
            Log.Line($"silo kill ({settings}): flowing again after {result.SecondsUntilFlowingAgain} s, retries {retries}, lost {lost}, twice {twice}");
            return result;
        }
        finally
        {
            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }
    }

    // A fresh two-silo cluster refuses a few connections while its grain directory settles.
    private static async Task<DeviceClient> ConnectWithRetries(Uri node, Web.Auth.JoinResponse session)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeviceClient.ConnectAsync(node, session);
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task FireUntilAccepted(EngineTarget target, int number, Action onRetry)
    {
        var deadline = Stopwatch.GetTimestamp() + OpenLoop.Ticks(TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await target.FireAsync(number).WaitAsync(timeout.Token);
                return;
            }
            catch (Exception) when (Stopwatch.GetTimestamp() < deadline)
            {
                onRetry();
                await Task.Delay(Interval);
            }
        }
    }
}
