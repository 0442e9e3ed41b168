using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
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
/// A hub's socket request lasts as long as the phone is connected, so once its user is known it lets
/// go of the bearer token (issue 16 §3): the server sees neither the header nor the query's
/// access_token afterwards, its authentication ran in a service scope of its own rather than the
/// request's, and the connection still works as that device. A request that is not a socket keeps its
/// error pages.
/// </summary>
public sealed class HubSocketTests : IAsyncLifetime
{
    private readonly RequestSeenByHub _seen = new();
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync(replaceServices: services =>
        {
            services.Configure<HubOptions>(hub => hub.AddFilter(_seen));
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                var validated = jwt.Events.OnTokenValidated;
                jwt.Events.OnTokenValidated = context =>
                {
                    _seen.Authenticated(context.HttpContext, context.Principal);
                    return validated(context);
                };
            });
        });
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Socket_authenticated_by_header_no_longer_holds_the_token_and_still_answers_as_its_device()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Header phone");
        await using var connection = DeviceClient.Socket(new Uri(_node.BaseAddress, DeviceHub.Path), session.Token);

        await connection.StartAsync();
        var reconciled = await connection.InvokeAsync<JsonElement>(nameof(DeviceHub.Reconcile), 0L, 10);

        var seen = await _seen.For(session.DeviceId);
        Assert.Equal(string.Empty, seen.Authorization);
        Assert.DoesNotContain(session.Token, seen.Query, StringComparison.Ordinal);
        // The socket was authenticated, and never in the request's own service scope, which lives as long as
        // the connection: that scope holds no handlers and no result.
        Assert.NotEmpty(seen.AuthenticatedIn);
        Assert.DoesNotContain(seen.RequestServices, seen.AuthenticatedIn);
        Assert.Equal(JsonValueKind.Object, reconciled.ValueKind);
    }

    [Fact]
    public async Task Socket_authenticated_by_query_like_a_browser_drops_the_access_token_and_keeps_the_rest_of_the_query()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var id = exercise.ExerciseId;
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Browser phone");

        // As SignalR's JavaScript client does: negotiate, then the socket with ?id=…&access_token=….
        await using var connection = DeviceClient.Socket(new Uri(_node.BaseAddress, $"{DeviceHub.Path}?{HubSockets.AccessTokenParameter}={Uri.EscapeDataString(session.Token)}"), token: null, negotiate: true);
        var pushed = new TaskCompletionSource<DeliveredMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(nameof(IDeviceClient.Deliver), frame => pushed.TrySetResult(frame.Deserialize<DeliveredMessage>(WebNode.Json)!));
        await connection.StartAsync();
        await _controller.StartAsync(id);
        await _controller.FireAsync(id, "1");

        var seen = await _seen.For(session.DeviceId);
        Assert.DoesNotContain(HubSockets.AccessTokenParameter, seen.Query, StringComparison.Ordinal);
        Assert.Contains("id=", seen.Query, StringComparison.Ordinal);
        Assert.Equal("1", (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(20))).InjectNumber);
    }

    [Fact]
    public async Task Socket_authenticated_by_a_connect_ticket_drops_it_from_the_query_and_answers_as_its_device()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Ticket phone");
        var ticket = (await DeviceClient.AskForConnectTicketAsync(_node.Http, _node.BaseAddress, session.Token)).Ticket;

        await using var connection = DeviceClient.Socket(new Uri(_node.BaseAddress, $"{DeviceHub.Path}?{HubSockets.AccessTokenParameter}={ticket}"), token: null);
        await connection.StartAsync();
        var reconciled = await connection.InvokeAsync<JsonElement>(nameof(DeviceHub.Reconcile), 0L, 10);

        var seen = await _seen.For(session.DeviceId);
        Assert.DoesNotContain(ticket, seen.Query, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, reconciled.ValueKind);
    }

    [Fact]
    public async Task Socket_request_with_a_forged_token_is_still_refused()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var forged = session.Token[..^4] + (session.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await using var connection = DeviceClient.Socket(new Uri(_node.BaseAddress, DeviceHub.Path), forged);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_request_to_a_hub_path_keeps_its_error_page()
    {
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };

        var response = await http.GetAsync($"{DeviceHub.Path}/negotiate");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private sealed record Seen(string Authorization, string Query, IServiceProvider RequestServices, IReadOnlyList<IServiceProvider> AuthenticatedIn);

    /// <summary>What the socket's request held by the time the hub saw the connection, by device.</summary>
    private sealed class RequestSeenByHub : IHubFilter
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<Seen>> _seen = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentQueue<IServiceProvider>> _authenticatedIn = new(StringComparer.Ordinal);

        /// <summary>Which service scope a hub socket's bearer token was validated in.</summary>
        public void Authenticated(HttpContext http, ClaimsPrincipal? user)
        {
            if (http.Request.Path.StartsWithSegments(HubSockets.PathPrefix) && user?.FindFirst(ClaimNames.Subject)?.Value is { } device)
            {
                _authenticatedIn.GetOrAdd(device, _ => new ConcurrentQueue<IServiceProvider>()).Enqueue(http.RequestServices);
            }
        }

        public Task<Seen> For(string deviceId) =>
            Entry(deviceId).Task.WaitAsync(TimeSpan.FromSeconds(20));

        public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            var http = context.Context.GetHttpContext()!;
            if (context.Context.User?.FindFirst(ClaimNames.Subject)?.Value is { } device)
            {
                Entry(device).TrySetResult(new Seen(
                    http.Request.Headers.Authorization.ToString(),
                    http.Request.QueryString.ToString(),
                    http.RequestServices,
                    [.. _authenticatedIn.GetValueOrDefault(device, [])]));
            }

            return next(context);
        }

        private TaskCompletionSource<Seen> Entry(string deviceId) =>
            _seen.GetOrAdd(deviceId, _ => new TaskCompletionSource<Seen>(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
