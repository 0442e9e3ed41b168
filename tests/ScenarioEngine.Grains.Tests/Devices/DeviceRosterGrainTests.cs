using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;

namespace ScenarioEngine.Grains.Tests.Devices;

[Collection(GrainClusterCollection.Name)]
public sealed class DeviceRosterGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task Device_that_joined_is_listed_offline_and_revoking_it_turns_its_first_connection_away()
    {
        var exercise = new ExerciseId(GrainCluster.NewExerciseId());
        var roster = cluster.Grains.GetGrain<IDeviceRosterGrain>(exercise.Value);
        var team = RecipientAddress.Team(exercise, "team-a");
        var device = new DeviceIdentity("d1", "Anna");

        await roster.Joined(team, device);
        var listed = Assert.Single(await roster.GetDevices());
        var revoked = await roster.Revoke("d1");

        Assert.Equal(("d1", false, false), (listed.DeviceId, listed.Connected, listed.Revoked));
        Assert.Equal((team, true), (revoked.Recipient, revoked.Revoked));
        Assert.False(await roster.Connected(team, device, "connection-1"));
        Assert.Equal(["d1"], await roster.GetRevoked());
        await cluster.Node.WaitForAsync($"revoked {exercise.Value} d1");
    }

    [Fact]
    public async Task Connections_are_counted_per_device_and_presence_changes_are_announced_once_per_flush()
    {
        var exercise = new ExerciseId(GrainCluster.NewExerciseId());
        var roster = cluster.Grains.GetGrain<IDeviceRosterGrain>(exercise.Value);
        var team = RecipientAddress.Team(exercise, "team-a");

        Assert.True(await roster.Connected(team, new DeviceIdentity("d1", "Anna"), "c1"));
        Assert.True(await roster.Connected(team, new DeviceIdentity("d1", "Anna"), "c2"));
        await roster.Hello("d1", new DeviceHello { AppVersion = "1.0", BatteryLevel = 0.1 });
        await roster.Disconnected("d1", "c1");

        var device = Assert.Single(await roster.GetDevices());
        Assert.Equal((true, "1.0", true), (device.Connected, device.AppVersion, device.BatteryLow));
        await cluster.Node.WaitForAsync($"devices {exercise.Value}");

        await roster.Disconnected("d1", "c2");
        Assert.False(Assert.Single(await roster.GetDevices()).Connected);
    }

    [Fact]
    public async Task Revoking_an_unknown_device_fails()
    {
        var roster = cluster.Grains.GetGrain<IDeviceRosterGrain>(GrainCluster.NewExerciseId());

        await Assert.ThrowsAsync<KeyNotFoundException>(() => roster.Revoke("nobody"));
    }
}
