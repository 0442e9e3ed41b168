using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Devices;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// Each device gets one token bucket, shared by all its connections on this node: a phone syncing
/// after an hour offline bursts, a flooding one is told to slow down and nobody else notices. Keyed
/// by the token's device, not the connection, so a leaked code that opens several connections does
/// not multiply its budget. Every accepted call also keeps the device's last-seen time current.
/// </summary>
public sealed class DeviceRateLimitHubFilter : IHubFilter, IDisposable
{
    // The roster keeps last-seen to 30 s anyway; telling it on every call (each push's Received) cost one
    // grain call per device per push, all queued on the exercise's one roster grain.
    private const long TouchEveryMs = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly Microsoft.Extensions.Options.IOptions<WebOptions> options;
    private readonly DeviceGrains grains;

    private readonly DeviceBuckets _calls;

    public DeviceRateLimitHubFilter(Microsoft.Extensions.Options.IOptions<WebOptions> options, DeviceGrains grains)
    {
        this.options = options;
        this.grains = grains;
        var web = options.Value;
        _calls = new DeviceBuckets(new TokenBucketRateLimiterOptions
        {
            TokenLimit = web.DeviceCallBurst,
            TokensPerPeriod = web.DeviceCallsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });
    }

    public const string TooManyMessage = "Too many requests from this device; slow down and retry.";

    public void Dispose() => _calls.Dispose();

    /// <summary>Spends one more call of the device's budget, for a call that does the work of several.</summary>
    public bool TrySpend(string deviceId)
    {
        return _calls.TryAcquire(deviceId);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // Connections cost memory and a push each, whatever their shared call budget: a device must not open as many as it likes.
        var device = DeviceClaims.Of(context.Context).DeviceId;
        if (_connections.AddOrUpdate(device, 1, (_, count) => count + 1) > options.Value.MaxConnectionsPerDevice)
        {
            Release(device);
            throw new HubException($"Too many connections from this device (at most {options.Value.MaxConnectionsPerDevice}); close one and retry.");
        }

        var socket = DeviceSocket.Of(context.Context);
        socket.CountedAgainst = device;
        try
        {
            await next(context);
        }
        catch
        {
            // A refused connection is never told it disconnected.
            Release(device);
            socket.CountedAgainst = null;
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            var socket = DeviceSocket.Of(context.Context);
            if (socket.CountedAgainst is { } deviceId)
            {
                socket.CountedAgainst = null;
                Release(deviceId);
            }
        }
    }

    private void Release(string deviceId)
    {
        if (_connections.AddOrUpdate(deviceId, 0, (_, count) => count - 1) <= 0)
        {
            _connections.TryRemove(new KeyValuePair<string, int>(deviceId, 0));
        }
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (DeviceClaims.TryFrom(invocationContext.Context.User) is { } device)
        {
            if (!_calls.TryAcquire(device.DeviceId))
            {
                throw new HubException(TooManyMessage);
            }

            if (DueForTouch(invocationContext.Context))
            {
                _ = grains.Roster(device.Recipient.Exercise).Touch(device.DeviceId);
            }
        }

        return await next(invocationContext);
    }

    private static bool DueForTouch(HubCallerContext context)
    {
        var now = Environment.TickCount64;
        var socket = DeviceSocket.Of(context);
        if (socket.LastTouch is { } at && now - at < TouchEveryMs)
        {
            return false;
        }

        socket.LastTouch = now;
        return true;
    }
}
