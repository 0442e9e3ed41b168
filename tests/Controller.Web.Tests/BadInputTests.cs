using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>Bad input gets a clear refusal, the server stays up, others are unaffected and nothing is stored wrongly.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly string SigningKey = WebNode.NewSigningKey();
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Web:DeviceCallsPerSecond"] = "5",
            ["Web:DeviceCallBurst"] = "10",
        });
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var expired = Token(DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-2), exercise.ExerciseId, "team-a");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => DeviceClient.ConnectAsync(_node.BaseAddress, session with { Token = expired }));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_for_another_exercise_sees_nothing_of_this_one()
    {
        var mine = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var theirs = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var outsider = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(theirs, "team-a"));

        await _controller.FireAsync(mine.ExerciseId, "4");

        Assert.False(await outsider.AnyPushWithinAsync(TimeSpan.FromMilliseconds(700)));
        Assert.Empty(await outsider.SyncAsync());
        await Assert.ThrowsAsync<HubException>(() => outsider.RespondAsync(Guid.NewGuid().ToString(), 1, "answer to another exercise"));
        Assert.Empty(await _controller.GetResponsesAsync(mine.ExerciseId, "team-a"));
    }

    [Fact]
    public async Task Malformed_frames_close_only_the_sender_and_the_server_stays_up()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var bystander = await DeviceClient.ConnectAsync(_node.BaseAddress, session);
        using var socket = new ClientWebSocket();
        var url = new UriBuilder(new Uri(_node.BaseAddress, DeviceHub.Path)) { Scheme = "ws", Query = $"access_token={session.Token}" }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);

        await Send(socket, "{\"protocol\":\"json\",\"version\":1}\u001e");
        await Send(socket, "{\"type\":1,\"target\":\"Respond\",\"arguments\":[{\"responseId\":\u001e");
        await Send(socket, "this is not json at all\u001e");

        Assert.True(await ClosedByServer(socket));
        await _controller.FireAsync(exercise.ExerciseId, "4");
        var message = await bystander.WaitForPushAsync(m => m.InjectNumber == "4");
        Assert.False((await bystander.RespondAsync(Guid.NewGuid().ToString(), message.Sequence, "fine")).Duplicate);
        Assert.Single(await _controller.GetResponsesAsync(exercise.ExerciseId, "team-a"));
    }

    [Fact]
    public async Task Flooding_device_is_slowed_down_others_are_served_and_each_accepted_response_is_stored_once()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await _controller.FireAsync(exercise.ExerciseId, "4");
        await using var flooder = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var neighbour = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-b"));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                await flooder.RespondAsync($"flood-{i}", 1, $"spam {i}");
                return true;
            }
            catch (HubException e) when (e.Message.Contains("Too many requests", StringComparison.Ordinal))
            {
                return false;
            }
        }));

        Assert.Contains(false, attempts);
        Assert.Empty(await neighbour.SyncAsync());
        Assert.Equal(attempts.Count(accepted => accepted), (await _controller.GetResponsesAsync(exercise.ExerciseId, "team-a")).Count);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _node.Http.GetAsync("/health/ready")).StatusCode);

        // Slowed down, not shut out: the bucket refills and the same connection is served again.
        await Wait.UntilSucceeds(() => flooder.RespondAsync("after-the-flood", 1, "calm again"), TimeSpan.FromSeconds(10));
        Assert.Contains(await _controller.GetResponsesAsync(exercise.ExerciseId, "team-a"), r => r.ResponseId == "after-the-flood");
    }

    [Fact]
    public async Task Guessing_join_codes_is_limited_per_address()
    {
        await using var strict = await WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:JoinAttemptsPerMinute"] = "3" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await strict.Http.PostAsJsonAsync("/api/devices/join", new { code = $"GUESS00{i}" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    private static string Token(DateTime notBefore, DateTime expires, string exerciseId, string teamId) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer,
            Audience = TokenService.Audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity(
            [
                new Claim(ClaimNames.Subject, "expired-device"),
                new Claim(ClaimNames.Role, Roles.Participant),
                new Claim(ClaimNames.Exercise, exerciseId),
                new Claim(ClaimNames.RecipientKind, "team"),
                new Claim(ClaimNames.RecipientId, teamId),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), SecurityAlgorithms.HmacSha256),
        });

    private static Task Send(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<bool> ClosedByServer(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            return true;
        }
    }
}
