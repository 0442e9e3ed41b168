using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Testing;

/// <summary>
/// A real web node on Kestrel at 127.0.0.1 and a free port, co-hosting its silo, built exactly as
/// Program.cs builds it. Stopped by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class WebNode : IAsyncDisposable
{
    public const string ControllerUser = "test-director";
    public const string ControllerPassword = "correct horse battery staple";

    /// <summary>A second controller (Controllers:1), with the same password: two controllers at one desk.</summary>
    public const string SecondControllerUser = "test-deputy";

    /// <summary>A read-only control-room account (Observers:0), with the same password.</summary>
    public const string ObserverUser = "test-observer";

    /// <summary>The lead evaluator (LeadEvaluators:0), with the same password: reads, and writes the AAR/IP consolidation.</summary>
    public const string LeadEvaluatorUser = "test-lead-evaluator";

    /// <summary>A site controller (SiteControllers:0), same password: controls site-1 of <see cref="SiteControllerExercise"/> only.</summary>
    public const string SiteControllerUser = "test-site-controller";

    /// <summary>The exercise the site controller is bound to; tests that need it create it (<see cref="ControllerClient.EnsureExerciseAsync"/>).</summary>
    public const string SiteControllerExercise = "site-drill";

    public const string SiteControllerSite = "site-1";

    // Hashing is deliberately slow; one hash serves every node a test run starts.
    public static readonly Lazy<string> ControllerPasswordHash = new(() => ControllerAccounts.HashPassword(ControllerPassword));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly WebApplication _app;

    private WebNode(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>An anonymous client; see <see cref="SignInControllerAsync"/> for a signed-in one.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<WebNode> StartAsync(string? redisConnectionString = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        var port = FreePort.Next();
        var config = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Web:SeedSample"] = "false",
            ["ScenarioEngine:SiloPort"] = FreePort.Next().ToString(),
            ["ScenarioEngine:GatewayPort"] = FreePort.Next().ToString(),
            ["ScenarioEngine:ServiceId"] = $"test-{Guid.NewGuid():N}",
            ["ScenarioEngine:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Controllers:0:UserName"] = ControllerUser,
            ["Controllers:0:PasswordHash"] = ControllerPasswordHash.Value,
            ["Controllers:1:UserName"] = SecondControllerUser,
            ["Controllers:1:PasswordHash"] = ControllerPasswordHash.Value,
            ["Observers:0:UserName"] = ObserverUser,
            ["Observers:0:PasswordHash"] = ControllerPasswordHash.Value,
            ["LeadEvaluators:0:UserName"] = LeadEvaluatorUser,
            ["LeadEvaluators:0:PasswordHash"] = ControllerPasswordHash.Value,
            ["SiteControllers:0:UserName"] = SiteControllerUser,
            ["SiteControllers:0:PasswordHash"] = ControllerPasswordHash.Value,
            ["SiteControllers:0:Exercise"] = SiteControllerExercise,
            ["SiteControllers:0:Sites:0"] = SiteControllerSite,
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests join many devices from one address; the join limit has its own test.
            ["Web:JoinAttemptsPerMinute"] = "100000",
            ["ConnectionStrings:Redis"] = redisConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = WebHost.Build([], builder => builder.Configuration.AddInMemoryCollection(config), replaceServices);
        await app.StartAsync();
        return new WebNode(app, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A fresh random key, base64, for nodes that must share one.</summary>
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Task<ControllerClient> SignInControllerAsync() => ControllerClient.SignInAsync(BaseAddress);

    /// <summary>Signed in as the read-only observer: may read what controllers read, change nothing.</summary>
    public Task<ControllerClient> SignInObserverAsync() => ControllerClient.SignInAsync(BaseAddress, ObserverUser);

    public Task<ControllerClient> SignInLeadEvaluatorAsync() => ControllerClient.SignInAsync(BaseAddress, LeadEvaluatorUser);

    /// <summary>Signed in as the site controller of site-1 of <see cref="SiteControllerExercise"/>.</summary>
    public Task<ControllerClient> SignInSiteControllerAsync() => ControllerClient.SignInAsync(BaseAddress, SiteControllerUser);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The controller's REST API, signed in.</summary>
public sealed class ControllerClient : IDisposable
{
    private ControllerClient(HttpClient http, string token)
    {
        Http = http;
        Token = token;
    }

    public HttpClient Http { get; }

    public string Token { get; }

    public static async Task<ControllerClient> SignInAsync(Uri baseAddress, string userName = WebNode.ControllerUser)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("/api/controller/sign-in", new { userName, password = WebNode.ControllerPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<IssuedToken>(WebNode.Json))!.Token;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ControllerClient(http, token);
    }

    public async Task<ExerciseSnapshot> CreateExerciseAsync(string exerciseId, string? scenarioYaml = TestScenarios.TwoTeamsOneActor)
    {
        var response = await Http.PostAsJsonAsync("/api/exercises", new { exerciseId, scenarioYaml }, WebNode.Json);
        return await Read<ExerciseSnapshot>(response);
    }

    /// <summary>The exercise, created from <paramref name="scenarioYaml"/> unless it exists already (for exercises with fixed ids, such as the site controller's).</summary>
    public async Task<ExerciseSnapshot> EnsureExerciseAsync(string exerciseId, string? scenarioYaml = TestScenarios.TwoTeamsOneActor)
    {
        var existing = await Http.GetAsync($"/api/exercises/{exerciseId}");
        return existing.StatusCode == System.Net.HttpStatusCode.NotFound ? await CreateExerciseAsync(exerciseId, scenarioYaml) : await Read<ExerciseSnapshot>(existing);
    }

    public Task<ExerciseSnapshot> GetAsync(string exerciseId) => Get<ExerciseSnapshot>($"/api/exercises/{exerciseId}");

    public Task<ExerciseSnapshot> StartAsync(string exerciseId) => Post<ExerciseSnapshot>($"/api/exercises/{exerciseId}/start");

    public Task<ExerciseSnapshot> FireAsync(string exerciseId, string injectNumber) =>
        Post<ExerciseSnapshot>($"/api/exercises/{exerciseId}/injects/{injectNumber}/fire");

    public Task<List<RecipientDeliveries>> GetDeliveriesAsync(string exerciseId) =>
        Get<List<RecipientDeliveries>>($"/api/exercises/{exerciseId}/deliveries");

    /// <summary>Every response of the team, following the API's pages.</summary>
    public async Task<List<Delivery.StoredResponse>> GetResponsesAsync(string exerciseId, string teamId)
    {
        var all = new List<Delivery.StoredResponse>();
        Delivery.ResponsePage page;
        var after = 0L;
        do
        {
            page = await GetResponsePageAsync(exerciseId, teamId, after);
            all.AddRange(page.Responses);
            after = page.Next;
        }
        while (page.HasMore);

        return all;
    }

    public Task<Delivery.ResponsePage> GetResponsePageAsync(string exerciseId, string teamId, long after, int? max = null) =>
        Get<Delivery.ResponsePage>($"/api/exercises/{exerciseId}/teams/{teamId}/responses?after={after}{(max is { } m ? $"&max={m}" : string.Empty)}");

    public Task<List<Devices.DevicePresence>> GetDevicesAsync(string exerciseId) =>
        Get<List<Devices.DevicePresence>>($"/api/exercises/{exerciseId}/devices");

    public async Task RevokeAsync(string exerciseId, string deviceId) =>
        (await Http.PostAsync($"/api/exercises/{exerciseId}/devices/{deviceId}/revoke", null)).EnsureSuccessStatusCode();

    /// <summary>Revokes the device and retires its join code; returns the code issued in its place.</summary>
    public Task<Access.JoinCodeView> RevokeAndRotateAsync(string exerciseId, string deviceId) =>
        Post<Access.JoinCodeView>($"/api/exercises/{exerciseId}/devices/{deviceId}/revoke?rotateJoinCode=true");

    public async Task<Devices.SafetySignal> RaiseSignalAsync(string exerciseId, Devices.SignalKind kind) =>
        await Read<Devices.SafetySignal>(await Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/signals", new { kind }, WebNode.Json));

    public Task<List<Devices.SafetySignalStatus>> GetSignalsAsync(string exerciseId) =>
        Get<List<Devices.SafetySignalStatus>>($"/api/exercises/{exerciseId}/signals");

    public async Task ClearSignalAsync(string exerciseId, string signalId) =>
        (await Http.PostAsync($"/api/exercises/{exerciseId}/signals/{signalId}/clear", null)).EnsureSuccessStatusCode();

    public Task<Access.JoinCodeView> RotateJoinCodeAsync(string exerciseId, string kind, string recipientId) =>
        Post<Access.JoinCodeView>($"/api/exercises/{exerciseId}/join-codes/{kind}/{recipientId}/rotate");

    public static string JoinCodeOf(ExerciseSnapshot exercise, string recipientId) =>
        exercise.JoinCodes.Single(c => c.Recipient.Id == recipientId).Code;

    public void Dispose() => Http.Dispose();

    private async Task<T> Get<T>(string path) => await Read<T>(await Http.GetAsync(path));

    private async Task<T> Post<T>(string path) => await Read<T>(await Http.PostAsync(path, content: null));

    private static async Task<T> Read<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(WebNode.Json))!;
    }
}
