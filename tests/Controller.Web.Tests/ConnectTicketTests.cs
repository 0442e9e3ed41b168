using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// A phone's socket carries a one-time connect ticket in its URL instead of its week-long token
/// (docs/device-protocol.md, "Hub"; issue 16 §3): the ticket connects once, as the device that asked for
/// it, and nothing else gets in with one: not a second socket, not after it expires, not one made up.
/// </summary>
public sealed class ConnectTicketTests : IAsyncLifetime
{
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(2);

    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Auth:ConnectTicketLifetime"] = TicketLifetime.ToString() });
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Socket_with_a_ticket_in_its_url_is_the_device_that_asked_for_it_and_gets_its_pushes()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var id = exercise.ExerciseId;
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Ticket phone");
        var ticket = await AskForTicketAsync(session.Token);

        await using var connection = ConnectWith(ticket.Ticket);
        var pushed = new TaskCompletionSource<DeliveredMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(nameof(IDeviceClient.Deliver), frame => pushed.TrySetResult(frame.Deserialize<DeliveredMessage>(WebNode.Json)!));
        await connection.StartAsync();
        await _controller.StartAsync(id);
        await _controller.FireAsync(id, "1");

        Assert.StartsWith(ConnectTickets.Prefix, ticket.Ticket, StringComparison.Ordinal);
        Assert.True(ticket.Ticket.Length < 40, $"A ticket is short: {ticket.Ticket.Length} characters.");
        Assert.InRange(ticket.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.Zero, TicketLifetime);
        Assert.Equal("1", (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(20))).InjectNumber);
        var device = Assert.Single(await _controller.GetDevicesAsync(id), d => d.DeviceId == session.DeviceId);
        Assert.True(device.Connected);
        Assert.StartsWith("Ticket phone", device.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_connects_once_and_a_second_socket_with_it_is_refused()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var ticket = await AskForTicketAsync(session.Token);
        await using var first = ConnectWith(ticket.Ticket);
        await first.StartAsync();

        await using var replayed = ConnectWith(ticket.Ticket);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => replayed.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, first.State);
    }

    [Fact]
    public async Task Expired_ticket_is_refused_and_a_fresh_one_connects()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var stale = await AskForTicketAsync(session.Token);

        await Task.Delay(stale.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500));
        await using var late = ConnectWith(stale.Ticket);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => late.StartAsync());
        await using var fresh = ConnectWith((await AskForTicketAsync(session.Token)).Ticket);
        await fresh.StartAsync();

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, fresh.State);
    }

    [Theory]
    [InlineData("ct_AAAAAAAAAAAAAAAAAAAAAA")] // well formed, never issued
    [InlineData("ct_not a ticket")]
    [InlineData("ct_")]
    public async Task Made_up_ticket_is_refused(string ticket)
    {
        await using var connection = ConnectWith(ticket);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_ticket_is_refused()
    {
        // Under Kestrel's 8 KB request line, so it reaches the ticket handler: a grain key is kept by the
        // silo's directory, and a hostile socket must not choose a 6 KB one.
        var ticket = ConnectTickets.Prefix + new string('A', 6_000);
        await using var connection = ConnectWith(ticket);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_device_token_gets_a_ticket()
    {
        using var anonymous = new HttpClient { BaseAddress = _node.BaseAddress };
        var withoutToken = await anonymous.PostAsync(ConnectTickets.Path, content: null);
        var withControllerToken = await _controller.Http.PostAsync(ConnectTickets.Path, content: null);
        using var forged = new HttpClient { BaseAddress = _node.BaseAddress };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA");
        var withForgedToken = await forged.PostAsync(ConnectTickets.Path, content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withControllerToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedToken.StatusCode);
    }

    [Fact]
    public async Task Revoked_device_gets_a_ticket_but_its_socket_is_refused_with_the_revocation()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await _controller.RevokeAsync(exercise.ExerciseId, session.DeviceId);

        await using var connection = ConnectWith((await AskForTicketAsync(session.Token)).Ticket);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error => Task.FromResult(closed.TrySetResult(error));
        // The hub refuses from OnConnectedAsync, after the handshake: the refusal is the reason the socket closes.
        await connection.StartAsync();
        var refused = await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // The phone app recognises this text (isRevocation in sync.ts) and forgets the exercise.
        Assert.Contains("device was revoked", refused?.Message, StringComparison.OrdinalIgnoreCase);
    }

    private Task<ConnectTicketResponse> AskForTicketAsync(string deviceToken) => DeviceClient.AskForConnectTicketAsync(_node.Http, _node.BaseAddress, deviceToken);

    /// <summary>As the phone app connects: WebSockets only, no negotiate, the ticket as SignalR's access_token.</summary>
    private HubConnection ConnectWith(string ticket) =>
        DeviceClient.Socket(new Uri(_node.BaseAddress, $"{DeviceHub.Path}?{HubSockets.AccessTokenParameter}={Uri.EscapeDataString(ticket)}"));
}
