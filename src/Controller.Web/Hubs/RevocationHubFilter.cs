using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// Every device hub call is checked against the node's list of revoked devices: a revoked device
/// whose connection was not cut (its node missed the notice) is turned away at its next call.
/// </summary>
public sealed class RevocationHubFilter(RevokedDevices revoked) : IHubFilter
{
    public const string RevokedMessage = "This device was revoked. Join again with a join code from your controller.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (await revoked.IsRevokedAsync(DeviceClaims.Of(invocationContext.Context)))
        {
            invocationContext.Context.Abort();
            throw new HubException(RevokedMessage);
        }

        return await next(invocationContext);
    }
}
