namespace ScenarioEngine.Web.Delivery;

/// <summary>
/// A test seam: while <see cref="Dropping"/>, this node's relay drops every notification it gets
/// from the silo, as a gateway blip, a half-open socket or a node missing from the directory would.
/// It proves that phones heal by themselves. Nothing in production turns it on.
/// </summary>
public sealed class NotificationFaults(TimeProvider time)
{
    private DateTimeOffset _dropUntil = DateTimeOffset.MinValue;

    public bool Dropping => time.GetUtcNow() < _dropUntil;

    public void DropFor(TimeSpan window) => _dropUntil = time.GetUtcNow() + window;
}
