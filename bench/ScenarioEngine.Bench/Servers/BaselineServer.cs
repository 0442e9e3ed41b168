using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Servers;

/// <summary>
/// The two floors, in their own process as ScenarioEngine is in its own:
/// B0 (/ws) raw Kestrel WebSockets, each socket with its own send queue, the same JSON bytes to all;
/// B1 (/hubs/bare) a bare SignalR hub, Clients.Group(team).SendAsync per team. No Orleans, no storage.
/// </summary>
public static class BaselineServer
{
    public const string ModeVariable = "BENCH_SERVE";
    public const string RawPath = "/ws";
    public const string HubPath = "/hubs/bare";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<RawSockets>();
        builder.Services.AddSignalR()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .AddMessagePackProtocol();

        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/health/ready", () => "ready");
        // The one line of Prometheus text the harness reads from ScenarioEngine's /metrics too.
        app.MapGet("/metrics", () => $"dotnet_gc_last_collection_heap_size_bytes {GC.GetGCMemoryInfo().HeapSizeBytes}\n");
        app.Map(RawPath, (HttpContext context, RawSockets sockets) => sockets.AcceptAsync(context));
        app.MapHub<BareHub>(HubPath);

        // Fire inject n: the same DeliveredMessage ScenarioEngine would push.
        app.MapPost("/fire/raw/{n:int}", (int n, RawSockets sockets) =>
        {
            sockets.Broadcast(JsonSerializer.SerializeToUtf8Bytes(Payload.Message(n, DateTimeOffset.UtcNow), WebNode.Json));
            return Results.Ok();
        });
        app.MapPost("/fire/hub/{n:int}", async (int n, int teams, IHubContext<BareHub> hub) =>
        {
            var message = Payload.Message(n, DateTimeOffset.UtcNow);
            await Task.WhenAll(Enumerable.Range(0, teams).Select(t => hub.Clients.Group(Payload.TeamId(t)).SendAsync("Deliver", message)));
            return Results.Ok();
        });
        await app.RunAsync();
    }
}

/// <summary>B1: joins the team group named in the query string, as DeviceHub joins the mailbox group named in the token.</summary>
public sealed class BareHub : Hub
{
    public override Task OnConnectedAsync() =>
        Groups.AddToGroupAsync(Context.ConnectionId, Context.GetHttpContext()!.Request.Query["team"].ToString());
}

/// <summary>
/// B0: every open socket gets the same bytes. A send goes straight to the socket (Kestrel buffers it,
/// as SignalR's pipe does) and is chained behind the previous one only while that is still pending,
/// so one slow socket never holds up the others.
/// </summary>
public sealed class RawSockets
{
    private readonly ConcurrentDictionary<long, RawConnection> _connections = new();
    private readonly Lock _broadcast = new();
    private long _next;

    public async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var id = Interlocked.Increment(ref _next);
        _connections[id] = new RawConnection(socket);
        try
        {
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }
    }

    public void Broadcast(byte[] payload)
    {
        lock (_broadcast)
        {
            foreach (var connection in _connections.Values)
            {
                connection.Send(payload);
            }
        }
    }

    private sealed class RawConnection(WebSocket socket)
    {
        private Task _last = Task.CompletedTask;

        public void Send(byte[] payload) =>
            _last = _last.IsCompleted ? SendNow(payload) : _last.ContinueWith(_ => SendNow(payload), TaskScheduler.Default).Unwrap();

        private Task SendNow(byte[] payload)
        {
            try
            {
                var send = socket.SendAsync(payload.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                return send.IsCompletedSuccessfully ? Task.CompletedTask : send.AsTask();
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                return Task.CompletedTask;
            }
        }
    }
}
