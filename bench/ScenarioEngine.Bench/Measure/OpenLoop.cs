using System.Diagnostics;

namespace ScenarioEngine.Bench.Measure;

/// <summary>
/// Fires on a fixed schedule whatever the server does (open loop): a dedicated thread sleeps to
/// about a millisecond before each slot and spins the rest, then starts the send without waiting for it.
/// </summary>
public static class OpenLoop
{
    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Calls <paramref name="fire"/>(i, scheduledAt) for i in [0, count) at start + i × interval.</summary>
    public static Task RunAsync(int count, TimeSpan interval, long start, Action<int, long> fire)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var step = Ticks(interval);
                for (var i = 0; i < count; i++)
                {
                    var at = start + (i * step);
                    WaitUntil(at);
                    fire(i, at);
                }

                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "open-loop", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    private static void WaitUntil(long at)
    {
        while (true)
        {
            var remaining = at - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var ms = remaining * 1000 / Stopwatch.Frequency;
            if (ms > 2)
            {
                Thread.Sleep((int)(ms - 1));
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }
}
