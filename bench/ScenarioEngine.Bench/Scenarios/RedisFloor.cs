using System.Diagnostics;
using System.Globalization;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Testing;
using StackExchange.Redis;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>What one Redis write costs on this machine: the floor under every persisted append in B4 and B5.</summary>
public static class RedisFloor
{
    public static async Task<IReadOnlyList<RedisFloorResult>> MeasureAsync(bool smoke)
    {
        await using var redis = await RedisServer.StartAsync(appendFsync: "everysec");
        var results = new List<RedisFloorResult>();
        var value = new string('x', 1024);
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var db = connection.GetDatabase();
            var histogram = InjectTracker.NewHistogram();
            var count = smoke ? 200 : 5000;
            for (var i = 0; i < count + 100; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await db.StringSetAsync($"floor:{i % 1000}", value);
                if (i >= 100)
                {
                    histogram.RecordValue(InjectTracker.ToMicros(Stopwatch.GetTimestamp() - start));
                }
            }

            results.Add(new("StackExchange.Redis SET 1 KB round trip, one at a time", LatencySummary.From(histogram)));
        }

        if (await RedisBenchmarkAsync(redis.Port, smoke ? 2000 : 20000) is { } cli)
        {
            results.Add(cli);
        }

        Log.Line("Redis floor: " + string.Join("; ", results.Select(r => $"{r.Method}: p50 {r.Latency.P50} ms, p99 {r.Latency.P99} ms")));
        return results;
    }

    private static async Task<RedisFloorResult?> RedisBenchmarkAsync(int port, int requests)
    {
        var start = new ProcessStartInfo("redis-benchmark")
        {
            ArgumentList = { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", "set", "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", "1", "-d", "1024", "--csv" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var header = lines[0].Replace("\"", "").Split(',');
            var row = lines.First(l => l.StartsWith("\"SET", StringComparison.Ordinal)).Replace("\"", "").Split(',');
            double Field(string name) => double.Parse(row[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
            return new("redis-benchmark SET 1 KB, 1 client",
                new LatencySummary(Field("p50_latency_ms"), Field("p95_latency_ms"), Field("p99_latency_ms"), Field("max_latency_ms"), Field("avg_latency_ms"), requests),
                $"{Field("rps")} requests/s");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IndexOutOfRangeException or FormatException or TimeoutException)
        {
            return null;
        }
    }
}
