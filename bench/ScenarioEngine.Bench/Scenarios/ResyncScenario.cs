using System.Diagnostics;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>A device goes offline, 100 injects fire, it reconnects: how long until it holds all of them (and has said so).</summary>
public static class ResyncScenario
{
    public const int Missed = 100;

    public static async Task<ResyncResult> RunAsync(EngineTarget target, BenchOptions options)
    {
        var rounds = options.Smoke ? 1 : 3;
        var exercise = await target.CreateExerciseAsync(teams: 1, injects: (rounds * Missed) + 1);
        var web = target.WebNodes[0];
        var session = (await target.JoinAsync(exercise, clients: 1, teams: 1))[0];
        var device = await DeviceClient.ConnectAsync(web, session);
        var timings = new List<double>();
        var allHeld = true;
        var fired = 0;
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                var held = device.Held;
                await device.DisposeAsync();
                for (var i = 0; i < Missed; i++)
                {
                    await target.FireAsync(++fired);
                }

                var clock = Stopwatch.StartNew();
                device = await DeviceClient.ConnectAsync(web, session, held);
                timings.Add(Math.Round(clock.Elapsed.TotalMilliseconds, 1));
                allHeld &= device.Held.Count == fired && device.LastSequence == fired;
            }
        }
        finally
        {
            await device.DisposeAsync();
        }

        var median = timings.Order().ElementAt(timings.Count / 2);
        Log.Line($"{target.Name} resync of {Missed} missed injects: {string.Join(", ", timings)} ms; all held: {allHeld}");
        return new ResyncResult(target.Name, Missed, timings, median, allHeld, MachineInfo.LoadAverageNow());
    }
}
