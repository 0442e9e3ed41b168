using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// What this node remembers about one device connection, kept as a feature of the connection. Not in
/// <see cref="HubCallerContext.Items"/>: that is a concurrent dictionary made on first use, about
/// 700 bytes per connection for three values (issue 16 §3).
/// </summary>
public sealed class DeviceSocket
{
    /// <summary>The token's device, read once: the token cannot change while the connection lives.</summary>
    public DeviceClaims? Claims { get; set; }

    /// <summary>The device this connection counts against its per-device connection limit, until it closes.</summary>
    public string? CountedAgainst { get; set; }

    /// <summary>When the roster was last told the device was seen (<see cref="Environment.TickCount64"/>), or null.</summary>
    public long? LastTouch { get; set; }

    /// <summary>
    /// The connection's state, made on first use. A connection's hub calls run one at a time and its
    /// connect handler runs before them, so the feature is never set twice at once.
    /// </summary>
    public static DeviceSocket Of(HubCallerContext context)
    {
        if (context.Features.Get<DeviceSocket>() is { } socket)
        {
            return socket;
        }

        socket = new DeviceSocket();
        context.Features.Set(socket);
        return socket;
    }
}
