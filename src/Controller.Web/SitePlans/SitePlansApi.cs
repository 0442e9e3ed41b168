using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Localization;
using ScenarioEngine.Reports.SitePlans;
using ScenarioEngine.SitePlans;
using ScenarioEngine.Web.Aar;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.SiteControl;

namespace ScenarioEngine.Web.SitePlans;

/// <summary>Reads the logs and the plans of an exercise and places the located responses and scans on them.</summary>
public sealed class SitePlanReader(AarLogReader logs, IGrainFactory grains)
{
    public async Task<SitePlanPositions?> ReadAsync(string exerciseId)
    {
        var plans = grains.GetGrain<ISitePlansGrain>(exerciseId).List();
        return await logs.ReadAsync(exerciseId) is { } read ? PlanPositions.Compute(read, await plans) : null;
    }
}

/// <summary>
/// Site plans (issue 17 section 3): the control room reads every plan with its positions; a
/// controller or the site's own site controller uploads a site's plan with its corners.
/// </summary>
public static class SitePlansApi
{
    public static IEndpointRouteBuilder MapSitePlansApi(this IEndpointRouteBuilder app)
    {
        var room = app.MapGroup("/api/exercises/{id}/site-plans").RequireAuthorization(AuthPolicies.ControlRoom);
        room.MapGet("/", async (string id, SitePlanReader reader) =>
            await reader.ReadAsync(id) is { } positions ? Results.Ok(positions) : NoExercise(id));
        room.MapGet("/{siteId}/image", (string id, string siteId, SitePlanUploads uploads) => ImageAsync(uploads, id, siteId));

        var site = app.MapGroup("/api/exercises/{id}/site-control/{siteId}/plan").RequireAuthorization(AuthPolicies.SiteControl);
        site.MapGet("/", (string id, string siteId, ClaimsPrincipal user, SitePlanUploads uploads) =>
            SiteScope.MayControl(user, id, siteId) ? ImageAsync(uploads, id, siteId) : Task.FromResult(NotYourSite(id, siteId)));
        site.MapPut("/", UploadAsync);
        return app;
    }

    /// <summary>The image is the body (PNG, JPEG or WebP); the corners are the query: ?north=&amp;west=&amp;south=&amp;east=.</summary>
    private static async Task<IResult> UploadAsync(
        string id, string siteId, double? north, double? west, double? south, double? east,
        HttpContext http, ClaimsPrincipal user, SitePlanUploads uploads, IStringLocalizer<ApiStrings> text)
    {
        if (!SiteScope.MayControl(user, id, siteId))
        {
            return NotYourSite(id, siteId);
        }

        CultureInfo.CurrentUICulture = http.Culture();
        if (north is null || west is null || south is null || east is null)
        {
            return Refused(text, "PlanCornersMissing", StatusCodes.Status400BadRequest);
        }

        var bytes = await ReadBoundedAsync(http.Request.Body, SitePlanImages.MaxBytes, http.RequestAborted);
        if (bytes is null)
        {
            return Refused(text, "PlanImageTooLarge", StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            var bounds = new SitePlanBounds { North = north.Value, West = west.Value, South = south.Value, East = east.Value };
            return Results.Ok(await uploads.UploadAsync(id, siteId, bytes, bounds, user.ControllerName()));
        }
        catch (SitePlanRefusedException refused)
        {
            var status = refused.Key switch
            {
                "PlanImageNotImage" => StatusCodes.Status415UnsupportedMediaType,
                "PlanImageTooLarge" => StatusCodes.Status413PayloadTooLarge,
                "PlanNoSuchSite" => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status400BadRequest,
            };
            return Refused(text, refused.Key, status);
        }
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/>: nothing past the limit is kept in memory.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > max)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static async Task<IResult> ImageAsync(SitePlanUploads uploads, string id, string siteId) =>
        await uploads.ImageAsync(id, siteId) is { } image
            ? Results.Bytes(image.Content.ToArray(), image.ContentType)
            : Results.Problem(statusCode: 404, title: "No plan", detail: $"Site '{siteId}' of exercise '{id}' has no plan yet.");

    private static IResult Refused(IStringLocalizer<ApiStrings> text, string key, int status) =>
        Results.Problem(statusCode: status, title: text["PlanRefusedTitle"], detail: text[key, SitePlanImages.MaxBytes / 1024 / 1024, SitePlanBounds.MaxSpanDegrees], extensions: new Dictionary<string, object?> { ["problem"] = key });

    private static IResult NoExercise(string id) =>
        Results.Problem(statusCode: 404, title: "No such exercise", detail: $"There is no exercise '{id}'.");

    private static IResult NotYourSite(string exerciseId, string siteId) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your site", detail: $"This account does not control site '{siteId}' of exercise '{exerciseId}'.");
}
