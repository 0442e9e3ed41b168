using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ScenarioEngine.Bench.Clients;

public enum RawMode
{
    /// <summary>B0: every WebSocket message is one DeliveredMessage as JSON.</summary>
    Plain,

    /// <summary>SignalR's JSON hub protocol spoken by hand: handshake, invocation frames ended by 0x1E, pings.</summary>
    SignalRJson,
}

/// <summary>
/// A lightweight client for thousands of connections in one process: a ClientWebSocket, one
/// buffer, no HubConnection machinery. It binds to a chosen 127.0.0.x source address so the
/// ephemeral ports of one address do not run out.
/// </summary>
public sealed class RawClient(int index, ClientEndpoint endpoint, RawMode mode, HttpMessageInvoker invoker, ArrivalHandler onArrival) : IBenchClient
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private byte[] _buffer = new byte[4096];
    private volatile bool _stalled;
    private Task _receiving = Task.CompletedTask;
    private ReceiptBatcher? _receipts;

    public int Index => index;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var credential = endpoint.ConnectTicket is { } askForTicket ? await askForTicket(cancellationToken) : endpoint.Token;
        var url = credential is null ? endpoint.Url : new Uri($"{endpoint.Url}{(endpoint.Url.Query.Length > 0 ? "&" : "?")}access_token={Uri.EscapeDataString(credential)}");
        await _socket.ConnectAsync(url, invoker, cancellationToken);
        if (mode == RawMode.SignalRJson)
        {
            await _socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            var length = await ReceiveMessageAsync(cancellationToken);
            // The handshake answer is "{}" then 0x1E; an "error" member means the server refused.
            if (length < 0 || _buffer.AsSpan(0, length).IndexOf("error"u8) >= 0)
            {
                throw new InvalidOperationException($"SignalR handshake failed: {Encoding.UTF8.GetString(_buffer, 0, Math.Max(0, length))}");
            }
        }

        _receipts = endpoint.Receipts is { } delay
            ? new ReceiptBatcher(delay, sequences => SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"Received\",\"arguments\":[[{string.Join(',', sequences)}]]}}\u001e")))
            : null;
        _receiving = Task.Run(ReceiveLoop);
    }

    public async Task PingAsync()
    {
        // A stalled client is a phone whose network stopped: it sends nothing either.
        if (mode == RawMode.SignalRJson && IsOpen && !_stalled)
        {
            await SendAsync(Ping);
        }
    }

    public void Stall() => _stalled = true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing is best effort at the end of a run.
        }

        _socket.Abort();
        _socket.Dispose();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>A socket that binds to <paramref name="source"/>; a stalled client gets a small receive buffer so back-pressure reaches the server soon.</summary>
    public static HttpMessageInvoker InvokerFrom(IPAddress source, int? receiveBufferBytes = null) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBufferBytes is { } size)
                {
                    socket.ReceiveBufferSize = size;
                }

                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionLifetime = TimeSpan.Zero,
        });

    private async Task ReceiveLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                while (_stalled)
                {
                    await Task.Delay(100, _stop.Token);
                }

                var length = await ReceiveMessageAsync(_stop.Token);
                if (length < 0)
                {
                    return;
                }

                var arrivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                if (mode == RawMode.Plain)
                {
                    Handle(_buffer.AsSpan(0, length), arrivedAt);
                    continue;
                }

                // One WebSocket message may hold several records.
                var rest = _buffer.AsMemory(0, length);
                while (rest.Length > 0)
                {
                    var end = rest.Span.IndexOf(RecordSeparator);
                    var record = end < 0 ? rest : rest[..end];
                    if (Handle(record.Span, arrivedAt) is { } sequence)
                    {
                        _receipts?.Add(sequence);
                    }

                    rest = end < 0 ? Memory<byte>.Empty : rest[(end + 1)..];
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Closed: IsOpen says so, and the run counts it as a drop if it was not ours.
        }
    }

    /// <summary>Reads one whole WebSocket message into the buffer; -1 when the socket closed.</summary>
    private async Task<int> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return -1;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
        }
    }

    /// <summary>Records a pushed inject; returns its sequence, or null for pings and other frames.</summary>
    private long? Handle(ReadOnlySpan<byte> json, long arrivedAt)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json);
        string? injectNumber = null;
        long? sequence = null;
        var isDeliver = mode == RawMode.Plain;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isDeliver = reader.ValueTextEquals("Deliver"u8);
            }
            else if (reader.ValueTextEquals("injectNumber"u8))
            {
                reader.Read();
                injectNumber = reader.GetString();
            }
            else if (reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
        }

        if (!isDeliver || injectNumber is null || sequence is null || !int.TryParse(injectNumber, out var number))
        {
            return null;
        }

        onArrival(index, number, sequence.Value, arrivedAt);
        return sequence;
    }

    /// <summary>
    /// Answers mailbox entry <paramref name="sequence"/> as the phone's Respond does, as a non-blocking
    /// invocation: the server stores it all the same, and the load generator does not wait for receipts.
    /// </summary>
    public Task RespondAsync(string responseId, long sequence, string text) =>
        SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"Respond\",\"arguments\":[{{\"responseId\":\"{responseId}\",\"sequence\":{sequence},\"text\":\"{text}\"}}]}}\u001e"));

    private async Task SendAsync(byte[] frame)
    {
        await _sendLock.WaitAsync(_stop.Token);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
