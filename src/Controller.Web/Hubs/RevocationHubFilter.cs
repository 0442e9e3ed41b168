using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// Every device hub call is checked against the node's list of revoked devices: a revoked device
/// whose connection was not cut (its node missed the notice) is told, cut off and turned away at
/// its next call, as the notice would have done.
/// </summary>
public sealed class RevocationHubFilter(RevokedDevices revoked, IHubContext<DeviceHub, IDeviceClient> devices) : IHubFilter
{
    public const string RevokedMessage = "This device was revoked. Join again with a join code from your controller.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context;
        if (await revoked.IsRevokedAsync(DeviceClaims.Of(connection)))
        {
            try
            {
                await devices.Clients.Client(connection.ConnectionId).Revoked().WaitAsync(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
            {
                // Cut off below either way; telling it why is a courtesy.
            }

            connection.Abort();
            throw new HubException(RevokedMessage);
        }

        return await next(invocationContext);
    }
}
