using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>Who may do what: tokens decide, and a bad one gets a clear refusal and changes nothing.</summary>
public sealed class AccessTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private Uri Server => fixture.Node.BaseAddress;

    [Fact]
    public async Task Join_code_is_accepted_in_any_case_and_with_a_dash_and_binds_the_device_to_its_team()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-b");

        var session = await DeviceClient.JoinAsync(Server, $"{code[..4].ToLowerInvariant()}-{code[4..]}", "Boris");

        Assert.Equal(("participant", "team-b", exercise.ExerciseId), (session.Role, session.RecipientId, session.ExerciseId));
        Assert.Equal(["en", "ru"], session.Languages);
    }

    [Fact]
    public async Task Actor_code_makes_an_actor_device()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        var session = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "witness"));

        Assert.Equal(("actor", "witness"), (session.Role, session.RecipientId));
    }

    [Theory]
    [InlineData("ZZZZ-ZZZZ", HttpStatusCode.NotFound)]
    [InlineData("short", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Bad_join_code_is_refused_with_a_problem_description(string code, HttpStatusCode expected)
    {
        var response = await fixture.Node.Http.PostAsJsonAsync("/api/devices/join", new { code });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_controller_password_is_refused()
    {
        var response = await fixture.Node.Http.PostAsJsonAsync("/api/controller/sign-in", new { userName = WebNode.ControllerUser, password = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Controller_api_refuses_anonymous_callers_and_devices()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var device = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        using var asDevice = new HttpRequestMessage(HttpMethod.Post, $"/api/exercises/{exercise.ExerciseId}/injects/1/fire");
        asDevice.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);

        var anonymous = await fixture.Node.Http.PostAsync($"/api/exercises/{exercise.ExerciseId}/injects/1/fire", null);
        var deviceAttempt = await fixture.Node.Http.SendAsync(asDevice);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deviceAttempt.StatusCode);
        Assert.Equal(Exercises.InjectStatus.Pending, (await fixture.Controller.GetAsync(exercise.ExerciseId)).Injects.Single(i => i.Number == "1").Status);
    }

    [Fact]
    public async Task Device_hub_refuses_a_forged_token()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var genuine = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var parts = genuine.Token.Split('.');
        // Same header and claims, signature from another key: what a forger without the key can make.
        var forged = genuine with { Token = $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => DeviceClient.ConnectAsync(Server, forged));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controller_token_cannot_connect_as_a_device()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var device = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => DeviceClient.ConnectAsync(Server, device with { Token = fixture.Controller.Token }));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_message_from_a_device_closes_only_its_connection_and_stores_nothing()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await fixture.Controller.FireAsync(exercise.ExerciseId, "4");
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");
        await using var flooder = await DeviceClient.JoinAndConnectAsync(Server, code);
        await using var neighbour = await DeviceClient.JoinAndConnectAsync(Server, code);

        await Assert.ThrowsAnyAsync<Exception>(() => flooder.RespondAsync(Guid.NewGuid().ToString(), 1, new string('x', 100_000)));

        Assert.NotEqual(HubConnectionState.Connected, flooder.State);
        Assert.Empty(await fixture.Controller.GetResponsesAsync(exercise.ExerciseId, "team-a"));
        var receipt = await neighbour.RespondAsync(Guid.NewGuid().ToString(), 1, "still here");
        Assert.False(receipt.Duplicate);
    }
}
