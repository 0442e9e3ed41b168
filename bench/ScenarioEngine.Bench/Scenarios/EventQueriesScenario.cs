using System.Diagnostics;
using System.Net.Http.Json;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// Issue 16 §5: the event log and timeline queries of an exercise whose log holds 100,000 events.
/// The events are made the way a drill makes them, through the controller API (holds and releases
/// of injects, each one logged), so the log is the real Redis stream with real payloads. Then each
/// query is asked many times, one at a time, and its p95 is held against the target.
/// </summary>
public static class EventQueriesScenario
{
    public const double TargetP95Milliseconds = 200;

    private const int Workers = 8;
    private const int PageSize = 500;

    public static async Task<IReadOnlyList<EventQueryResult>> RunAsync(EngineTarget target, BenchOptions options)
    {
        var http = target.Controller.Http;
        await target.CreateExerciseAsync(teams: options.Teams, injects: Workers);
        var exercise = target.ExerciseId;

        var seeding = Stopwatch.StartNew();
        var made = await SeedAsync(http, exercise, options.Events);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        var logged = await CountEventsAsync(http, exercise);
        Log.Line($"{target.Name} event log: {logged} events ({made} holds and releases in {seedSeconds:0.0} s, {made / seedSeconds:0}/s)");

        var queries = new (string Name, Func<Random, string> Path)[]
        {
            ($"events page ({PageSize} from a random point)", random => $"/api/exercises/{exercise}/events?after={random.NextInt64(0, Math.Max(1, logged - PageSize))}&max={PageSize}"),
            ($"events tail (the last {PageSize})", _ => $"/api/exercises/{exercise}/events?after={Math.Max(0, logged - PageSize)}&max={PageSize}"),
            ("timeline (the exercise: every inject and its state)", _ => $"/api/exercises/{exercise}"),
        };

        var samples = options.Smoke ? 50 : 300;
        var results = new List<EventQueryResult>();
        foreach (var (name, path) in queries)
        {
            // The first asks pay for JIT and a cold grain; a controller's page asks over and over.
            var random = new Random(7);
            for (var i = 0; i < 10; i++)
            {
                await GetAsync(http, path(random));
            }

            var histogram = InjectTracker.NewHistogram();
            for (var i = 0; i < samples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await GetAsync(http, path(random));
                histogram.RecordValue((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            var latency = LatencySummary.From(histogram);
            results.Add(new EventQueryResult(target.Name, name, logged, Math.Round(made / seedSeconds), latency, latency.P95 <= TargetP95Milliseconds, MachineInfo.LoadAverageNow()));
            Log.Line($"{target.Name} {name} over {logged} events: p50 {latency.P50} ms, p95 {latency.P95} ms, max {latency.Max} ms");
        }

        return results;
    }

    /// <summary>Each worker holds and releases its own inject, so every call is legal and logs one event.</summary>
    private static async Task<int> SeedAsync(HttpClient http, string exercise, int events)
    {
        var made = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, Workers), new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (inject, token) =>
        {
            var held = false;
            while (Interlocked.Increment(ref made) <= events)
            {
                using var response = await http.PostAsync($"/api/exercises/{exercise}/injects/{inject}/{(held ? "release" : "hold")}", content: null, token);
                response.EnsureSuccessStatusCode();
                held = !held;
            }
        });
        return events;
    }

    private static async Task<long> CountEventsAsync(HttpClient http, string exercise)
    {
        var after = 0L;
        while (true)
        {
            var page = await http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{exercise}/events?after={after}&max={PageSize}", WebNode.Json) ?? [];
            if (page.Count == 0)
            {
                return after;
            }

            after = page[^1].Sequence;
        }
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
    }
}
