using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ScenarioEngine.Web.Hubs;

/// <summary>The device connections this web node holds, by device id, so a revoked device can be cut off here at once.</summary>
public sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byDevice = new(StringComparer.Ordinal);

    public void Add(string deviceId, HubCallerContext context) =>
        _byDevice.GetOrAdd(deviceId, _ => new(StringComparer.Ordinal))[context.ConnectionId] = context;

    /// <summary>False when the connection was not registered (it was refused at connect, or already cut off).</summary>
    public bool Remove(string deviceId, HubCallerContext context) =>
        _byDevice.TryGetValue(deviceId, out var contexts) && contexts.TryRemove(context.ConnectionId, out _);

    public IReadOnlyList<HubCallerContext> Of(string deviceId) =>
        _byDevice.TryGetValue(deviceId, out var contexts) ? contexts.Values.ToList() : [];
}
