using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Testing;

/// <summary>
/// A phone as the server sees it: a real SignalR client over a real WebSocket. It records every
/// frame pushed to it (as raw JSON too, for the no-spoiler checks) and follows the device rule
/// (docs/device-protocol.md, "The phone heals by itself"): keep messages by delivery id and
/// signals by signal id, confirm both, and reconcile on connect, on <c>Resync</c> and whenever
/// the connection has been quiet for <see cref="DefaultHealInterval"/> (shorter in tests).
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly Channel<DeliveredMessage> _pushes = Channel.CreateUnbounded<DeliveredMessage>();
    private readonly ConcurrentDictionary<string, DeliveredMessage> _held = new();
    private readonly HubConnection _connection;

    /// <summary>The phone app's idle reconcile period (at most 30 s by the protocol).</summary>
    public static readonly TimeSpan DefaultHealInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SafetySignal> _heldSignals = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _healInterval;
    private long _lastReconcileTicks;
    private int _reconciles;

    private DeviceClient(HubConnection connection, JoinResponse session, TimeSpan healInterval)
    {
        _connection = connection;
        Session = session;
        _healInterval = healInterval;
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
            Hold(frame.Deserialize<SafetySignal>(WebNode.Json)!);
        });
        _connection.On<string>(nameof(IDeviceClient.SignalCleared), signalId =>
        {
            _heldSignals.TryRemove(signalId, out _);
            ClearedSignals.Enqueue(signalId);
        });
        _connection.On(nameof(IDeviceClient.Revoked), () => _revoked.TrySetResult());
        _connection.On(nameof(IDeviceClient.Resync), () =>
        {
            ResyncRequests++;
            _ = ReconcileQuietlyAsync();
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

    /// <summary>How many times this device reconciled (on connect, on resync, when idle).</summary>
    public int Reconciles => Volatile.Read(ref _reconciles);

    /// <summary>The signals in force as this device knows them, by signal id.</summary>
    public IReadOnlyDictionary<string, SafetySignal> HeldSignals => _heldSignals;

    /// <summary>The SignalR connection id: unchanged while the device stays on one connection.</summary>
    public string? ConnectionId => _connection.ConnectionId;

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

    /// <summary>Asks for a one-time connect ticket with the device's token, as the phone app does before each connect.</summary>
    public static async Task<ConnectTicketResponse> AskForConnectTicketAsync(HttpClient http, Uri server, string deviceToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, ConnectTickets.Path));
        request.Headers.Authorization = new("Bearer", deviceToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConnectTicketResponse>(WebNode.Json, cancellationToken))!;
    }

    /// <summary>
    /// A bare connection to the device hub over WebSockets, not started: with <paramref name="token"/> in a
    /// header as .NET clients send it, or with none when <paramref name="url"/> carries the credential in its query
    /// as a browser's does; <paramref name="negotiate"/> as SignalR's JavaScript client does by default.
    /// </summary>
    public static HubConnection Socket(Uri url, string? token = null, bool negotiate = false) => new HubConnectionBuilder()
        .WithUrl(url, options =>
        {
            if (token is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }

            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            options.SkipNegotiation = !negotiate;
        })
        .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
        .Build();

    /// <summary>Joins with <paramref name="code"/> and connects.</summary>
    public static async Task<DeviceClient> JoinAndConnectAsync(Uri server, string code, string displayName = "Device") =>
        await ConnectAsync(server, await JoinAsync(server, code, displayName));

    /// <summary>
    /// Connects with a session (token) obtained earlier and reconciles: everything after what it
    /// holds, and the signals in force. Then reconciles again whenever quiet for <paramref name="healInterval"/>.
    /// </summary>
    public static async Task<DeviceClient> ConnectAsync(
        Uri server, JoinResponse session, IEnumerable<DeliveredMessage>? alreadyHeld = null, TimeSpan? healInterval = null)
    {
        var connection = Socket(new Uri(server, DeviceHub.Path), session.Token);
        var device = new DeviceClient(connection, session, healInterval ?? DefaultHealInterval);
        foreach (var message in alreadyHeld ?? [])
        {
            device._held[message.DeliveryId] = message;
        }

        await connection.StartAsync();
        await device.ReconcileAsync();
        _ = device.HealWhileConnectedAsync();
        return device;
    }

    /// <summary>
    /// The self-healing call: the signals in force and the mailbox after what is held, in one round
    /// trip (then <c>Sync</c> for any further pages). A signal not held is kept and confirmed; a held
    /// one no longer in force was cleared. Returns the messages that were new.
    /// </summary>
    public async Task<IReadOnlyList<DeliveredMessage>> ReconcileAsync()
    {
        Interlocked.Exchange(ref _lastReconcileTicks, Environment.TickCount64);
        Interlocked.Increment(ref _reconciles);
        var raw = await _connection.InvokeAsync<JsonElement>(nameof(DeviceHub.Reconcile), LastSequence, 200);
        RawFrames.Enqueue(raw.GetRawText());
        var result = raw.Deserialize<ReconcileResult>(WebNode.Json)!;

        var inForce = result.Signals.Select(s => s.SignalId).ToHashSet(StringComparer.Ordinal);
        foreach (var cleared in _heldSignals.Keys.Where(id => !inForce.Contains(id)))
        {
            if (_heldSignals.TryRemove(cleared, out _))
            {
                ClearedSignals.Enqueue(cleared);
            }
        }

        foreach (var signal in result.Signals)
        {
            Hold(signal);
        }

        var fresh = result.Mailbox.Messages.Where(m => _held.TryAdd(m.DeliveryId, m)).ToList();
        if (fresh.Count > 0)
        {
            await ReceivedAsync(fresh.Select(m => m.Sequence).ToArray());
        }

        return result.Mailbox.HasMore ? [.. fresh, .. await SyncAsync()] : fresh;
    }

    private void Hold(SafetySignal signal)
    {
        if (_heldSignals.TryAdd(signal.SignalId, signal))
        {
            _signals.Writer.TryWrite(signal);
            // Not awaited, as with messages: a handler that waits on an invocation stalls the connection.
            _ = ConfirmSignalQuietlyAsync(signal.SignalId);
        }
    }

    private async Task ConfirmSignalQuietlyAsync(string signalId)
    {
        try
        {
            await _connection.InvokeAsync(nameof(DeviceHub.SignalsReceived), new[] { signalId });
        }
        catch (Exception e) when (e is InvalidOperationException or HubException or OperationCanceledException)
        {
            // Confirmed again at the next reconcile, which finds the signal already held: a phone
            // would keep it unconfirmed; this test client accepts the gap (the tests that count
            // deliveries stay connected).
        }
    }

    private async Task ReconcileQuietlyAsync()
    {
        try
        {
            await ReconcileAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or HubException or OperationCanceledException)
        {
            // The connection closed meanwhile; a phone would reconcile on its next connect.
        }
    }

    // The phone's idle timer: reconcile when nothing was reconciled for a whole interval.
    private async Task HealWhileConnectedAsync()
    {
        using var timer = new PeriodicTimer(_healInterval / 4);
        var stopping = _stopping.Token;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (_connection.State == HubConnectionState.Connected
                    && Environment.TickCount64 - Interlocked.Read(ref _lastReconcileTicks) >= _healInterval.TotalMilliseconds)
                {
                    await ReconcileQuietlyAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
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

    public Task<RequestReceipt> RequestAsync(PersonaRequest request) =>
        _connection.InvokeAsync<RequestReceipt>(nameof(DeviceHub.Request), request);

    /// <summary>Scans an evidence label; the receipt's frame is kept with the others, so wire assertions see it too.</summary>
    public async Task<Evidence.EvidenceReceipt> ScanEvidenceAsync(string scanId, string code)
    {
        var raw = await _connection.InvokeAsync<JsonElement>(nameof(DeviceHub.ScanEvidence), new Evidence.EvidenceScan { ScanId = scanId, Code = code });
        RawFrames.Enqueue(raw.GetRawText());
        return raw.Deserialize<Evidence.EvidenceReceipt>(WebNode.Json)!;
    }

    public Task HelloAsync(DeviceHello hello) => _connection.InvokeAsync(nameof(DeviceHub.Hello), hello);

    public Task SeenAsync(long sequence) => _connection.InvokeAsync(nameof(DeviceHub.Seen), sequence);

    public Task<List<SafetySignal>> GetSignalsAsync() => _connection.InvokeAsync<List<SafetySignal>>(nameof(DeviceHub.GetSignals));

    public Task AcknowledgeSignalAsync(string signalId) => _connection.InvokeAsync(nameof(DeviceHub.AcknowledgeSignal), signalId);

    public Task<ResponseReceipt> RespondAsync(ResponseSubmission submission) =>
        _connection.InvokeAsync<ResponseReceipt>(nameof(DeviceHub.Respond), submission);

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => _connection.InvokeCoreAsync<T>(method, args);

    public Task InvokeAsync(string method, params object?[] args) => _connection.InvokeCoreAsync(method, args);

    public Task StopAsync() => _connection.StopAsync();

    public Task SignalsReceivedAsync(params string[] signalIds) => _connection.InvokeAsync(nameof(DeviceHub.SignalsReceived), signalIds);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _stopping.Dispose();
        _pushes.Writer.TryComplete();
        _signals.Writer.TryComplete();
        await _connection.DisposeAsync();
    }
}
