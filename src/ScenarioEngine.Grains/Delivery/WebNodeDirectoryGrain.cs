using ScenarioEngine.Delivery;

namespace ScenarioEngine.Grains.Delivery;

/// <summary>
/// The web nodes that hold device connections. Kept in memory only: nodes re-subscribe every few
/// seconds, so after a silo restart the list refills by itself, and a node that died drops out.
/// </summary>
public sealed class WebNodeDirectoryGrain(TimeProvider time) : Grain, IWebNodeDirectoryGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(35);

    private readonly Dictionary<string, (IWebNodeObserver Observer, DateTimeOffset LastSeen)> _nodes = new(StringComparer.Ordinal);

    public Task<bool> Subscribe(string nodeId, IWebNodeObserver observer)
    {
        var known = _nodes.ContainsKey(nodeId);
        _nodes[nodeId] = (observer, time.GetUtcNow());
        return Task.FromResult(known);
    }

    public Task Unsubscribe(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IWebNodeObserver>> GetNodes()
    {
        var cutoff = time.GetUtcNow() - Expiry;
        foreach (var stale in _nodes.Where(n => n.Value.LastSeen < cutoff).Select(n => n.Key).ToList())
        {
            _nodes.Remove(stale);
        }

        return Task.FromResult<IReadOnlyList<IWebNodeObserver>>(_nodes.Values.Select(n => n.Observer).ToList());
    }
}
