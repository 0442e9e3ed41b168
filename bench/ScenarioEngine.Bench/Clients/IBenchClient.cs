namespace ScenarioEngine.Bench.Clients;

/// <summary>Called on every push a client gets: which client, which inject, and when (Stopwatch ticks).</summary>
public delegate void ArrivalHandler(int client, int injectNumber, long sequence, long arrivedAt);

/// <summary>One benchmark connection: a full SignalR client, or a lightweight raw-WebSocket one.</summary>
public interface IBenchClient : IAsyncDisposable
{
    int Index { get; }

    /// <summary>False once the server or the network closed it: a drop.</summary>
    bool IsOpen { get; }

    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the connection alive for the server's client timeout (30 s); a no-op for clients that ping themselves.</summary>
    Task PingAsync();

    /// <summary>Stops reading from the socket (a slow consumer): the server's pushes pile up.</summary>
    void Stall();
}

/// <summary>
/// Where and how a client connects: the target's URL for it, its token, and how it confirms pushes (null: it
/// does not, as the baselines' clients). A raw client puts <see cref="ConnectTicket"/>'s answer in its socket's
/// URL when there is one, as the phone app does (docs/device-protocol.md, "Hub"), else the token itself.
/// </summary>
public sealed record ClientEndpoint(Uri Url, string? Token, ReceiptDelay? Receipts)
{
    /// <summary>Asks the server for a one-time connect ticket, before each connect.</summary>
    public Func<CancellationToken, Task<string>>? ConnectTicket { get; init; }
}
