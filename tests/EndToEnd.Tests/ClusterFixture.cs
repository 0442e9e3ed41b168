using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>
/// Cluster mode as deployed: one redis-server, one Orleans.Silo process, two Controller.Web
/// processes joined as Orleans clients. Each process is a real OS process on 127.0.0.1.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public ProcessHost Silo { get; private set; } = null!;

    public ProcessHost WebA { get; private set; } = null!;

    public ProcessHost WebB { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var cluster = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = Redis.ConnectionString,
            ["ScenarioEngine__ClusterId"] = $"e2e-{Guid.NewGuid():N}",
            ["ScenarioEngine__ServiceId"] = $"e2e-{Guid.NewGuid():N}",
        };
        Silo = await ProcessHost.StartAsync(ProcessHost.SiloDll, new Dictionary<string, string>(cluster)
        {
            ["ScenarioEngine__SiloPort"] = FreePort.Next().ToString(),
            ["ScenarioEngine__GatewayPort"] = FreePort.Next().ToString(),
        });
        var web = new Dictionary<string, string>(cluster)
        {
            ["Web__Orleans"] = "Client",
            ["Web__SeedSample"] = "false",
            ["Controllers__0__UserName"] = WebNode.ControllerUser,
            ["Controllers__0__PasswordHash"] = WebNode.ControllerPasswordHash.Value,
        };
        WebA = await ProcessHost.StartAsync(ProcessHost.WebDll, web);
        WebB = await ProcessHost.StartAsync(ProcessHost.WebDll, web);
    }

    public virtual async Task DisposeAsync()
    {
        await WebB.DisposeAsync();
        await WebA.DisposeAsync();
        await Silo.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
