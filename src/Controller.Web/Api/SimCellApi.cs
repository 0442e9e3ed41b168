using System.Security.Claims;
using ScenarioEngine.SimCell;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.SimCell;

namespace ScenarioEngine.Web.Api;

/// <summary>A reply as the desk sends it; the controller is the signed-in user, never a field of the request.</summary>
public sealed record SendReplyRequest(string ReplyId, string TeamId, string PersonaId, long? RequestSequence, string? CannedReplyId, Dictionary<string, string>? Text, List<string>? Attachments);

/// <summary>An improvised message as the desk sends it: to any set of teams, as a persona.</summary>
public sealed record SendAdHocRequest(string MessageId, string PersonaId, List<string> Teams, Dictionary<string, string> Text, List<string>? Attachments);

/// <summary>The SimCell desk's API: the same grains the dashboard's desk calls.</summary>
public static class SimCellApi
{
    public static IEndpointRouteBuilder MapSimCellApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/simcell").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/queue", (string id, IGrainFactory grains) => grains.GetGrain<ISimCellQueueGrain>(id).GetOpen());

        api.MapGet("/requests", (string id, long? after, IGrainFactory grains) => grains.GetGrain<ISimCellQueueGrain>(id).GetRequests(after ?? 0, 500));

        api.MapGet("/replies", (string id, long? after, IGrainFactory grains) => grains.GetGrain<IPersonaMessagesGrain>(id).GetReplies(after ?? 0, 500));

        api.MapPost("/requests/{sequence:long}/claim", (string id, long sequence, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISimCellQueueGrain>(id).Claim(sequence, user.ControllerName())).RequireAuthorization(AuthPolicies.Controller);

        api.MapPost("/replies", (string id, SendReplyRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPersonaMessagesGrain>(id).Reply(new PersonaReply
            {
                ReplyId = request.ReplyId,
                TeamId = request.TeamId,
                PersonaId = request.PersonaId,
                RequestSequence = request.RequestSequence,
                CannedReplyId = request.CannedReplyId,
                Text = request.Text ?? [],
                Attachments = request.Attachments ?? [],
                Controller = user.ControllerName(),
            })).RequireAuthorization(AuthPolicies.Controller);

        api.MapPost("/requests/{sequence:long}/unclaim", (string id, long sequence, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISimCellQueueGrain>(id).Unclaim(sequence, user.ControllerName())).RequireAuthorization(AuthPolicies.Controller);

        api.MapGet("/adhoc", (string id, long? after, IGrainFactory grains) => grains.GetGrain<IPersonaMessagesGrain>(id).GetAdHoc(after ?? 0, 500));

        api.MapPost("/adhoc", (string id, SendAdHocRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPersonaMessagesGrain>(id).Improvise(new AdHocMessage
            {
                MessageId = request.MessageId,
                PersonaId = request.PersonaId,
                Teams = request.Teams ?? [],
                Text = request.Text ?? [],
                Attachments = request.Attachments ?? [],
                Controller = user.ControllerName(),
            })).RequireAuthorization(AuthPolicies.Controller);

        // What a team's phones hold, for "view as a team": the mailbox as the phones sync it, read without marking anything delivered.
        app.MapGet("/api/exercises/{id}/teams/{teamId}/view", async (string id, string teamId, SimCellReader reader) =>
            await reader.TeamAsync(id, teamId) is { } view ? Results.Ok(view) : Results.NotFound())
            .RequireAuthorization(AuthPolicies.ControlRoom);

        return app;
    }
}
