using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Servers;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Targets;

/// <summary>B0 (raw WebSocket broadcast) or B1 (bare SignalR group send), served by the harness's own program in serve mode.</summary>
public sealed class BaselineTarget(string name, ProcessHost server, bool rawWebSocket) : ITarget
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _teams = 1;

    public string Name => name;

    public string Description => rawWebSocket
        ? "raw Kestrel WebSocket broadcast of the same JSON bytes to every socket"
        : "bare ASP.NET Core SignalR hub: Clients.Group(team).SendAsync per team, no Orleans, no storage";

    public IReadOnlyList<ProcessHost> Servers => [server];

    public IReadOnlyList<Uri> WebNodes => [server.BaseAddress];

    public bool SupportsHubClients => !rawWebSocket;

    public static async Task<ProcessHost> StartServerAsync() =>
        await ProcessHost.StartAsync(typeof(BaselineTarget).Assembly.Location, new Dictionary<string, string> { [BaselineServer.ModeVariable] = "1" });

    public Task<IReadOnlyList<ClientEndpoint>> PrepareAsync(int clients, int teams, int injects, ClientKind kind)
    {
        _teams = teams;
        var ws = new UriBuilder(server.BaseAddress) { Scheme = kind is ClientKind.RawPlain or ClientKind.RawSignalR ? "ws" : "http" }.Uri;
        var path = rawWebSocket ? BaselineServer.RawPath : BaselineServer.HubPath;
        IReadOnlyList<ClientEndpoint> endpoints = Enumerable.Range(0, clients)
            .Select(i => new ClientEndpoint(new Uri(ws, $"{path}?team={Payload.TeamId(i % teams)}"), Token: null, Receipts: null))
            .ToList();
        return Task.FromResult(endpoints);
    }

    public async Task FireAsync(int number)
    {
        var path = rawWebSocket ? $"/fire/raw/{number}" : $"/fire/hub/{number}?teams={_teams}";
        using var response = await Http.PostAsync(new Uri(server.BaseAddress, path), content: null);
        response.EnsureSuccessStatusCode();
    }

    // The process is shared by B0 and B1; whoever started it stops it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
