using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>Every endpoint and hub × every role (the read-only observer too): who is let in and who is turned away.</summary>
public sealed class AuthorizationMatrixTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    public enum Role { Anonymous, Participant, Actor, Controller, Observer, LeadEvaluator, SiteController }

    /// <summary>
    /// ControlRoom: controllers, the lead evaluator and read-only observers; Consolidate: controllers and the lead evaluator;
    /// SiteControl: controllers and site controllers (asked about the site controller's own site; other sites are refused in SiteControllerTests);
    /// Controller: controllers only (every action). A site controller is in none but SiteControl.
    /// </summary>
    private enum Access { Public, Device, ControlRoom, Consolidate, Controller, SiteControl }

    // The whole surface. A new endpoint fails Every_endpoint_is_in_the_matrix until it is listed here.
    private static readonly Dictionary<string, Access> Matrix = new()
    {
        ["POST /api/devices/join"] = Access.Public,
        ["POST /api/controller/sign-in"] = Access.Public,
        ["GET /api/controller/sign-in-failures"] = Access.Controller,
        ["GET /api/controller/antiforgery"] = Access.Controller,
        ["GET /health/live"] = Access.Public,
        ["GET /health/ready"] = Access.Public,
        ["GET /metrics"] = Access.Public,
        ["POST /api/devices/connect-ticket"] = Access.Device,
        ["PUT /api/devices/attachments/{attachmentId}"] = Access.Device,
        ["GET /api/devices/messages/{sequence:long}/attachments/{attachmentId}"] = Access.Device,
        ["HEAD /api/devices/messages/{sequence:long}/attachments/{attachmentId}"] = Access.Device,
        ["POST /api/exercises/{id}/ready"] = Access.Controller,
        ["POST /api/exercises/{id}/clock/speed"] = Access.Controller,
        ["POST /api/exercises/{id}/clock/jump"] = Access.Controller,
        ["POST /api/exercises/{id}/injects/{number}/hold"] = Access.Controller,
        ["POST /api/exercises/{id}/injects/{number}/release"] = Access.Controller,
        ["POST /api/exercises/{id}/injects/{number}/skip"] = Access.Controller,
        ["POST /api/exercises/{id}/injects/{number}/retime"] = Access.Controller,
        ["POST /api/exercises/{id}/sites/{siteId}/state"] = Access.Controller,
        ["GET /api/exercises/{id}/events"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/disclosures"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/msel/"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/aar"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/consolidation/"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/consolidation/history"] = Access.ControlRoom,
        ["PUT /api/exercises/{id}/consolidation/capabilities/{objectiveId}/{capability}"] = Access.Consolidate,
        ["PUT /api/exercises/{id}/consolidation/improvements/{itemId}"] = Access.Consolidate,
        ["DELETE /api/exercises/{id}/consolidation/improvements/{itemId}"] = Access.Consolidate,
        ["POST /api/exercises/{id}/msel/"] = Access.Controller,
        ["GET /api/exercises/{id}/eeg/"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/eeg/"] = Access.Controller,
        ["GET /api/scenarios/"] = Access.Controller,
        ["POST /api/scenarios/"] = Access.Controller,
        ["GET /api/scenarios/{scenarioId}"] = Access.Controller,
        ["GET /api/exercises/"] = Access.ControlRoom,
        ["POST /api/exercises/"] = Access.Controller,
        ["GET /api/exercises/{id}"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/start"] = Access.Controller,
        ["POST /api/exercises/{id}/pause"] = Access.Controller,
        ["POST /api/exercises/{id}/resume"] = Access.Controller,
        ["POST /api/exercises/{id}/end"] = Access.Controller,
        ["POST /api/exercises/{id}/injects/{number}/fire"] = Access.Controller,
        ["GET /api/exercises/{id}/deliveries"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/teams/{teamId}/responses"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/devices"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/calls"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/calls/{callId}/answer"] = Access.Controller,
        ["POST /api/exercises/{id}/devices/{deviceId}/revoke"] = Access.Controller,
        ["POST /api/exercises/{id}/join-codes/{kind}/{recipientId}/rotate"] = Access.Controller,
        ["GET /api/exercises/{id}/join-codes/{code}/qr.svg"] = Access.Controller,
        ["GET /api/exercises/{id}/attachments/{attachmentId}"] = Access.ControlRoom,
        ["HEAD /api/exercises/{id}/attachments/{attachmentId}"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/signals/"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/signals/"] = Access.Controller,
        ["POST /api/exercises/{id}/signals/{signalId}/clear"] = Access.Controller,
        ["GET /api/exercises/{id}/evidence/labels"] = Access.Controller,
        ["GET /api/exercises/{id}/evidence/labels/{itemId}/qr.svg"] = Access.Controller,
        ["GET /api/exercises/{id}/evidence/scans"] = Access.Controller,
        ["GET /api/exercises/{id}/simcell/queue"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/simcell/requests"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/simcell/replies"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/simcell/requests/{sequence:long}/claim"] = Access.Controller,
        ["POST /api/exercises/{id}/simcell/replies"] = Access.Controller,
        ["POST /api/exercises/{id}/simcell/requests/{sequence:long}/unclaim"] = Access.Controller,
        ["GET /api/exercises/{id}/simcell/adhoc"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/simcell/adhoc"] = Access.Controller,
        ["GET /api/exercises/{id}/media/statements/pending"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/media/statements"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/media/decisions"] = Access.ControlRoom,
        ["POST /api/exercises/{id}/media/statements/{sequence:long}/approve"] = Access.Controller,
        ["POST /api/exercises/{id}/media/statements/{sequence:long}/reject"] = Access.Controller,
        ["GET /api/exercises/{id}/teams/{teamId}/view"] = Access.ControlRoom,
        ["GET /api/site-control/antiforgery"] = Access.SiteControl,
        ["GET /api/site-control/sites"] = Access.SiteControl,
        ["GET /api/exercises/{id}/site-control/{siteId}"] = Access.SiteControl,
        ["POST /api/exercises/{id}/site-control/{siteId}/commands"] = Access.SiteControl,
        ["GET /api/exercises/{id}/site-control/{siteId}/plan/"] = Access.SiteControl,
        ["PUT /api/exercises/{id}/site-control/{siteId}/plan/"] = Access.SiteControl,
        ["GET /api/exercises/{id}/site-plans/"] = Access.ControlRoom,
        ["GET /api/exercises/{id}/site-plans/{siteId}/image"] = Access.ControlRoom,
    };

    [Fact]
    public void Every_endpoint_is_in_the_matrix()
    {
        var mapped = fixture.Node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal) || path == "/metrics"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.Equal(Matrix.Keys.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, Role> EndpointsByRole()
    {
        var data = new TheoryData<string, Role>();
        foreach (var endpoint in Matrix.Keys)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(endpoint, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EndpointsByRole))]
    public async Task Endpoint_lets_in_exactly_the_roles_it_is_for(string endpoint, Role role)
    {
        var tokens = await Tokens();
        var (method, template) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        var siteControl = Matrix[endpoint] == Access.SiteControl;
        var path = template
            .Replace("{id}", siteControl ? WebNode.SiteControllerExercise : tokens.ExerciseId, StringComparison.Ordinal)
            .Replace("{siteId}", WebNode.SiteControllerSite, StringComparison.Ordinal)
            .Replace("{number}", "2", StringComparison.Ordinal)
            .Replace("{teamId}", "team-a", StringComparison.Ordinal)
            .Replace("{kind}", "team", StringComparison.Ordinal)
            .Replace("{recipientId}", "team-b", StringComparison.Ordinal)
            .Replace("{code}", "ZZZZZZZZ", StringComparison.Ordinal)
            .Replace("{sequence:long}", "1", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "x-1");
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "POST" or "PUT" ? new StringContent(BodyFor(template), System.Text.Encoding.UTF8, "application/json") : null,
        };
        if (tokens.For(role) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var status = (await fixture.Node.Http.SendAsync(request)).StatusCode;

        var allowed = Matrix[endpoint] switch
        {
            Access.Public => true,
            Access.Device => role is Role.Participant or Role.Actor,
            Access.ControlRoom => role is Role.Controller or Role.Observer or Role.LeadEvaluator,
            Access.Consolidate => role is Role.Controller or Role.LeadEvaluator,
            Access.SiteControl => role is Role.Controller or Role.SiteController,
            _ => role == Role.Controller,
        };
        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, status);
            Assert.NotEqual(HttpStatusCode.Forbidden, status);
        }
        else
        {
            Assert.Equal(role == Role.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, status);
        }
    }

    [Theory]
    [InlineData(DeviceHub.Path, Role.Anonymous, false)]
    [InlineData(DeviceHub.Path, Role.Participant, true)]
    [InlineData(DeviceHub.Path, Role.Actor, true)]
    [InlineData(DeviceHub.Path, Role.Controller, false)]
    [InlineData(ControlHub.Path, Role.Anonymous, false)]
    [InlineData(ControlHub.Path, Role.Participant, false)]
    [InlineData(ControlHub.Path, Role.Actor, false)]
    [InlineData(ControlHub.Path, Role.Controller, true)]
    [InlineData(DeviceHub.Path, Role.Observer, false)]
    [InlineData(ControlHub.Path, Role.Observer, true)]
    [InlineData(DeviceHub.Path, Role.LeadEvaluator, false)]
    [InlineData(ControlHub.Path, Role.LeadEvaluator, true)]
    [InlineData(DeviceHub.Path, Role.SiteController, false)]
    [InlineData(ControlHub.Path, Role.SiteController, false)]
    public async Task Hub_lets_in_exactly_the_roles_it_is_for(string hub, Role role, bool allowed)
    {
        var tokens = await Tokens();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Node.BaseAddress, hub), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(tokens.For(role));
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        await using (connection)
        {
            if (allowed)
            {
                await connection.StartAsync();
            }
            else
            {
                await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
            }
        }
    }

    // Every method of the control hub is a read (watching an exercise's updates), so an observer may call each.
    [Theory]
    [InlineData(Role.Controller)]
    [InlineData(Role.Observer)]
    [InlineData(Role.LeadEvaluator)]
    public async Task Control_hub_methods_serve_controllers_and_observers(Role role)
    {
        var tokens = await Tokens();
        var methods = typeof(ControlHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([nameof(ControlHub.Unwatch), nameof(ControlHub.Watch)], methods);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Node.BaseAddress, ControlHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(tokens.For(role));
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync();

        foreach (var method in methods)
        {
            await connection.InvokeAsync(method, tokens.ExerciseId);
        }
    }

    // Sign-in answers 401 to wrong credentials by design; give it right ones so only access control can refuse.
    private static string BodyFor(string template) => template == "/api/controller/sign-in"
        ? System.Text.Json.JsonSerializer.Serialize(new { userName = WebNode.ControllerUser, password = WebNode.ControllerPassword })
        : "{}";

    private sealed record RoleTokens(string ExerciseId, string Participant, string Actor, string Controller, string Observer, string LeadEvaluator, string SiteController)
    {
        public string? For(Role role) => role switch
        {
            Role.Participant => Participant,
            Role.Actor => Actor,
            Role.Controller => Controller,
            Role.Observer => Observer,
            Role.LeadEvaluator => LeadEvaluator,
            Role.SiteController => SiteController,
            _ => null,
        };
    }

    private RoleTokens? _tokens;

    private async Task<RoleTokens> Tokens()
    {
        if (_tokens is null)
        {
            var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
            var participant = await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
            var actor = await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "witness"));
            using var observer = await fixture.Node.SignInObserverAsync();
            using var lead = await fixture.Node.SignInLeadEvaluatorAsync();
            await fixture.Controller.EnsureExerciseAsync(WebNode.SiteControllerExercise);
            using var siteController = await fixture.Node.SignInSiteControllerAsync();
            _tokens = new RoleTokens(exercise.ExerciseId, participant.Token, actor.Token, fixture.Controller.Token, observer.Token, lead.Token, siteController.Token);
        }

        return _tokens;
    }
}
