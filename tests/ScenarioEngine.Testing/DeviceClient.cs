using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Testing;

/// <summary>
/// A phone as the server sees it: a real SignalR client over a real WebSocket. It records every
/// frame pushed to it (as raw JSON too, for the no-spoiler checks) and follows the device rule:
/// sync on connect, keep messages by delivery id.
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly Channel<DeliveredMessage> _pushes = Channel.CreateUnbounded<DeliveredMessage>();
    private readonly ConcurrentDictionary<string, DeliveredMessage> _held = new();
    private readonly HubConnection _connection;

    private DeviceClient(HubConnection connection, JoinResponse session)
    {
        _connection = connection;
        Session = session;
        _connection.On<JsonElement>(nameof(IDeviceClient.Deliver), frame =>
        {
            RawFrames.Enqueue(frame.GetRawText());
            var message = frame.Deserialize<DeliveredMessage>(WebNode.Json)!;
            Pushed.Enqueue(message);
            // Kept at once, as a phone keeps it. Not awaited: a handler that waits on an invocation stalls the connection.
            if (_held.TryAdd(message.DeliveryId, message))
            {
                _ = ReceivedAsync([message.Sequence]);
            }

            _pushes.Writer.TryWrite(message);
        });
        _connection.On<JsonElement>(nameof(IDeviceClient.Signal), frame =>
        {
            RawFrames.Enqueue(frame.GetRawText());
            _signals.Writer.TryWrite(frame.Deserialize<SafetySignal>(WebNode.Json)!);
        });
        _connection.On<string>(nameof(IDeviceClient.SignalCleared), signalId => ClearedSignals.Enqueue(signalId));
        _connection.On(nameof(IDeviceClient.Revoked), () => _revoked.TrySetResult());
        _connection.On(nameof(IDeviceClient.Resync), () =>
        {
            ResyncRequests++;
            _ = SyncAsync();
        });
        _connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    private readonly Channel<SafetySignal> _signals = Channel.CreateUnbounded<SafetySignal>();
    private readonly TaskCompletionSource _revoked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> ClearedSignals { get; } = new();

    /// <summary>How often the server asked this device to sync; the device does so at once.</summary>
    public int ResyncRequests { get; private set; }

    /// <summary>Completes when the server says this device was revoked.</summary>
    public Task Revoked => _revoked.Task;

    /// <summary>Completes when the connection closes for good.</summary>
    public Task Closed => _closed.Task;

    public async Task<SafetySignal> WaitForSignalAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _signals.Reader.ReadAsync(cts.Token);
    }

    public JoinResponse Session { get; }

    /// <summary>Everything the server sent this device (pushes, signals, sync results), as the JSON that came over the wire.</summary>
    public ConcurrentQueue<string> RawFrames { get; } = new();

    /// <summary>Messages pushed to this device (the doorbell), in arrival order, duplicates included.</summary>
    public ConcurrentQueue<DeliveredMessage> Pushed { get; } = new();

    /// <summary>Messages held, de-duplicated by delivery id, in sequence order.</summary>
    public IReadOnlyList<DeliveredMessage> Held => _held.Values.OrderBy(m => m.Sequence).ToList();

    /// <summary>The end of the unbroken run of sequences held from 1: a gap is synced, never skipped.</summary>
    public long LastSequence
    {
        get
        {
            var sequences = _held.Values.Select(m => m.Sequence).ToHashSet();
            var last = 0L;
            while (sequences.Contains(last + 1))
            {
                last++;
            }

            return last;
        }
    }

    public HubConnectionState State => _connection.State;

    public static async Task<JoinResponse> JoinAsync(Uri server, string code, string displayName = "Device")
    {
        using var http = new HttpClient { BaseAddress = server };
        var response = await http.PostAsJsonAsync("/api/devices/join", new { code, displayName, agency = "Police" });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Join failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JoinResponse>(WebNode.Json))!;
    }

    /// <summary>Joins with <paramref name="code"/> and connects.</summary>
    public static async Task<DeviceClient> JoinAndConnectAsync(Uri server, string code, string displayName = "Device") =>
        await ConnectAsync(server, await JoinAsync(server, code, displayName));

    /// <summary>Connects with a session (token) obtained earlier; syncs everything after what it holds.</summary>
    public static async Task<DeviceClient> ConnectAsync(Uri server, JoinResponse session, IEnumerable<DeliveredMessage>? alreadyHeld = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, DeviceHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(session.Token);
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        var device = new DeviceClient(connection, session);
        foreach (var message in alreadyHeld ?? [])
        {
            device._held[message.DeliveryId] = message;
        }

        await connection.StartAsync();
        await device.SyncAsync();
        return device;
    }

    /// <summary>Fetches everything after the last held sequence, page by page; returns what was new.</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> SyncAsync()
    {
        var fresh = new List<DeliveredMessage>();
        SyncResult page;
        do
        {
            var raw = await _connection.InvokeAsync<JsonElement>(nameof(DeviceHub.Sync), LastSequence, 200);
            RawFrames.Enqueue(raw.GetRawText());
            page = raw.Deserialize<SyncResult>(WebNode.Json)!;
            fresh.AddRange(page.Messages.Where(m => _held.TryAdd(m.DeliveryId, m)));
        }
        while (page.HasMore);

        if (fresh.Count > 0)
        {
            await ReceivedAsync(fresh.Select(m => m.Sequence).ToArray());
        }

        return fresh;
    }

    /// <summary>Waits for a pushed message matching <paramref name="match"/> (every push is held and reported received on arrival).</summary>
    public async Task<DeliveredMessage> WaitForPushAsync(Func<DeliveredMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        await foreach (var message in _pushes.Reader.ReadAllAsync(cts.Token))
        {
            if (match(message))
            {
                return message;
            }
        }

        throw new InvalidOperationException("The push channel closed.");
    }

    /// <summary>True when a push arrives within <paramref name="window"/>: used to show that none does.</summary>
    public async Task<bool> AnyPushWithinAsync(TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            return await _pushes.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public Task ReceivedAsync(long[] sequences) => _connection.InvokeAsync(nameof(DeviceHub.Received), sequences);

    public Task AcknowledgeAsync(long sequence) => _connection.InvokeAsync(nameof(DeviceHub.Acknowledge), sequence);

    public Task<ResponseReceipt> RespondAsync(string responseId, long sequence, string text) =>
        _connection.InvokeAsync<ResponseReceipt>(nameof(DeviceHub.Respond), new ResponseSubmission { ResponseId = responseId, Sequence = sequence, Text = text });

    public Task HelloAsync(DeviceHello hello) => _connection.InvokeAsync(nameof(DeviceHub.Hello), hello);

    public Task SeenAsync(long sequence) => _connection.InvokeAsync(nameof(DeviceHub.Seen), sequence);

    public Task<List<SafetySignal>> GetSignalsAsync() => _connection.InvokeAsync<List<SafetySignal>>(nameof(DeviceHub.GetSignals));

    public Task AcknowledgeSignalAsync(string signalId) => _connection.InvokeAsync(nameof(DeviceHub.AcknowledgeSignal), signalId);

    public Task<ResponseReceipt> RespondAsync(ResponseSubmission submission) =>
        _connection.InvokeAsync<ResponseReceipt>(nameof(DeviceHub.Respond), submission);

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => _connection.InvokeCoreAsync<T>(method, args);

    public Task InvokeAsync(string method, params object?[] args) => _connection.InvokeCoreAsync(method, args);

    public Task StopAsync() => _connection.StopAsync();

    public async ValueTask DisposeAsync()
    {
        _pushes.Writer.TryComplete();
        _signals.Writer.TryComplete();
        await _connection.DisposeAsync();
    }
}
