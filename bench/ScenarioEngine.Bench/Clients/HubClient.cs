using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Bench.Clients;

public enum HubProtocol
{
    Json,
    MessagePack,
}

/// <summary>A real SignalR .NET client (HubConnection over WebSockets), JSON or MessagePack, as a phone's library would be.</summary>
public sealed class HubClient : IBenchClient
{
    private readonly HubConnection _connection;
    private readonly ReceiptBatcher? _receipts;
    private volatile bool _closed;

    public HubClient(int index, ClientEndpoint endpoint, HubProtocol protocol, ArrivalHandler onArrival)
    {
        Index = index;
        _receipts = endpoint.Receipts is { } delay ? new ReceiptBatcher(delay, sequences => _connection!.SendAsync("Received", sequences)) : null;
        var builder = new HubConnectionBuilder().WithUrl(endpoint.Url, options =>
        {
            options.AccessTokenProvider = () => Task.FromResult(endpoint.Token);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        _connection = (protocol == HubProtocol.MessagePack
            ? builder.AddMessagePackProtocol()
            : builder.AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase))))
            .Build();
        _connection.On<DeliveredMessage>("Deliver", message =>
        {
            var arrivedAt = Stopwatch.GetTimestamp();
            if (int.TryParse(message.InjectNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                onArrival(index, number, message.Sequence, arrivedAt);
            }

            _receipts?.Add(message.Sequence);
        });
        _connection.Closed += _ =>
        {
            _closed = true;
            return Task.CompletedTask;
        };
    }

    public int Index { get; }

    public bool IsOpen => !_closed && _connection.State == HubConnectionState.Connected;

    public HubConnection Connection => _connection;

    public Task ConnectAsync(CancellationToken cancellationToken) => _connection.StartAsync(cancellationToken);

    // HubConnection pings the server by itself.
    public Task PingAsync() => Task.CompletedTask;

    public void Stall() => throw new NotSupportedException("Stall raw clients; HubConnection always reads.");

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
