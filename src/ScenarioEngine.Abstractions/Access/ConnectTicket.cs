using ScenarioEngine.Delivery;

namespace ScenarioEngine.Access;

/// <summary>The device a connect ticket stands for, as its token described it when it asked for the ticket.</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectTicketHolder([property: Id(0)] DeviceIdentity Device, [property: Id(1)] RecipientAddress Recipient);

/// <summary>
/// One connect ticket, keyed by the ticket itself: a random name a phone puts in its socket's URL in
/// place of its week-long token (docs/device-protocol.md, "Hub"). Good once, and only until it expires;
/// nothing is stored, so a ticket whose silo went away is simply unknown and the phone asks again.
/// </summary>
public interface IConnectTicketGrain : IGrainWithStringKey
{
    Task Hold(ConnectTicketHolder holder, DateTimeOffset expiresAt);

    /// <summary>The device the ticket stands for, the first time only; null when it was used, has expired or was never issued.</summary>
    Task<ConnectTicketHolder?> Redeem();
}
