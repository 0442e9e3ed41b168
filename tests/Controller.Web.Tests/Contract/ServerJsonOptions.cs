using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScenarioEngine.Web.Hosting;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ScenarioEngine.Web.Tests.Contract;

/// <summary>
/// The JSON options the web node really uses: its DI container is built by <see cref="WebHost"/>
/// exactly as Program.cs builds it, and asked for the SignalR JSON protocol's payload options and
/// the minimal APIs' options. Nothing is started (no silo, no Kestrel), so this takes about a second.
/// </summary>
public sealed class ServerJsonOptions : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>What the <c>/hubs/device</c> hub writes and reads (the phone speaks SignalR's JSON protocol).</summary>
    public JsonSerializerOptions Hub { get; private set; } = null!;

    /// <summary>What the REST API (the join) writes and reads.</summary>
    public JsonSerializerOptions Rest { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _app = WebHost.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Web:SeedSample"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        Hub = ReadOnly(_app.Services.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions);
        Rest = ReadOnly(_app.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions);
        return Task.CompletedTask;
    }

    /// <summary>Frozen with the default resolver, as the serializer does on first use, so metadata can be asked for.</summary>
    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
