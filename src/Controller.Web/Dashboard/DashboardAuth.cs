using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>
/// The dashboard signs controllers in with a cookie; the REST API and the hubs keep their bearer
/// tokens. One policy scheme picks per request, so the `controller` policy accepts either.
/// </summary>
public static class DashboardAuth
{
    public const string Scheme = "bearer-or-cookie";
    public const string CookieName = "se.controller";
    public const string SignInPath = "/sign-in";

    public static string SelectScheme(HttpContext http)
    {
        var request = http.Request;
        if (ConnectTickets.TryRead(request, out _))
        {
            return ConnectTicketHandler.SchemeName;
        }

        if (request.Headers.Authorization.Count > 0
            || (request.Path.StartsWithSegments(Hubs.HubSockets.PathPrefix) && request.Query.ContainsKey(Hubs.HubSockets.AccessTokenParameter)))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (request.Cookies.ContainsKey(CookieName))
        {
            return CookieAuthenticationDefaults.AuthenticationScheme;
        }

        // Machines get a bearer challenge (401 with WWW-Authenticate); people get the sign-in page.
        return IsMachinePath(request.Path) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
    }

    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments(Hubs.HubSockets.PathPrefix) || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/app");

    public static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        // Strict: the API accepts this cookie too, so no other site may make a browser send it.
        // (A cookie-signed API write must also carry an antiforgery token: see CookieApiAntiforgery.)
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        // The request's scheme is the client's own behind a known proxy (ForwardedHeaders), so HTTPS at nginx gives a Secure cookie.
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.LoginPath = SignInPath;
        cookie.AccessDeniedPath = SignInPath;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        cookie.SlidingExpiration = true;
        cookie.Events = new CookieAuthenticationEvents
        {
            OnRedirectToLogin = context => RedirectOr(context, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = context => RedirectOr(context, StatusCodes.Status403Forbidden),
        };
    }

    /// <summary>Signs a control-room account in, with its role (and a site controller's exercise and sites) in the cookie.</summary>
    public static Task SignInAsync(HttpContext http, ControllerAccount account)
    {
        var (userName, role) = (account.UserName, account.Role);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimNames.Subject, userName), new Claim(ClaimNames.Name, userName), new Claim(ClaimNames.Role, role), .. SiteControl.SiteScope.ClaimsOf(account)],
            CookieAuthenticationDefaults.AuthenticationScheme, ClaimNames.Name, ClaimNames.Role);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    private static Task RedirectOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsMachinePath(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
