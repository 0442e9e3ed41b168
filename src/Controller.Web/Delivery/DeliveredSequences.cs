using System.Collections.Concurrent;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Web.Delivery;

/// <summary>
/// Which mailbox entries this web node has reported delivered, or is reporting now. Delivery is
/// recorded per recipient (a team), so once one of a team's devices has confirmed a push, the same
/// confirmation from the team's other devices changes nothing: without this, a push to a team of
/// 500 phones queued 500 grain calls on its mailbox, ahead of the next inject's append. The
/// confirmations that arrive while the first is still being recorded wait for that one call
/// instead of making their own (with Redis, the write takes long enough for hundreds to arrive).
/// </summary>
/// <remarks>
/// Bounded by the MSEL: one entry per inject per mailbox seen by this node. A sequence whose call
/// failed is forgotten, so the next device that confirms it tries again.
/// </remarks>
public sealed class DeliveredSequences
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Task>> _reported = new(StringComparer.Ordinal);

    public async Task MarkDeliveredAsync(IMailboxGrain mailbox, string mailboxKey, IReadOnlyList<long> sequences)
    {
        var reported = _reported.GetOrAdd(mailboxKey, _ => new());
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fresh = new List<long>();
        var inFlight = new List<Task>();
        foreach (var sequence in sequences.Distinct())
        {
            var call = reported.GetOrAdd(sequence, mine.Task);
            if (call == mine.Task)
            {
                fresh.Add(sequence);
            }
            else if (!call.IsCompletedSuccessfully)
            {
                inFlight.Add(call);
            }
        }

        if (fresh.Count > 0)
        {
            try
            {
                await mailbox.MarkDelivered(fresh);
                mine.SetResult();
            }
            catch (Exception e)
            {
                foreach (var sequence in fresh)
                {
                    reported.TryRemove(new KeyValuePair<long, Task>(sequence, mine.Task));
                }

                mine.SetException(e);
                _ = mine.Task.Exception;
                throw;
            }
        }

        await Task.WhenAll(inFlight);
    }
}
