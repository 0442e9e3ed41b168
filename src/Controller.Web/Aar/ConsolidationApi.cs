using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Aar;

/// <summary>A capability's review as written: the objective and capability come from the path.</summary>
public sealed record CapabilityReviewRequest(IReadOnlyList<Finding>? Strengths, IReadOnlyList<Finding>? AreasForImprovement, Rating? FinalRating);

/// <summary>An improvement plan item as written: its id comes from the path.</summary>
public sealed record ImprovementItemRequest(string? Capability, string? Issue, string? CorrectiveAction, string? ResponsibleAgency, DateOnly Start, DateOnly End);

/// <summary>
/// The lead evaluator's consolidation (issue 13 section 5). Every write appends an entry that
/// supersedes the earlier one for the same capability or item; the history keeps them all.
/// Controllers and the lead evaluator write; observers read.
/// </summary>
public static class ConsolidationApi
{
    public static IEndpointRouteBuilder MapConsolidationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/consolidation").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IExerciseGrain>(id).GetScenario() is null
                ? ExercisesApi.NotFound(id)
                : Results.Ok(await grains.GetGrain<IConsolidationGrain>(id).Current()));

        api.MapGet("/history", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IExerciseGrain>(id).GetScenario() is null
                ? ExercisesApi.NotFound(id)
                : Results.Ok(await grains.GetGrain<IConsolidationGrain>(id).History()));

        api.MapPut("/capabilities/{objectiveId}/{capability}", async (string id, string objectiveId, string capability, CapabilityReviewRequest request, HttpContext http, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IConsolidationGrain>(id).Add(
                new ConsolidationEntry
                {
                    Review = new CapabilityReview
                    {
                        ObjectiveId = objectiveId,
                        Capability = capability,
                        Strengths = request.Strengths ?? [],
                        AreasForImprovement = request.AreasForImprovement ?? [],
                        FinalRating = request.FinalRating,
                    },
                },
                http.User.ControllerName())))
            .RequireAuthorization(AuthPolicies.Consolidate);

        api.MapPut("/improvements/{itemId}", async (string id, string itemId, ImprovementItemRequest request, HttpContext http, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IConsolidationGrain>(id).Add(
                new ConsolidationEntry
                {
                    Item = new ImprovementItem
                    {
                        Id = itemId,
                        Capability = request.Capability ?? string.Empty,
                        Issue = request.Issue ?? string.Empty,
                        CorrectiveAction = request.CorrectiveAction ?? string.Empty,
                        ResponsibleAgency = request.ResponsibleAgency ?? string.Empty,
                        Start = request.Start,
                        End = request.End,
                    },
                },
                http.User.ControllerName())))
            .RequireAuthorization(AuthPolicies.Consolidate);

        // Withdrawing is an entry too: the item stays in the history.
        api.MapDelete("/improvements/{itemId}", async (string id, string itemId, HttpContext http, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IConsolidationGrain>(id).Add(new ConsolidationEntry { WithdrawnItem = itemId }, http.User.ControllerName())))
            .RequireAuthorization(AuthPolicies.Consolidate);

        return app;
    }
}
