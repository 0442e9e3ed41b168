using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

public sealed class ActorCallTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Actor_need_controller_call_reaches_the_control_room_once_and_can_be_answered()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var actor = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"), "Olga");
        var call = new ControllerCall { CallId = Guid.NewGuid().ToString(), Note = "Team B is asking about the van" };

        await actor.InvokeAsync(nameof(DeviceHub.CallController), call);
        await actor.InvokeAsync(nameof(DeviceHub.CallController), call);

        var calls = await Controller.Http.GetFromJsonAsync<List<ControllerCallRecord>>($"/api/exercises/{exercise.ExerciseId}/calls", WebNode.Json);
        var recorded = Assert.Single(calls!);
        Assert.Equal(("witness", "Team B is asking about the van", (DateTimeOffset?)null), (recorded.Recipient.Id, recorded.Call.Note, recorded.AnsweredAt));
        (await Controller.Http.PostAsync($"/api/exercises/{exercise.ExerciseId}/calls/{call.CallId}/answer", null)).EnsureSuccessStatusCode();
        var answered = Assert.Single((await Controller.Http.GetFromJsonAsync<List<ControllerCallRecord>>($"/api/exercises/{exercise.ExerciseId}/calls", WebNode.Json))!);
        Assert.Equal(WebNode.ControllerUser, answered.AnsweredBy);
    }

    [Fact]
    public async Task Control_room_feed_shows_an_actors_call_with_its_note()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var actor = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"), "Olga");

        await actor.InvokeAsync(nameof(DeviceHub.CallController), new ControllerCall { CallId = "call-1", Note = "interpreter missing" });

        using var scope = fixture.Node.Services.CreateScope();
        var board = await scope.ServiceProvider.GetRequiredService<Dashboard.DashboardData>().LoadAsync(exercise.ExerciseId);
        var item = Assert.Single(Dashboard.BoardQueries.FeedItems(board!, []), i => i.Kind == "call");
        Assert.Contains("interpreter missing", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participants_cannot_call_the_controller_from_the_actor_button()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var participant = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await Assert.ThrowsAsync<HubException>(() => participant.InvokeAsync(nameof(DeviceHub.CallController), new ControllerCall { CallId = "c-1" }));
    }

    [Fact]
    public async Task Actor_learns_the_teams_it_may_disclose_to_and_a_participant_learns_no_other_team()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        var actor = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"));
        var participant = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        Assert.Equal(["team-a", "team-b"], actor.Teams.Select(t => t.Id));
        Assert.Empty(participant.Teams);
    }

    [Fact]
    public async Task Device_sees_every_response_its_team_gave_to_a_message_from_any_of_its_devices()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");
        await using var anna = await DeviceClient.JoinAndConnectAsync(Server, code, "Anna");
        await using var boris = await DeviceClient.JoinAndConnectAsync(Server, code, "Boris");
        await Controller.FireAsync(exercise.ExerciseId, "1");
        await Controller.FireAsync(exercise.ExerciseId, "4");
        await anna.SyncAsync();
        await boris.SyncAsync();

        await anna.RespondAsync(Guid.NewGuid().ToString(), 2, "from Anna");
        await boris.RespondAsync(Guid.NewGuid().ToString(), 2, "from Boris");
        await boris.RespondAsync(Guid.NewGuid().ToString(), 1, "to the other message");

        var seen = await anna.InvokeAsync<List<StoredResponse>>(nameof(DeviceHub.GetResponses), 2L);
        Assert.Equal(["from Anna", "from Boris"], seen.Select(r => r.Text).Order(StringComparer.Ordinal));
    }
}
