using Orleans.Concurrency;
using ScenarioEngine.Devices;

namespace ScenarioEngine.Delivery;

/// <summary>
/// What happened that web nodes pass on to the connections they hold. The calls are one-way: a
/// grain never waits for a socket. A lost call costs latency, not data, because the device's next
/// sync repairs it.
/// </summary>
public interface IWebNodeEvents : IAddressable
{
    [OneWay]
    Task MessageAppended(RecipientAddress recipient, DeliveredMessage message);

    [OneWay]
    Task ProgressChanged(DeliveryProgressChanged change);

    [OneWay]
    Task ExerciseChanged(ExerciseId exercise);

    [OneWay]
    Task SignalRaised(ExerciseId exercise, SafetySignal signal);

    /// <summary>A signal for some mailboxes only (a site's STOP): pushed to their groups, not to the whole exercise.</summary>
    [OneWay]
    Task ScopedSignalRaised(ExerciseId exercise, SafetySignal signal, IReadOnlyList<RecipientAddress> recipients);

    [OneWay]
    Task SignalCleared(ExerciseId exercise, string signalId);

    /// <summary>Ends the device's connections at once.</summary>
    [OneWay]
    Task DeviceRevoked(ExerciseId exercise, string deviceId);

    [OneWay]
    Task DevicesChanged(ExerciseId exercise);

    /// <summary>A scenario draft has a new version: designers' editors on every node redraw.</summary>
    [OneWay]
    Task DraftChanged(string draftId, long version);
}

/// <summary>Lives in each web node and relays <see cref="IWebNodeEvents"/> to the SignalR connections that node holds.</summary>
public interface IWebNodeObserver : IGrainObserver, IWebNodeEvents;

/// <summary>Which web nodes exist. Nodes re-subscribe periodically; silent ones expire.</summary>
public interface IWebNodeDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds or refreshes a node. Returns false when the directory did not know the node, which after
    /// the node's first subscription means the directory lost its list (a silo restarted) and pushes
    /// may have gone nowhere meanwhile.
    /// </summary>
    Task<bool> Subscribe(string nodeId, IWebNodeObserver observer);

    Task Unsubscribe(string nodeId);

    Task<IReadOnlyList<IWebNodeObserver>> GetNodes();
}

/// <summary>Fans <see cref="IWebNodeEvents"/> out to every web node without holding up the grain that raised them.</summary>
public interface IWebNodeNotifierGrain : IGrainWithIntegerKey, IWebNodeEvents;
