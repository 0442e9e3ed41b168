using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

public sealed class SafetySignalTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Stop_reaches_every_device_of_the_exercise_pauses_the_clock_and_shows_who_has_not_acknowledged()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var other = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"));
        await using var actor = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"));
        await using var elsewhere = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(other, "team-a"));
        await Controller.StartAsync(exercise.ExerciseId);

        var raised = await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Stop);

        var received = await Task.WhenAll(teamA.WaitForSignalAsync(), teamB.WaitForSignalAsync(), actor.WaitForSignalAsync());
        Assert.All(received, s => Assert.Equal((raised.SignalId, SignalKind.Stop), (s.SignalId, s.Kind)));
        Assert.Contains("STOP", received[0].Message["en"], StringComparison.Ordinal);
        Assert.Equal(ClockStatus.Paused, (await Controller.GetAsync(exercise.ExerciseId)).Status);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => elsewhere.WaitForSignalAsync(TimeSpan.FromMilliseconds(700)));

        await teamA.AcknowledgeSignalAsync(raised.SignalId);

        var status = Assert.Single(await Controller.GetSignalsAsync(exercise.ExerciseId));
        Assert.Equal([teamA.Session.DeviceId], status.AcknowledgedBy);
        Assert.Equal(new[] { teamB.Session.DeviceId, actor.Session.DeviceId }.Order(StringComparer.Ordinal), status.NotAcknowledgedBy);
    }

    [Fact]
    public async Task Device_that_connects_after_a_signal_gets_it_and_a_cleared_signal_is_withdrawn()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var early = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var emergency = await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.RealEmergency);
        await early.WaitForSignalAsync();
        await early.AcknowledgeSignalAsync(emergency.SignalId);

        await using var late = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"));
        var pending = Assert.Single(await late.GetSignalsAsync());
        Assert.Equal((SignalKind.RealEmergency, false), (pending.Kind, pending.Acknowledged));
        Assert.True(Assert.Single(await early.GetSignalsAsync()).Acknowledged);

        await Controller.ClearSignalAsync(exercise.ExerciseId, emergency.SignalId);

        await Wait.Until(() => late.ClearedSignals.Contains(emergency.SignalId));
        Assert.Empty(await late.GetSignalsAsync());
    }

    [Fact]
    public async Task Controller_sees_each_device_delivered_once_it_confirms_the_signal_and_acknowledged_once_a_person_taps_it()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var holder = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Holder");
        var drawer = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"), "In a drawer");

        var stop = await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Stop);
        await holder.WaitForSignalAsync();

        await Wait.Until(async () => Receipt(await Controller.GetSignalsAsync(exercise.ExerciseId), holder.Session.DeviceId).DeliveredAt is not null);
        var notYet = Receipt(await Controller.GetSignalsAsync(exercise.ExerciseId), holder.Session.DeviceId);
        Assert.Null(notYet.AcknowledgedAt);
        var missing = Receipt(await Controller.GetSignalsAsync(exercise.ExerciseId), drawer.DeviceId);
        Assert.Equal((null, null), (missing.DeliveredAt, missing.AcknowledgedAt));

        await holder.AcknowledgeSignalAsync(stop.SignalId);

        Assert.NotNull(Receipt(await Controller.GetSignalsAsync(exercise.ExerciseId), holder.Session.DeviceId).AcknowledgedAt);
    }

    private static SignalReceipt Receipt(IReadOnlyList<SafetySignalStatus> signals, string deviceId) =>
        Assert.Single(signals).Devices.Single(d => d.DeviceId == deviceId);

    [Fact]
    public async Task Endex_ends_the_exercise()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await Controller.StartAsync(exercise.ExerciseId);

        await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Endex);

        Assert.Equal(ClockStatus.Ended, (await Controller.GetAsync(exercise.ExerciseId)).Status);
    }
}
