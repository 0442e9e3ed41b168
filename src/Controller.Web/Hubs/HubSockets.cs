using Microsoft.AspNetCore.Authentication;
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

    /// <summary>The key ASP.NET Core's UseAuthentication sets on the app (AuthAppBuilderExtensions, internal).</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// Authentication for every request, with a hub's socket authenticated in a service scope of its own
    /// that ends as soon as its user is known. The authentication middleware awaits the rest of the
    /// pipeline, so for a socket it would keep its frame, the request's scope, the handlers, their cached
    /// result and the ticket for the connection's life (with the token released too, +7.0 → +4.1 KiB a
    /// connection over bare SignalR at 2,000; bench/README.md "Lean connections"); all a hub reads
    /// afterwards is the user. The socket's request then lets go of the
    /// bearer token: the header (.NET clients) or the query's access_token (browsers, which cannot set a
    /// socket's headers), else each connection keeps it twice over in UTF-16. Kestrel's own copy of the
    /// raw request line stays, out of reach: that is why the phone app's URL carries a 25-character
    /// connect ticket (<see cref="Auth.ConnectTickets"/>) rather than its ~430-character token.
    /// </summary>
    public static WebApplication UseAuthenticationWithLeanHubSockets(this WebApplication app)
    {
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        app.UseUnlessHubSocket(http => http.UseAuthentication());

        // UseAuthentication marks only the branch it was called on. Unmarked, WebApplication adds its own
        // authentication in front of the whole pipeline, sockets included (HubSocketTests catches that).
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.Use((http, next) =>
        {
            if (!IsHubSocket(http))
            {
                return next(http);
            }

            // JWT validation completes synchronously, so no frame of this middleware stays awaiting either; a
            // connect ticket is redeemed from its grain, asynchronously.
            var authenticating = AuthenticateSocketAsync(http, scopes);
            return authenticating.IsCompletedSuccessfully ? next(http) : ThenAsync(authenticating, http, next);
        });
        return app;

        static async Task ThenAsync(Task authenticating, HttpContext http, RequestDelegate next)
        {
            await authenticating;

            // A parameter is a field of this method's state, which lives until the socket closes; the finished
            // authentication's state holds its result and ticket (~270 B a connection at 10,000; bench/README.md).
            authenticating = Task.CompletedTask;
            await next(http);
        }
    }

    private static async Task AuthenticateSocketAsync(HttpContext http, IServiceScopeFactory scopes)
    {
        var requestServices = http.Features.Get<IServiceProvidersFeature>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            http.Features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });
            try
            {
                if ((await http.AuthenticateAsync()).Principal is { } user)
                {
                    http.User = user;
                }
            }
            finally
            {
                http.Features.Set(requestServices);
            }
        }

        if (http.User.Identity is { IsAuthenticated: true })
        {
            http.Request.Headers.Authorization = StringValues.Empty;
            // Set as a parsed query rather than a query string: the parsed copy (with the token) would
            // otherwise stay cached until something read the query again.
            if (http.Request.Query is var query && query.ContainsKey(AccessTokenParameter))
            {
                http.Request.Query = new QueryCollection(query.Where(p => p.Key != AccessTokenParameter).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
            }
        }
    }
}
