using System.Security.Claims;
using ScenarioEngine.Media;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Api;

/// <summary>A rejection as the control room sends it: the reason is what the team is told.</summary>
public sealed record RejectStatementRequest(string Reason);

/// <summary>The approval queue of teams' statements: the same grain the dashboard's media view calls.</summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/media").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/statements/pending", (string id, IGrainFactory grains) => grains.GetGrain<IStatementsGrain>(id).GetPending());

        api.MapGet("/statements", (string id, long? after, IGrainFactory grains) => grains.GetGrain<IStatementsGrain>(id).GetStatements(after ?? 0, 500));

        api.MapGet("/decisions", (string id, long? after, IGrainFactory grains) => grains.GetGrain<IStatementsGrain>(id).GetDecisions(after ?? 0, 500));

        api.MapPost("/statements/{sequence:long}/approve", (string id, long sequence, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IStatementsGrain>(id).Approve(sequence, user.ControllerName())).RequireAuthorization(AuthPolicies.Controller);

        api.MapPost("/statements/{sequence:long}/reject", (string id, long sequence, RejectStatementRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IStatementsGrain>(id).Reject(sequence, user.ControllerName(), request.Reason)).RequireAuthorization(AuthPolicies.Controller);

        return app;
    }
}
