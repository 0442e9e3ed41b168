using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using ScenarioEngine.Web.Dashboard;

namespace ScenarioEngine.Web.Auth;

public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

/// <summary>
/// The API accepts the dashboard's cookie as well as bearer tokens. A browser attaches that cookie
/// to any request to this site, also one another site's page makes it send (a form POST needs no
/// script and no CORS), so a write made with the cookie must also carry an antiforgery token,
/// which such a page cannot read. Bearer callers are not affected: no other site can make a
/// browser send their header. SameSite=Strict on the cookie stays as a second wall.
/// </summary>
public static class CookieApiAntiforgery
{
    public static WebApplication UseCookieApiAntiforgery(this WebApplication app)
    {
        // Not async when no token is needed: a hub's socket request lasts the whole connection, and an
        // awaiting state machine here would be kept for each one.
        app.Use((http, next) => NeedsToken(http) ? ValidateThenAsync(http, next) : next(http));
        return app;
    }

    private static async Task ValidateThenAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Antiforgery token missing or invalid",
                detail: "A write to the API signed in with the dashboard's cookie needs the token from GET /api/controller/antiforgery in its header; or use a bearer token.").ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>A token for scripts that use the API with the dashboard's cookie; send it in the named header.</summary>
    public static AntiforgeryTokenResponse IssueToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new AntiforgeryTokenResponse(tokens.HeaderName!, tokens.RequestToken!);
    }

    private static bool NeedsToken(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && http.User.Identity is { IsAuthenticated: true }
        && DashboardAuth.SelectScheme(http) == CookieAuthenticationDefaults.AuthenticationScheme;
}
