using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>The node's connections by device: an array per device, replaced on change (issue 16 §3).</summary>
public sealed class DeviceConnectionsTests
{
    [Fact]
    public void Device_with_two_connections_keeps_the_other_when_one_closes_and_is_gone_when_both_have()
    {
        var connections = new DeviceConnections();
        var phone = new Connection("c1");
        var tablet = new Connection("c2");
        connections.Add("d1", phone);
        connections.Add("d1", tablet);
        connections.Add("d2", new Connection("c3"));

        Assert.True(connections.Remove("d1", phone));
        Assert.Equal(["c2"], connections.Of("d1").Select(c => c.ConnectionId));
        Assert.False(connections.Remove("d1", phone));
        Assert.True(connections.Remove("d1", tablet));
        Assert.Empty(connections.Of("d1"));
        Assert.Single(connections.Of("d2"));
    }

    [Fact]
    public void Connection_never_added_or_of_another_device_is_not_removed()
    {
        var connections = new DeviceConnections();
        var phone = new Connection("c1");
        connections.Add("d1", phone);

        Assert.False(connections.Remove("d2", phone));
        Assert.False(connections.Remove("d1", new Connection("c9")));
        Assert.Single(connections.Of("d1"));
    }

    [Fact]
    public async Task Connections_added_and_removed_at_once_from_many_threads_leave_exactly_the_ones_still_open()
    {
        var connections = new DeviceConnections();
        var all = Enumerable.Range(0, 200).Select(i => new Connection($"c{i}")).ToList();

        await Task.WhenAll(all.Select(c => Task.Run(() => connections.Add("d1", c))));
        await Task.WhenAll(all.Where((_, i) => i % 2 == 0).Select(c => Task.Run(() => Assert.True(connections.Remove("d1", c)))));

        Assert.Equal(
            all.Where((_, i) => i % 2 == 1).Select(c => c.ConnectionId).Order(),
            connections.Of("d1").Select(c => c.ConnectionId).Order());
    }

    /// <summary>SignalR's caller context, reduced to the connection id this class keys on.</summary>
    private sealed class Connection(string id) : HubCallerContext
    {
        public override string ConnectionId => id;

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
