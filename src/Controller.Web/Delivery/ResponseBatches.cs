using System.Collections.Concurrent;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Web.Delivery;

/// <summary>
/// Group commit for responses. A team's mailbox stores one call at a time, and with Redis each
/// call is a log write and a progress write; so the responses that arrive at this node while the
/// mailbox is busy with one call wait together and go as the next call (<see cref="IMailboxGrain.RespondAll"/>),
/// sharing its two writes. A lone response goes at once: nothing waits for a batch to fill.
/// Every caller still gets its receipt only after its own response is stored.
/// </summary>
/// <remarks>
/// One queue per mailbox this node has seen, bounded by the exercise's teams and actors. A failed
/// call fails every response in it; each phone keeps its response in its outbox and sends it again.
/// </remarks>
public sealed class ResponseBatches
{
    /// <summary>
    /// Keeps one grain call's message bounded: 64 responses of at most 8,000 characters each.
    /// </summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentDictionary<string, MailboxQueue> _queues = new(StringComparer.Ordinal);

    public Task<ResponseReceipt> RespondAsync(IMailboxGrain mailbox, string mailboxKey, ResponseSubmission submission, DeviceIdentity device)
    {
        var queue = _queues.GetOrAdd(mailboxKey, static _ => new MailboxQueue());
        var pending = new PendingResponse(new DeviceResponse(submission, device));
        bool start;
        lock (queue.Gate)
        {
            queue.Waiting.Enqueue(pending);
            start = !queue.Sending;
            queue.Sending = true;
        }

        if (start)
        {
            _ = SendAsync(mailbox, queue);
        }

        return pending.Receipt.Task;
    }

    private static async Task SendAsync(IMailboxGrain mailbox, MailboxQueue queue)
    {
        while (true)
        {
            var batch = new List<PendingResponse>(MaxBatch);
            lock (queue.Gate)
            {
                while (batch.Count < MaxBatch && queue.Waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    queue.Sending = false;
                    return;
                }
            }

            try
            {
                var outcomes = await mailbox.RespondAll(batch.Select(p => p.Response).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i].Receipt is { } receipt)
                    {
                        batch[i].Receipt.SetResult(receipt);
                    }
                    else
                    {
                        // The hub's error filter shows an ArgumentException's message to the caller.
                        batch[i].Receipt.SetException(new ArgumentException(outcomes[i].Refusal));
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Receipt.SetException(e);
                }
            }
        }
    }

    private sealed class MailboxQueue
    {
        public Lock Gate { get; } = new();
        public Queue<PendingResponse> Waiting { get; } = new();
        public bool Sending { get; set; }
    }

    private sealed record PendingResponse(DeviceResponse Response)
    {
        public TaskCompletionSource<ResponseReceipt> Receipt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
