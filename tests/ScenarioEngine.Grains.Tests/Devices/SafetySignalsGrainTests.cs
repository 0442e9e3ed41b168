using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.Devices;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Tests.Devices;

[Collection(GrainClusterCollection.Name)]
public sealed class SafetySignalsGrainTests(GrainCluster cluster)
{
    private static readonly Dictionary<string, string> StopText = new() { ["en"] = "STOP", ["ru"] = "СТОП" };

    [Fact]
    public async Task Signal_is_announced_and_tracked_per_device_as_delivered_then_acknowledged()
    {
        var exercise = new ExerciseId(GrainCluster.NewExerciseId());
        var roster = cluster.Grains.GetGrain<IDeviceRosterGrain>(exercise.Value);
        var signals = cluster.Grains.GetGrain<ISafetySignalsGrain>(exercise.Value);
        await roster.Joined(RecipientAddress.Team(exercise, "team-a"), new DeviceIdentity("holder", "Holder"));
        await roster.Joined(RecipientAddress.Team(exercise, "team-b"), new DeviceIdentity("tapper", "Tapper"));
        await roster.Joined(RecipientAddress.Team(exercise, "team-b"), new DeviceIdentity("revoked", "Gone"));
        await roster.Revoke("revoked");

        var stop = await signals.RaiseSignal(SignalKind.Stop, StopText);
        await cluster.Node.WaitForAsync($"signal {exercise.Value} {stop.SignalId}");
        await signals.SignalsReceived("holder", [stop.SignalId, "no-such-signal"]);
        await signals.SignalsReceived("holder", [stop.SignalId]);
        await signals.AcknowledgeSignal("tapper", stop.SignalId);

        var status = Assert.Single(await signals.GetSignalStatus());
        var byDevice = status.Devices.ToDictionary(d => d.DeviceId);
        Assert.Equal(["holder", "tapper"], byDevice.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((true, false), (byDevice["holder"].DeliveredAt is not null, byDevice["holder"].AcknowledgedAt is not null));
        Assert.Equal((true, true), (byDevice["tapper"].DeliveredAt is not null, byDevice["tapper"].AcknowledgedAt is not null));
        Assert.Equal(["holder"], status.NotAcknowledgedBy);
        Assert.True(Assert.Single(await signals.GetSignals("tapper")).Acknowledged);
    }

    [Fact]
    public async Task Cleared_signal_leaves_what_devices_are_told_is_in_force()
    {
        var exercise = GrainCluster.NewExerciseId();
        var signals = cluster.Grains.GetGrain<ISafetySignalsGrain>(exercise);
        var stop = await signals.RaiseSignal(SignalKind.Stop, StopText);

        await signals.ClearSignal(stop.SignalId);

        Assert.Empty(await signals.GetSignals("any-device"));
        Assert.NotNull(Assert.Single(await signals.GetSignalStatus()).ClearedAt);
        await cluster.Node.WaitForAsync($"cleared {exercise} {stop.SignalId}");
    }

    [Fact]
    public async Task Signals_a_roster_stored_before_the_split_are_taken_over_once_and_the_roster_forgets_them()
    {
        var exercise = GrainCluster.NewExerciseId();
        var legacy = new SafetySignal { SignalId = "old-stop", Kind = SignalKind.Stop, Message = StopText, IssuedAt = DateTimeOffset.UtcNow };
        await WriteOldRosterState(exercise, new DeviceRosterState
        {
            Signals = [new SignalRecord { Signal = legacy, Acknowledgements = new(StringComparer.Ordinal) { ["d1"] = DateTimeOffset.UtcNow } }],
        });

        var signals = cluster.Grains.GetGrain<ISafetySignalsGrain>(exercise);

        var taken = Assert.Single(await signals.GetSignals("d1"));
        Assert.Equal(("old-stop", true), (taken.SignalId, taken.Acknowledged));
        Assert.Empty(await cluster.Grains.GetGrain<IRosterHandover>(exercise).ReadStoredSignals());
    }

    private async Task WriteOldRosterState(string exercise, DeviceRosterState state)
    {
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var rosterId = cluster.Grains.GetGrain<IDeviceRosterGrain>(exercise).GetGrainId();
        await storage.WriteStateAsync("devices", rosterId, new GrainState<DeviceRosterState>(state));
    }
}
