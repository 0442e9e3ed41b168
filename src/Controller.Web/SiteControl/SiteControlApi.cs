using System.Security.Claims;
using ScenarioEngine.Exercises;
using ScenarioEngine.SiteControl;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.SiteControl;

public sealed record SiteRef(string ExerciseId, string SiteId, Dictionary<string, string> Name);

/// <summary>
/// The site controller's API (issue 17 section 2): read one site, send commands to it. Both need
/// the site-control policy (controllers, site controllers) and then the site itself in the
/// account's scope: a site controller gets 403 for any other site or exercise, and the rest of
/// the API refuses it by policy (it is in no other policy).
/// </summary>
public static class SiteControlApi
{
    public static IEndpointRouteBuilder MapSiteControlApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AuthPolicies.SiteControl);

        // The tablet's page sends its commands with the dashboard's cookie, so it needs the antiforgery token too.
        api.MapGet("/site-control/antiforgery", CookieApiAntiforgery.IssueToken);

        api.MapGet("/site-control/sites", async (string? exercise, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var exerciseId = SiteScope.ExerciseOf(user) ?? exercise;
            if (exerciseId is null || await grains.GetGrain<IExerciseGrain>(exerciseId).GetScenario() is not { } scenario)
            {
                return Results.Ok(Array.Empty<SiteRef>());
            }

            var mine = SiteScope.SitesOf(user, exerciseId, scenario.Sites.Select(s => s.Id));
            return Results.Ok(scenario.Sites.Where(s => mine.Contains(s.Id)).Select(s => new SiteRef(exerciseId, s.Id, s.Name)).ToList());
        });

        api.MapGet("/exercises/{id}/site-control/{siteId}", async (string id, string siteId, ClaimsPrincipal user, IGrainFactory grains) =>
            !SiteScope.MayControl(user, id, siteId) ? NotYourSite(id, siteId)
            : await SiteViews.LoadAsync(grains, id, siteId) is { } view ? Results.Ok(view)
            : Results.Problem(statusCode: 404, title: "No such site", detail: $"Exercise '{id}' has no site '{siteId}'."));

        api.MapPost("/exercises/{id}/site-control/{siteId}/commands", async (string id, string siteId, SiteCommand command, ClaimsPrincipal user, IGrainFactory grains) =>
            !SiteScope.MayControl(user, id, siteId)
                ? NotYourSite(id, siteId)
                : Results.Ok(await grains.GetGrain<ISiteControlGrain>(ISiteControlGrain.Key(new ExerciseId(id), siteId)).Apply(command, user.ControllerName())));

        return app;
    }

    private static IResult NotYourSite(string exerciseId, string siteId) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your site", detail: $"This account does not control site '{siteId}' of exercise '{exerciseId}'.");
}
