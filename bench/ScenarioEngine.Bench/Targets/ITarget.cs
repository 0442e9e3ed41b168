using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Targets;

/// <summary>One system under test, running in its own processes on 127.0.0.1.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>B0, B1, B3, B4 or B5.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The processes that serve it (their CPU and memory are the server's).</summary>
    IReadOnlyList<ProcessHost> Servers { get; }

    /// <summary>The web nodes clients connect to (for /metrics).</summary>
    IReadOnlyList<Uri> WebNodes { get; }

    bool SupportsHubClients { get; }

    /// <summary>Prepares <paramref name="clients"/> connections spread over <paramref name="teams"/> teams and at least <paramref name="injects"/> injects.</summary>
    Task<IReadOnlyList<ClientEndpoint>> PrepareAsync(int clients, int teams, int injects, ClientKind kind);

    /// <summary>Fires inject number <paramref name="number"/> to every team; completes when the server answered.</summary>
    Task FireAsync(int number);
}
