using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>An actor's upcoming cue cards on the wire: which cards, how little of each, and the clock they are timed by (issue 17).</summary>
public sealed class UpcomingCueCardsTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task An_actor_sees_only_their_own_timed_cards_ahead_by_title_and_due_time_never_the_body_or_gates()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, UpcomingCueCardScenario.Yaml);
        await using var olga = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "olga"));

        var before = await olga.InvokeAsync<UpcomingCueCards>("GetUpcomingCueCards");
        await fixture.Controller.StartAsync(exerciseId);
        (await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/clock/speed", new { speed = 2.0 })).EnsureSuccessStatusCode();
        await olga.WaitForPushAsync(m => m.InjectNumber == "C1");
        var frame = await olga.InvokeAsync<JsonElement>("GetUpcomingCueCards");
        var running = frame.Deserialize<UpcomingCueCards>(WebNode.Json)!;

        Assert.False(before.Running);
        Assert.Equal(["C1", "C2", "C3"], before.Cards.Select(c => c.InjectNumber));
        Assert.True(running.Running);
        Assert.Equal(2, running.Speed);
        Assert.Equal(["C2", "C3"], running.Cards.Select(c => c.InjectNumber));
        var raid = running.Cards[0];
        Assert.Equal("The raid: hide in the back room", raid.Title["en"]);
        Assert.Equal("Рейд: спрячьтесь в подсобке", raid.Title["ru"]);
        Assert.Equal(TimeSpan.FromMinutes(20), raid.DueAt);

        // The answer's own frame, as the phone gets it: nothing of the bodies, gates, other actors' or teams' cards.
        var answer = frame.GetRawText();
        Assert.Contains("The raid: hide in the back room", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("disclosures", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("message", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_held_card_drops_out_of_the_list_and_a_paused_clock_is_not_running()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, UpcomingCueCardScenario.Yaml);
        await using var olga = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "olga"));
        await fixture.Controller.StartAsync(exerciseId);

        (await fixture.Controller.Http.PostAsync($"/api/exercises/{exerciseId}/injects/C2/hold", null)).EnsureSuccessStatusCode();
        (await fixture.Controller.Http.PostAsync($"/api/exercises/{exerciseId}/pause", null)).EnsureSuccessStatusCode();
        var upcoming = await olga.InvokeAsync<UpcomingCueCards>("GetUpcomingCueCards");

        Assert.False(upcoming.Running);
        Assert.Equal(["C3"], upcoming.Cards.Select(c => c.InjectNumber));
    }

    [Fact]
    public async Task A_participants_device_is_refused_the_actors_list()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, UpcomingCueCardScenario.Yaml);
        await using var team = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));

        var refused = await Assert.ThrowsAsync<HubException>(() => team.InvokeAsync<UpcomingCueCards>("GetUpcomingCueCards"));

        Assert.Contains("Only actors", refused.Message, StringComparison.Ordinal);
    }
}
