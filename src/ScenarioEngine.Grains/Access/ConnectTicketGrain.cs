using ScenarioEngine.Access;

namespace ScenarioEngine.Grains.Access;

/// <summary>
/// Holds one ticket in memory until it is redeemed or expires. Thousands are made when a venue's phones
/// reconnect at once, so a redeemed one leaves at once and a forgotten one within a couple of minutes.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ConnectTicketGrain(TimeProvider time) : Grain, IConnectTicketGrain
{
    private ConnectTicketHolder? _holder;
    private DateTimeOffset _expiresAt;

    public Task Hold(ConnectTicketHolder holder, DateTimeOffset expiresAt)
    {
        // Ticket names are 128 random bits, so a second Hold means a caller reusing a name: keep the first.
        if (_holder is null)
        {
            _holder = holder;
            _expiresAt = expiresAt;
        }

        return Task.CompletedTask;
    }

    public Task<ConnectTicketHolder?> Redeem()
    {
        var holder = time.GetUtcNow() <= _expiresAt ? _holder : null;
        _holder = null;
        _expiresAt = DateTimeOffset.MinValue;
        this.DeactivateOnIdle();
        return Task.FromResult(holder);
    }
}
