using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// A hub's WebSocket request lasts as long as its phone stays connected, a whole drill, so whatever
/// the request pipeline holds for one request it holds for one connection: at 10,000 phones every
/// 100 bytes is a megabyte (issue 16 §3, bench/README.md "Lean connections").
/// </summary>
public static class HubSockets
{
    /// <summary>Where every hub is mapped (<see cref="DeviceHub.Path"/>, <see cref="ControlHub.Path"/>).</summary>
    public const string PathPrefix = "/hubs";

    /// <summary>Where SignalR's browser client puts the bearer token of a WebSocket or server-sent-events request.</summary>
    public const string AccessTokenParameter = "access_token";

    /// <summary>A WebSocket request to a hub (HTTP/1.1 upgrade or HTTP/2 extended CONNECT).</summary>
    public static bool IsHubSocket(HttpContext http) =>
        http.Request.Path.StartsWithSegments(PathPrefix)
        && (http.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
            || http.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true });

    /// <summary>
    /// Middleware that only shapes an HTTP response (error pages, problem details), skipped for a hub's
    /// socket: it never gets one, and each such middleware keeps its awaiting state for the socket's life.
    /// </summary>
    public static WebApplication UseUnlessHubSocket(this WebApplication app, Action<IApplicationBuilder> configure)
    {
        app.UseWhen(http => !IsHubSocket(http), configure);
        return app;
    }

    /// <summary>
    /// Once the socket's user is authenticated, its request lets go of the bearer token: the header
    /// (.NET clients) or the query's access_token (browsers, which cannot set a socket's headers). Else
    /// each connection keeps a ~430-character token, twice over in UTF-16, for as long as it is open.
    /// Kestrel's own copy of the raw request line stays; that one cannot be reached.
    /// </summary>
    public static WebApplication UseHubSocketTokenRelease(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (IsHubSocket(http) && http.User.Identity is { IsAuthenticated: true })
            {
                http.Request.Headers.Authorization = StringValues.Empty;
                if (http.Request.Query.ContainsKey(AccessTokenParameter))
                {
                    http.Request.QueryString = QueryString.Create(http.Request.Query.Where(p => p.Key != AccessTokenParameter));
                }
            }

            return next(http);
        });
        return app;
    }
}
