using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>
/// The embedded default with durable state: one web process (co-hosting its silo) over a real
/// redis-server, so a test can kill and restart the process and see what survived.
/// </summary>
public abstract class DurableWebNodeFixture : IAsyncLifetime
{
    protected RedisServer Redis { get; private set; } = null!;

    protected ProcessHost Web { get; private set; } = null!;

    /// <summary>Settings a test class adds to the process's environment.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = Redis.ConnectionString,
            ["ScenarioEngine__ServiceId"] = $"durable-{Guid.NewGuid():N}",
            ["ScenarioEngine__SiloPort"] = FreePort.Next().ToString(),
            ["ScenarioEngine__GatewayPort"] = FreePort.Next().ToString(),
            ["Web__SeedSample"] = "false",
            ["Controllers__0__UserName"] = WebNode.ControllerUser,
            ["Controllers__0__PasswordHash"] = WebNode.ControllerPasswordHash.Value,
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        Web = await ProcessHost.StartAsync(ProcessHost.WebDll, settings);
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
