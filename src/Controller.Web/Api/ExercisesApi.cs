using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// Create an exercise from the bundled sample, from a scenario file's YAML text, or from a
/// template in the scenario library (by its id); a draft can have its MSEL imported before it is made ready.
/// </summary>
public sealed record CreateExerciseRequest(string ExerciseId, string? ScenarioYaml, bool Draft = false, string? Template = null);

public sealed record SpeedRequest(double Speed);

/// <summary>Scenario time as an offset from STARTEX, e.g. "1.02:30:00" or "26:30".</summary>
public sealed record TimeRequest(string At);

public sealed record SiteStateRequest(string State);

public static class ExercisesApi
{
    public static IEndpointRouteBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        // Observers may read; every write below also requires the controller policy.
        var api = app.MapGroup("/api/exercises").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/", async (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IExerciseRegistryGrain>(0).List();
            var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IExerciseGrain>(id).GetSnapshot()));
            return snapshots.OfType<ExerciseSnapshot>().Select(s => ForViewer(s, user));
        });

        api.MapPost("/", async (CreateExerciseRequest request, HttpContext http, IGrainFactory grains) =>
        {
            if (string.IsNullOrWhiteSpace(request.ExerciseId) || request.ExerciseId.Length > 64 || !request.ExerciseId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return Results.Problem(statusCode: 400, title: "Invalid exercise id", detail: "Use 1 to 64 letters, digits, '-' or '_'.");
            }

            var package = request.Template is { } template
                ? await ScenariosApi.LoadAsync(grains, template, http.Culture())
                : request.ScenarioYaml is null
                    ? ScenarioLoader.LoadSamplePackage()
                    : ScenarioLoader.ParsePackage(request.ScenarioYaml, "scenario", http.Culture());
            if (package is null)
            {
                return ScenariosApi.NotFound(request.Template!);
            }

            var snapshot = await grains.GetGrain<IExerciseGrain>(request.ExerciseId).CreateFrom(package.Scenario, package.Attachments, request.Draft);
            return Results.Created($"/api/exercises/{snapshot.ExerciseId}", snapshot);
        }).RequireAuthorization(AuthPolicies.Controller)
        .WithMetadata(new RequestSizeLimitAttribute(app.ServiceProvider.GetRequiredService<IOptions<WebOptions>>().Value.MaxScenarioRequestBytes));

        api.MapGet("/{id}", async (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            await grains.GetGrain<IExerciseGrain>(id).GetSnapshot() is { } snapshot ? Results.Ok(ForViewer(snapshot, user)) : NotFound(id));

        Act(api, "/{id}/start", (e, _, by) => e.Start(by));
        Act(api, "/{id}/pause", (e, _, by) => e.Pause(by));
        Act(api, "/{id}/resume", (e, _, by) => e.Resume(by));
        Act(api, "/{id}/end", (e, _, by) => e.End(by));
        Act(api, "/{id}/ready", (e, _, by) => e.MakeReady(by));
        api.MapPost("/{id}/clock/speed", (string id, SpeedRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Exercise(grains, id, e => e.SetSpeed(request.Speed, user.ControllerName()))).RequireAuthorization(AuthPolicies.Controller);
        api.MapPost("/{id}/clock/jump", (string id, TimeRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Exercise(grains, id, e => e.JumpTo(Offset(request.At), user.ControllerName()))).RequireAuthorization(AuthPolicies.Controller);
        Act(api, "/{id}/injects/{number}/fire", (e, number, by) => e.FireNow(number, by));
        Act(api, "/{id}/injects/{number}/hold", (e, number, by) => e.Hold(number, by));
        Act(api, "/{id}/injects/{number}/release", (e, number, by) => e.Release(number, by));
        Act(api, "/{id}/injects/{number}/skip", (e, number, by) => e.Skip(number, by));
        api.MapPost("/{id}/injects/{number}/retime", (string id, string number, TimeRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Exercise(grains, id, e => e.Retime(number, Offset(request.At), user.ControllerName()))).RequireAuthorization(AuthPolicies.Controller);
        api.MapPost("/{id}/sites/{siteId}/state", (string id, string siteId, SiteStateRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Exercise(grains, id, e => e.SetSiteState(siteId, request.State, user.ControllerName()))).RequireAuthorization(AuthPolicies.Controller);

        api.MapGet("/{id}/events", async (string id, long? after, int? max, IGrainFactory grains) =>
            await Exists(grains, id) ? Results.Ok(await grains.GetGrain<IExerciseGrain>(id).GetEvents(after ?? 0, max ?? 500)) : NotFound(id));
        api.MapGet("/{id}/disclosures", async (string id, IGrainFactory grains) =>
            await Exists(grains, id) ? Results.Ok(await grains.GetGrain<IExerciseGrain>(id).GetDisclosures()) : NotFound(id));

        api.MapGet("/{id}/deliveries", async (string id, IGrainFactory grains) =>
            await Exists(grains, id) ? Results.Ok(await grains.GetGrain<IExerciseGrain>(id).GetDeliveries()) : NotFound(id));

        // A page of the team's response log: { responses, next, hasMore }; ask again with ?after={next} while hasMore.
        api.MapGet("/{id}/teams/{teamId}/responses", async (string id, string teamId, long? after, int? max, IGrainFactory grains) =>
            await Exists(grains, id)
                ? Results.Ok(await grains.GetGrain<IMailboxGrain>(RecipientAddress.Team(new ExerciseId(id), teamId).GrainKey).ReadResponses(after ?? 0, max ?? Paging.MaxPageSize, forSequence: null))
                : NotFound(id));

        return app;
    }

    /// <summary>A body-less command on one exercise (or on its inject {number}), recorded under the caller's name.</summary>
    private static void Act(RouteGroupBuilder api, string pattern, Func<IExerciseGrain, string, string, Task<ExerciseSnapshot>> action) =>
        api.MapPost(pattern, (string id, HttpContext http, IGrainFactory grains) =>
            Exercise(grains, id, e => action(e, http.Request.RouteValues["number"] as string ?? string.Empty, http.User.ControllerName())))
            .RequireAuthorization(AuthPolicies.Controller);

    /// <summary>Join codes are for controllers only: a code lets whoever holds it join as a player, and observers only watch.</summary>
    private static ExerciseSnapshot ForViewer(ExerciseSnapshot snapshot, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Controller) ? snapshot : snapshot with { JoinCodes = [] };

    private static TimeSpan Offset(string? text) =>
        TimeText.TryParseOffset(text, out var offset) ? offset : throw new ArgumentException($"'{text}' is not a time offset like 0:05:00 or 1.02:30:00.");

    private static async Task<IResult> Exercise(IGrainFactory grains, string id, Func<IExerciseGrain, Task<ExerciseSnapshot>> action) =>
        await Exists(grains, id) ? Results.Ok(await action(grains.GetGrain<IExerciseGrain>(id))) : NotFound(id);

    internal static async Task<bool> Exists(IGrainFactory grains, string id) =>
        await grains.GetGrain<IExerciseGrain>(id).GetSnapshot() is not null;

    internal static IResult NotFound(string id) =>
        Results.Problem(statusCode: 404, title: "No such exercise", detail: $"There is no exercise '{id}'.");
}
