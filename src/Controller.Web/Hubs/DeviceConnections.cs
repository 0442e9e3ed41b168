using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ScenarioEngine.Web.Hubs;

/// <summary>The device connections this web node holds, by device id, so a revoked device can be cut off here at once.</summary>
public sealed class DeviceConnections
{
    // An array per device, replaced on change: a device nearly always has one connection, and a
    // concurrent dictionary per device cost ~700 bytes per connection (issue 16 §3).
    private readonly ConcurrentDictionary<string, HubCallerContext[]> _byDevice = new(StringComparer.Ordinal);

    public void Add(string deviceId, HubCallerContext context) =>
        _byDevice.AddOrUpdate(
            deviceId,
            static (_, added) => [added],
            static (_, held, added) => [.. held.Where(c => c.ConnectionId != added.ConnectionId), added],
            context);

    /// <summary>False when the connection was not registered (it was refused at connect, or already cut off).</summary>
    public bool Remove(string deviceId, HubCallerContext context)
    {
        while (_byDevice.TryGetValue(deviceId, out var held))
        {
            if (!held.Any(c => c.ConnectionId == context.ConnectionId))
            {
                return false;
            }

            var removed = held.Length == 1
                ? _byDevice.TryRemove(new KeyValuePair<string, HubCallerContext[]>(deviceId, held))
                : _byDevice.TryUpdate(deviceId, held.Where(c => c.ConnectionId != context.ConnectionId).ToArray(), held);
            if (removed)
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<HubCallerContext> Of(string deviceId) =>
        _byDevice.TryGetValue(deviceId, out var held) ? held : [];
}
