using Orleans.Concurrency;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Silo.Delivery;

/// <summary>
/// Relays notifications to every web node. A stateless worker, so a local activation takes each
/// call and mailboxes never queue behind one another; it caches the node list briefly because a
/// node that joined a moment ago loses nothing (its devices sync on connect).
/// </summary>
[StatelessWorker]
public sealed class WebNodeNotifierGrain(TimeProvider time) : Grain, IWebNodeNotifierGrain
{
    private static readonly TimeSpan NodeListLifetime = TimeSpan.FromSeconds(2);

    private IReadOnlyList<IWebNodeObserver> _nodes = [];
    private DateTimeOffset _nodesFetchedAt = DateTimeOffset.MinValue;

    public async Task MessageAppended(RecipientAddress recipient, DeliveredMessage message)
    {
        foreach (var node in await Nodes())
        {
            _ = node.MessageAppended(recipient, message);
        }
    }

    public async Task ProgressChanged(DeliveryProgressChanged change)
    {
        foreach (var node in await Nodes())
        {
            _ = node.ProgressChanged(change);
        }
    }

    public async Task ExerciseChanged(ExerciseId exercise)
    {
        foreach (var node in await Nodes())
        {
            _ = node.ExerciseChanged(exercise);
        }
    }

    private async Task<IReadOnlyList<IWebNodeObserver>> Nodes()
    {
        var now = time.GetUtcNow();
        if (now - _nodesFetchedAt > NodeListLifetime)
        {
            _nodes = await GrainFactory.GetGrain<IWebNodeDirectoryGrain>(0).GetNodes();
            _nodesFetchedAt = now;
        }

        return _nodes;
    }
}
