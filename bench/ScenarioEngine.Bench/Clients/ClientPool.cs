using System.Net;

namespace ScenarioEngine.Bench.Clients;

public enum ClientKind
{
    /// <summary>B0's clients: raw WebSocket, one JSON message per push.</summary>
    RawPlain,

    /// <summary>Raw WebSocket speaking SignalR's JSON protocol (past ~2,000 clients).</summary>
    RawSignalR,

    HubJson,
    HubMessagePack,
}

/// <summary>N connected clients, spread over several 127.0.0.x source addresses, kept alive by pings.</summary>
public sealed class ClientPool : IAsyncDisposable
{
    private readonly List<IBenchClient> _clients;
    private readonly List<HttpMessageInvoker> _invokers;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pinging;

    private ClientPool(List<IBenchClient> clients, List<HttpMessageInvoker> invokers)
    {
        _clients = clients;
        _invokers = invokers;
        _pinging = Task.Run(PingLoop);
    }

    public IReadOnlyList<IBenchClient> Clients => _clients;

    public int OpenCount => _clients.Count(c => c.IsOpen);

    /// <summary>Connects one client per endpoint, <paramref name="parallelism"/> at a time; the last <paramref name="stalled"/> get tiny receive buffers.</summary>
    public static async Task<ClientPool> ConnectAsync(
        IReadOnlyList<ClientEndpoint> endpoints, ClientKind kind, ArrivalHandler onArrival, int sourceAddresses = 8, int stalled = 0, int parallelism = 32)
    {
        var invokers = Enumerable.Range(1, sourceAddresses)
            .Select(i => RawClient.InvokerFrom(IPAddress.Parse($"127.0.0.{i}")))
            .ToList();
        var slowInvoker = RawClient.InvokerFrom(IPAddress.Loopback, receiveBufferBytes: 4096);
        invokers.Add(slowInvoker);
        var clients = endpoints.Select((endpoint, i) => kind switch
        {
            ClientKind.HubJson => (IBenchClient)new HubClient(i, endpoint, HubProtocol.Json, onArrival),
            ClientKind.HubMessagePack => new HubClient(i, endpoint, HubProtocol.MessagePack, onArrival),
            _ => new RawClient(i, endpoint, kind == ClientKind.RawPlain ? RawMode.Plain : RawMode.SignalRJson,
                i >= endpoints.Count - stalled ? slowInvoker : invokers[i % sourceAddresses], onArrival),
        }).ToList();

        var pool = new ClientPool(clients, invokers);
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (client, token) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    await client.ConnectAsync(timeout.Token);
                    return;
                }
                catch (Exception) when (attempt < 5)
                {
                    await Task.Delay(200 * attempt, token);
                }
            }
        });
        return pool;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (client, _) => await client.DisposeAsync());
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }

        _stop.Dispose();
    }

    // SignalR drops a client that sends nothing for 30 s; raw clients ping every 10 s, spread over the period.
    private async Task PingLoop()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var slice = tick++ % 10;
                for (var i = slice; i < _clients.Count; i += 10)
                {
                    _ = _clients[i].PingAsync().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pool is closing.
        }
    }
}
