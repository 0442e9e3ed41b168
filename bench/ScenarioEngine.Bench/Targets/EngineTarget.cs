using System.Net.Http.Json;
using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Bench.Targets;

public enum Topology
{
    /// <summary>B3: one web process co-hosting its silo, state in memory (the embedded default).</summary>
    Embedded,

    /// <summary>B4: the same with grain state, reminders and logs in a real redis-server (AOF, appendfsync everysec).</summary>
    EmbeddedRedis,

    /// <summary>B4A: B4 with appendfsync always, as deploy/ runs Redis (a receipted response is on disk).</summary>
    EmbeddedRedisFsyncAlways,

    /// <summary>B5: two Orleans.Silo processes and two Controller.Web processes over one redis-server.</summary>
    Cluster,
}

/// <summary>ScenarioEngine as users run it, each program its own OS process, driven through its REST API and device hub.</summary>
public sealed class EngineTarget : ITarget
{
    private static int _exercises;
    private readonly List<ProcessHost> _silos;
    private readonly List<ProcessHost> _webs;

    // Pooled, kept alive and shared by every client: thousands of one-off connections would use up the source addresses' ports.
    private readonly HttpClient _tickets = new() { Timeout = TimeSpan.FromMinutes(2) };

    private EngineTarget(string name, Topology topology, RedisServer? redis, string serviceId, List<ProcessHost> silos, List<ProcessHost> webs, ControllerClient controller)
    {
        Name = name;
        Topology = topology;
        Redis = redis;
        ServiceId = serviceId;
        _silos = silos;
        _webs = webs;
        Controller = controller;
    }

    public string Name { get; }

    /// <summary>How the devices confirm pushes; the phone app's policy unless the run says otherwise.</summary>
    public ReceiptDelay Receipts { get; set; } = ReceiptDelay.Phone;

    public Topology Topology { get; }

    public string Description => Topology switch
    {
        Topology.Embedded => "ScenarioEngine embedded (one process, silo co-hosted, state in memory)",
        Topology.EmbeddedRedis => "ScenarioEngine embedded with redis-server for grain state, reminders and logs (appendfsync everysec)",
        Topology.EmbeddedRedisFsyncAlways => "ScenarioEngine embedded with redis-server for grain state, reminders and logs (appendfsync always)",
        _ => "ScenarioEngine cluster: 2 silo processes + 2 web-node processes over redis-server",
    };

    public RedisServer? Redis { get; }

    public string ServiceId { get; }

    public ControllerClient Controller { get; }

    public IReadOnlyList<ProcessHost> Silos => _silos;

    public IReadOnlyList<ProcessHost> Servers => [.. _silos, .. _webs];

    public IReadOnlyList<Uri> WebNodes => _webs.Select(w => w.BaseAddress).ToList();

    public bool SupportsHubClients => true;

    /// <summary>The exercise the last <see cref="PrepareAsync"/> created.</summary>
    public string ExerciseId { get; private set; } = string.Empty;

