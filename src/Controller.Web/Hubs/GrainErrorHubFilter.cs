using Microsoft.AspNetCore.SignalR;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// Turns the grains' "you asked for something wrong" exceptions into messages the caller sees;
/// anything else stays a generic error so internals do not leak to a phone.
/// </summary>
public sealed class GrainErrorHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            throw new HubException(e.Message);
        }
    }
}
