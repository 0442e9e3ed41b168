namespace ScenarioEngine.Bench.Clients;

/// <summary>
/// How long a client waits before confirming a push with <c>Received</c>: the phone app's policy
/// (<c>receiptDelay</c> in src/Participant.Pwa/src/receipts.ts, 200–1000 ms at random, batched), or
/// at once (<see cref="Immediate"/>, what the app did before) to show what that policy is worth.
/// </summary>
public sealed record ReceiptDelay(int MinMs, int MaxMs)
{
    public static readonly ReceiptDelay Phone = new(200, 1000);

    public static readonly ReceiptDelay Immediate = new(0, 0);

    public bool IsImmediate => MaxMs <= 0;

    public TimeSpan Next() => TimeSpan.FromMilliseconds(Random.Shared.Next(MinMs, MaxMs + 1));

    public override string ToString() => IsImmediate ? "at once" : $"{MinMs}–{MaxMs} ms";
}

/// <summary>Collects one client's confirmations and sends them as the phone app does: one call per wait.</summary>
public sealed class ReceiptBatcher(ReceiptDelay delay, Func<long[], Task> send)
{
    private readonly Lock _gate = new();
    private readonly List<long> _pending = [];
    private bool _scheduled;

    public void Add(long sequence)
    {
        if (delay.IsImmediate)
        {
            Send([sequence]);
            return;
        }

        lock (_gate)
        {
            _pending.Add(sequence);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        _ = FlushLater();
    }

    private async Task FlushLater()
    {
        await Task.Delay(delay.Next());
        long[] batch;
        lock (_gate)
        {
            batch = [.. _pending];
            _pending.Clear();
            _scheduled = false;
        }

        Send(batch);
    }

    // Not awaited, as the phone's handler does not hold up its connection; a lost confirmation
    // costs the benchmark nothing it measures.
    private void Send(long[] sequences) => send(sequences).ContinueWith(
        static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