    public static async Task<EngineTarget> StartAsync(string name, Topology topology, IDictionary<string, string>? extraSettings = null)
    {
        var serviceId = $"bench-{Guid.NewGuid():N}";
        var common = new Dictionary<string, string>
        {
            ["ScenarioEngine__ClusterId"] = serviceId,
            ["ScenarioEngine__ServiceId"] = serviceId,
            ["Web__SeedSample"] = "false",
            ["Web__JoinAttemptsPerMinute"] = "10000000",
            // Every bench phone joins from 127.0.0.1: 10,000 in 10 teams is 1,000 joins per code from one address.
            ["Web__JoinsPerCodePerMinute"] = "10000000",
            ["Controllers__0__UserName"] = WebNode.ControllerUser,
            ["Controllers__0__PasswordHash"] = WebNode.ControllerPasswordHash.Value,
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            common[key] = value;
        }

        var redis = topology switch
        {
            Topology.Embedded => null,
            Topology.EmbeddedRedisFsyncAlways => await RedisServer.StartAsync(appendFsync: "always"),
            _ => await RedisServer.StartAsync(appendFsync: "everysec"),
        };
        if (redis is not null)
        {
            common["ConnectionStrings__Redis"] = redis.ConnectionString;
        }

        var silos = new List<ProcessHost>();
        var webs = new List<ProcessHost>();
        if (topology == Topology.Cluster)
        {
            for (var i = 0; i < 2; i++)
            {
                silos.Add(await ProcessHost.StartAsync(ProcessHost.SiloDll, new Dictionary<string, string>(common)
                {
                    ["ScenarioEngine__SiloPort"] = FreePort.Next().ToString(),
                    ["ScenarioEngine__GatewayPort"] = FreePort.Next().ToString(),
                }));
            }

            for (var i = 0; i < 2; i++)
            {
                webs.Add(await ProcessHost.StartAsync(ProcessHost.WebDll, new Dictionary<string, string>(common) { ["Web__Orleans"] = "Client" }));
            }
        }
        else
        {
            webs.Add(await ProcessHost.StartAsync(ProcessHost.WebDll, new Dictionary<string, string>(common)
            {
                ["ScenarioEngine__SiloPort"] = FreePort.Next().ToString(),
                ["ScenarioEngine__GatewayPort"] = FreePort.Next().ToString(),
            }));
        }

        var controller = await ControllerClient.SignInAsync(webs[0].BaseAddress);
        return new EngineTarget(name, topology, redis, serviceId, silos, webs, controller);
    }

    public async Task<ExerciseSnapshot> CreateExerciseAsync(int teams, int injects)
    {
        ExerciseId = $"bench-{Interlocked.Increment(ref _exercises)}-{Guid.NewGuid():N}"[..40];
        return await Controller.CreateExerciseAsync(ExerciseId, Payload.ScenarioYaml(teams, injects));
    }

    public async Task<IReadOnlyList<ClientEndpoint>> PrepareAsync(int clients, int teams, int injects, ClientKind kind)
    {
        var exercise = await CreateExerciseAsync(teams, injects);
        var sessions = await JoinAsync(exercise, clients, teams);
        return sessions.Select((session, i) =>
        {
            var node = _webs[i % _webs.Count].BaseAddress;
            var url = new UriBuilder(new Uri(node, Web.Hubs.DeviceHub.Path)) { Scheme = kind == ClientKind.RawSignalR ? "ws" : "http" }.Uri;
            return new ClientEndpoint(url, session.Token, Receipts)
            {
                // A raw client speaks to the hub as the phone app's browser does: a ticket in the URL, never the token.
                ConnectTicket = kind == ClientKind.RawSignalR ? ct => AskForTicketAsync(node, session.Token, ct) : null,
            };
        }).ToList();
    }

    private async Task<string> AskForTicketAsync(Uri node, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, ConnectTickets.Path));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _tickets.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConnectTicketResponse>(WebNode.Json, cancellationToken))!.Ticket;
    }

    /// <summary>Joins <paramref name="clients"/> devices, round-robin over the teams and the web nodes.</summary>
    public async Task<IReadOnlyList<JoinResponse>> JoinAsync(ExerciseSnapshot exercise, int clients, int teams)
    {
        var sessions = new JoinResponse[clients];
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var node = _webs[i % _webs.Count].BaseAddress;
            var code = ControllerClient.JoinCodeOf(exercise, Payload.TeamId(i % teams));
            using var response = await http.PostAsJsonAsync(new Uri(node, "/api/devices/join"), new { code, displayName = $"Device {i}", agency = "Bench" }, token);
            response.EnsureSuccessStatusCode();
            sessions[i] = (await response.Content.ReadFromJsonAsync<JoinResponse>(WebNode.Json, token))!;
        });
        return sessions;
    }

    public async Task FireAsync(int number)
    {
        using var response = await Controller.Http.PostAsync($"/api/exercises/{ExerciseId}/injects/{number}/fire", content: null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Controller.Dispose();
        _tickets.Dispose();
        var servers = Servers;
        for (var i = 0; i < servers.Count; i++)
        {
            // What the servers logged (warnings and errors), for whoever wonders why a figure is odd.
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"scenarioengine-bench-{Name}-{ServiceId}-{i}.log"), servers[i].Output);
        }

        foreach (var process in Enumerable.Reverse(servers))
        {
            await process.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
