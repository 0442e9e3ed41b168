using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Devices;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// Each device connection gets a token bucket: a phone syncing after an hour offline bursts, a
/// flooding one is told to slow down and nobody else notices. Every accepted call also keeps the
/// device's last-seen time current.
/// </summary>
public sealed class DeviceRateLimitHubFilter(Microsoft.Extensions.Options.IOptions<WebOptions> options, DeviceGrains grains) : IHubFilter
{
    private const string LimiterKey = "rate-limiter";
    private const string LastTouchKey = "last-touch";

    // The roster keeps last-seen to 30 s anyway; telling it on every call (each push's Received) cost one
    // grain call per device per push, all queued on the exercise's one roster grain.
    private const long TouchEveryMs = 10_000;
    private const string CountedKey = "connection-counted";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // Each connection has its own bucket, so a device must not open as many as it likes.
        var device = DeviceClaims.Of(context.Context).DeviceId;
        if (_connections.AddOrUpdate(device, 1, (_, count) => count + 1) > options.Value.MaxConnectionsPerDevice)
        {
            Release(device);
            throw new HubException($"Too many connections from this device (at most {options.Value.MaxConnectionsPerDevice}); close one and retry.");
        }

        context.Context.Items[CountedKey] = device;
        context.Context.Items[LimiterKey] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.DeviceCallBurst,
            TokensPerPeriod = options.Value.DeviceCallsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            // Replenished by the calls themselves (below): a timer per connection would wake every
            // second for every idle phone.
            AutoReplenishment = false,
        });
        try
        {
            await next(context);
        }
        catch
        {
            // A refused connection is never told it disconnected.
            Release(device);
            context.Context.Items.Remove(CountedKey);
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
            (context.Context.Items[LimiterKey] as IDisposable)?.Dispose();
            if (context.Context.Items.Remove(CountedKey, out var device) && device is string deviceId)
            {
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
        if (invocationContext.Context.Items[LimiterKey] is TokenBucketRateLimiter limiter)
        {
            limiter.TryReplenish();
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                throw new HubException("Too many requests from this device; slow down and retry.");
            }

            if (DueForTouch(invocationContext.Context))
            {
                var device = DeviceClaims.Of(invocationContext.Context);
                _ = grains.Roster(device.Recipient.Exercise).Touch(device.DeviceId);
            }
        }

        return await next(invocationContext);
    }

    private static bool DueForTouch(HubCallerContext context)
    {
        var now = Environment.TickCount64;
        if (context.Items.TryGetValue(LastTouchKey, out var last) && last is long at && now - at < TouchEveryMs)
        {
            return false;
        }

        context.Items[LastTouchKey] = now;
        return true;
    }
}
