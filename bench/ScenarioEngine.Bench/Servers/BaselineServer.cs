using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
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

/// <summary>B0: every open socket, each with a writer loop so one slow socket never holds up the others.</summary>
public sealed class RawSockets
{
    private readonly ConcurrentDictionary<long, Channel<byte[]>> _queues = new();
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
        var queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        _queues[id] = queue;
        var writing = WriteLoop(socket, queue.Reader);
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
            _queues.TryRemove(id, out _);
            queue.Writer.TryComplete();
            await writing;
        }
    }

    public void Broadcast(byte[] payload)
    {
        foreach (var queue in _queues.Values)
        {
            queue.Writer.TryWrite(payload);
        }
    }

    private static async Task WriteLoop(WebSocket socket, ChannelReader<byte[]> queue)
    {
        try
        {
            await foreach (var payload in queue.ReadAllAsync())
            {
                await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket closed under the writer.
        }
    }
}
