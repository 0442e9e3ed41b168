using Orleans.Concurrency;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;

namespace ScenarioEngine.Grains.Delivery;

/// <summary>
/// Relays notifications to every web node. A stateless worker, so a local activation takes each
/// call and mailboxes never queue behind one another; it caches the node list briefly because a
/// node that joined a moment ago loses nothing (its devices sync on connect).
/// </summary>
[StatelessWorker]
public sealed class WebNodeNotifierGrain(TimeProvider time) : Grain, IWebNodeNotifierGrain
{
    /// <summary>How long a notifier may go on using a node list; a node that (re)subscribes asks its devices to sync after it.</summary>
    public static readonly TimeSpan NodeListLifetime = TimeSpan.FromMilliseconds(500);

    private IReadOnlyList<IWebNodeObserver> _nodes = [];
    private DateTimeOffset _nodesFetchedAt = DateTimeOffset.MinValue;

    public Task MessageAppended(RecipientAddress recipient, DeliveredMessage message) => ToEveryNode(n => n.MessageAppended(recipient, message));

    public Task ProgressChanged(DeliveryProgressChanged change) => ToEveryNode(n => n.ProgressChanged(change));

    public Task ExerciseChanged(ExerciseId exercise) => ToEveryNode(n => n.ExerciseChanged(exercise));

    public Task SignalRaised(ExerciseId exercise, SafetySignal signal) => ToEveryNode(n => n.SignalRaised(exercise, signal));

    public Task ScopedSignalRaised(ExerciseId exercise, SafetySignal signal, IReadOnlyList<RecipientAddress> recipients) =>
        ToEveryNode(n => n.ScopedSignalRaised(exercise, signal, recipients));

    public Task SignalCleared(ExerciseId exercise, string signalId) => ToEveryNode(n => n.SignalCleared(exercise, signalId));

    public Task DeviceRevoked(ExerciseId exercise, string deviceId) => ToEveryNode(n => n.DeviceRevoked(exercise, deviceId));

    public Task DevicesChanged(ExerciseId exercise) => ToEveryNode(n => n.DevicesChanged(exercise));

    public Task DraftChanged(string draftId, long version) => ToEveryNode(n => n.DraftChanged(draftId, version));

    // Observer methods are one-way: each call is sent and not waited for.
    private async Task ToEveryNode(Func<IWebNodeObserver, Task> send)
    {
        var now = time.GetUtcNow();
        // An empty list is never kept: right after a silo restart the nodes are still re-subscribing.
        if (now - _nodesFetchedAt > NodeListLifetime || _nodes.Count == 0)
        {
            _nodes = await GrainFactory.GetGrain<IWebNodeDirectoryGrain>(0).GetNodes();
            _nodesFetchedAt = now;
        }

        foreach (var node in _nodes)
        {
            _ = send(node);
        }
    }
}
