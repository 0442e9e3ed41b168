using System.Diagnostics;
using HdrHistogram;

namespace ScenarioEngine.Bench.Measure;

/// <summary>
/// Arrival times of a window of injects at every client. Latency is measured from each inject's
/// scheduled fire time (open loop), so a server that falls behind the schedule shows it.
/// </summary>
public sealed class InjectTracker
{
    private long[] _scheduled = [];
    private long[] _arrivals = [];
    private int _first;
    private int _clients;
    private int _received;
    private int _duplicates;
    private int _outside;

    public int Expected { get; private set; }

    public int Received => Volatile.Read(ref _received);

    public void Begin(int firstInject, int count, int clients)
    {
        _first = firstInject;
        _clients = clients;
        _scheduled = new long[count];
        _arrivals = new long[count * clients];
        Volatile.Write(ref _received, 0);
        _duplicates = 0;
        _outside = 0;
        Expected = count * clients;
    }

    public void Schedule(int injectNumber, long at) => _scheduled[injectNumber - _first] = at;

    public void OnArrival(int client, int injectNumber, long sequence, long arrivedAt)
    {
        var local = injectNumber - _first;
        if (local < 0 || local >= _scheduled.Length || client >= _clients)
        {
            Interlocked.Increment(ref _outside);
            return;
        }

        if (Interlocked.CompareExchange(ref _arrivals[(local * _clients) + client], arrivedAt, 0) == 0)
        {
            Interlocked.Increment(ref _received);
        }
        else
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    /// <summary>Waits until every counted client has every inject, or the timeout passes.</summary>
    public async Task<bool> WaitAllAsync(int expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Received < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Latency from the scheduled time (µs) at the counted clients, and per inject the time until the last of them had it.</summary>
    public FanoutRun Summarize(Func<int, bool> counted)
    {
        var latency = NewHistogram();
        var lastClient = NewHistogram();
        var missing = 0;
        for (var local = 0; local < _scheduled.Length; local++)
        {
            var last = 0L;
            var complete = true;
            for (var client = 0; client < _clients; client++)
            {
                if (!counted(client))
                {
                    continue;
                }

                var arrived = _arrivals[(local * _clients) + client];
                if (arrived == 0)
                {
                    missing++;
                    complete = false;
                    continue;
                }

                var micros = ToMicros(arrived - _scheduled[local]);
                latency.RecordValue(micros);
                last = Math.Max(last, micros);
            }

            if (complete)
            {
                lastClient.RecordValue(last);
            }
        }

        return new FanoutRun
        {
            Latency = LatencySummary.From(latency),
            LastClient = LatencySummary.From(lastClient),
            Missing = missing,
            Duplicates = _duplicates,
            Injects = _scheduled.Length,
            Latencies = latency,
        };
    }

    // Up to 10 minutes in microseconds, 3 significant digits.
    public static LongHistogram NewHistogram() => new(600_000_000, 3);

    public static long ToMicros(long stopwatchTicks) => Math.Max(0, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);
}

/// <summary>One run: latency at every client, the time until the last client had each inject, and what went missing.</summary>
public sealed record FanoutRun
{
    public required LatencySummary Latency { get; init; }
    public required LatencySummary LastClient { get; init; }
    public required int Missing { get; init; }
    public required int Duplicates { get; init; }
    public required int Injects { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public LongHistogram? Latencies { get; init; }
}

/// <summary>Milliseconds.</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max, double Mean, long Count)
{
    public static LatencySummary From(HistogramBase histogram) => histogram.TotalCount == 0
        ? new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0)
        : new(Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(95)), Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetMaxValue()), Math.Round(histogram.GetMean() / 1000, 2), histogram.TotalCount);

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
}
