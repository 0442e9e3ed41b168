using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>The core loop with real SignalR clients over Kestrel on 127.0.0.1 (issue 2).</summary>
public sealed class DeliveryLoopTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Timed_inject_fires_by_itself_and_reaches_only_its_team()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"));
        await using var actor = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"));

        await Controller.StartAsync(exercise.ExerciseId);
        var pushed = await teamA.WaitForPushAsync(m => m.InjectNumber == "1", TimeSpan.FromSeconds(20));

        Assert.Equal(1, pushed.Sequence);
        Assert.Equal(MessageKind.Inject, pushed.Kind);
        Assert.Equal("A van was seen at the warehouse.", pushed.Message["en"]);
        Assert.False(await teamB.AnyPushWithinAsync(Quiet));
        Assert.False(await actor.AnyPushWithinAsync(Quiet));
        Assert.Equal(InjectStatus.Fired, (await Controller.GetAsync(exercise.ExerciseId)).Injects.Single(i => i.Number == "1").Status);
    }

    [Fact]
    public async Task Inject_fired_by_hand_reaches_its_team_and_cue_card_reaches_only_the_actor()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"));
        await using var actor = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"));

        await Controller.FireAsync(exercise.ExerciseId, "2");
        await Controller.FireAsync(exercise.ExerciseId, "3");

        var bank = await teamB.WaitForPushAsync(m => m.InjectNumber == "2");
        var cue = await actor.WaitForPushAsync(m => m.InjectNumber == "3");
        Assert.Equal(1, bank.Sequence);
        Assert.Equal(MessageKind.CueCard, cue.Kind);
        Assert.Equal("Say you saw nothing.", cue.Message["en"]);
        Assert.False(await teamA.AnyPushWithinAsync(Quiet));
        Assert.Single(teamB.Pushed);
        Assert.Single(actor.Pushed);
    }

    [Fact]
    public async Task Firing_an_inject_twice_appends_it_to_the_mailbox_once()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        await Controller.FireAsync(exercise.ExerciseId, "4");
        await Controller.FireAsync(exercise.ExerciseId, "4");
        await Controller.FireAsync(exercise.ExerciseId, "2");
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        var message = Assert.Single(teamA.Held);
        Assert.Equal(("4", 1L), (message.InjectNumber, message.Sequence));
    }

    [Fact]
    public async Task Acknowledgement_shows_the_controller_delivered_and_acknowledged_for_that_recipient_only()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await Controller.FireAsync(exercise.ExerciseId, "4");
        var message = await teamA.WaitForPushAsync(m => m.InjectNumber == "4");
        await teamA.AcknowledgeAsync(message.Sequence);

        var deliveries = await Controller.GetDeliveriesAsync(exercise.ExerciseId);
        var progress = Assert.Single(deliveries.Single(d => d.Recipient.Id == "team-a").Deliveries);
        Assert.Equal(DeliveryState.Acknowledged, progress.State);
        Assert.NotNull(progress.DeliveredAt);
        Assert.NotNull(progress.AcknowledgedAt);
        Assert.Empty(deliveries.Single(d => d.Recipient.Id == "team-b").Deliveries);
    }

    [Fact]
    public async Task Same_response_sent_twice_is_stored_once_and_the_retry_is_told_so()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Anna");
        await Controller.FireAsync(exercise.ExerciseId, "4");
        var order = await teamA.WaitForPushAsync(m => m.InjectNumber == "4");
        var responseId = Guid.NewGuid().ToString();

        var first = await teamA.RespondAsync(responseId, order.Sequence, "Plate A123BC");
        var retry = await teamA.RespondAsync(responseId, order.Sequence, "Plate A123BC");

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.StoredAt, retry.StoredAt);
        var stored = Assert.Single(await Controller.GetResponsesAsync(exercise.ExerciseId, "team-a"));
        Assert.Equal(("Plate A123BC", "4"), (stored.Text, stored.InjectNumber));
        Assert.StartsWith("Anna", stored.DeviceName, StringComparison.Ordinal);
        var progress = (await Controller.GetDeliveriesAsync(exercise.ExerciseId)).Single(d => d.Recipient.Id == "team-a").Deliveries.Single();
        Assert.Equal((DeliveryState.Responded, 1), (progress.State, progress.ResponseCount));
    }

    [Fact]
    public async Task Device_disconnected_while_an_inject_fired_gets_it_once_on_reconnect()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");
        var session = await DeviceClient.JoinAsync(Server, code);
        IReadOnlyList<DeliveredMessage> heldBefore;
        await using (var online = await DeviceClient.ConnectAsync(Server, session))
        {
            await Controller.FireAsync(exercise.ExerciseId, "4");
            await online.WaitForPushAsync(m => m.InjectNumber == "4");
            heldBefore = online.Held;
        }

        await Controller.StartAsync(exercise.ExerciseId);
        await Wait.Until(async () => (await Controller.GetAsync(exercise.ExerciseId)).Injects.Single(i => i.Number == "1").Status == InjectStatus.Fired);

        await using var reconnected = await DeviceClient.ConnectAsync(Server, session, heldBefore);

        Assert.Equal(["4", "1"], reconnected.Held.Select(m => m.InjectNumber));
        Assert.Equal([1L, 2L], reconnected.Held.Select(m => m.Sequence));
        Assert.Empty(await reconnected.SyncAsync());
    }

    [Fact]
    public async Task Responding_to_a_message_the_mailbox_does_not_have_is_refused_and_stores_nothing()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            teamA.RespondAsync(Guid.NewGuid().ToString(), 42, "answer to nothing"));

        Assert.Contains("no message 42", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Controller.GetResponsesAsync(exercise.ExerciseId, "team-a"));
    }
}
