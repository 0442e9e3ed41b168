using System.Diagnostics;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// Grain activations per second where they happen in a drill: an exercise with M teams (one
/// join-code grain each) and one inject to all of them (M cold mailbox grains, each activated,
/// appended to and persisted).
/// </summary>
public static class ActivationsScenario
{
    public static async Task<ActivationsResult> RunAsync(EngineTarget target, int teams)
    {
        var node = target.WebNodes[0];
        var before = await Prometheus.SumAsync(node, "orleans_catalog_activation_created_total");
        var clock = Stopwatch.StartNew();
        await target.CreateExerciseAsync(teams, injects: 1);
        var create = clock.Elapsed.TotalSeconds;

        clock.Restart();
        await target.FireAsync(1);
        var fire = clock.Elapsed.TotalSeconds;
        var after = await Prometheus.SumAsync(node, "orleans_catalog_activation_created_total");

        var result = new ActivationsResult(target.Name, teams, Math.Round(create, 2), Math.Round(fire, 2), Math.Round(teams / fire),
            before is { } b && after is { } a ? a - b : null, MachineInfo.LoadAverageNow());
        Log.Line($"{target.Name} activations: {teams} mailboxes in {result.FireSeconds} s ({result.MailboxActivationsPerSecond}/s); create {result.CreateSeconds} s");
        return result;
    }
}
