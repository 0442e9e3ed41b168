using System.Collections.Concurrent;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Web.Delivery;

/// <summary>
/// Which mailbox entries this web node has already reported delivered. Delivery is recorded per
/// recipient (a team), so once one of a team's devices has confirmed a push, the same confirmation
/// from the team's other devices changes nothing: without this, a push to a team of 500 phones
/// queued 500 grain calls on its mailbox, ahead of the next inject's append.
/// </summary>
/// <remarks>
/// Bounded by the MSEL: one entry per inject per mailbox seen by this node. A sequence is remembered
/// only after the grain accepted it, so a failed call is retried by the next device that confirms.
/// </remarks>
public sealed class DeliveredSequences
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, bool>> _reported = new(StringComparer.Ordinal);

    public async Task MarkDeliveredAsync(IMailboxGrain mailbox, string mailboxKey, IReadOnlyList<long> sequences, DeviceIdentity device)
    {
        var reported = _reported.GetOrAdd(mailboxKey, _ => new());
        var fresh = sequences.Where(s => !reported.ContainsKey(s)).Distinct().ToArray();
        if (fresh.Length == 0)
        {
            return;
        }

        await mailbox.MarkDelivered(fresh, device);
        foreach (var sequence in fresh)
        {
            reported[sequence] = true;
        }
    }
}
