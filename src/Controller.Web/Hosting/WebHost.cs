using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.ServiceDefaults;
using ScenarioEngine.Web.Aar;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Dashboard;
using ScenarioEngine.Web.Delivery;
using ScenarioEngine.Web.Hosting.Https;
using ScenarioEngine.Web.Hubs;
using ScenarioEngine.Web.SiteControl;
using ScenarioEngine.Web.SitePlans;

namespace ScenarioEngine.Web.Hosting;

/// <summary>Builds the web node. Program.cs and the tests both start it through here, on real Kestrel.</summary>
public static class WebHost
{
    /// <param name="configure">Runs first: configuration sources, before any option is read.</param>
    /// <param name="replaceServices">Runs last, so a test can replace a registered service (a grain storage that fails on cue).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? replaceServices = null)
    {
        // Named after this assembly, not the entry one, so a test host that builds the node in-process
        // still finds ScenarioEngine.Web's static web assets manifest (blazor.web.js, dashboard.css).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
        });
        // In development this is automatic; a build output run in Production (dotnet run, tests) needs it too.
        // A published app has no runtime manifest, and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        builder.AddScenarioEngineHttps();

        var web = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WebOptions>, WebOptionsValidation>();
        builder.Services.AddSingleton<DeviceUploadQuota>();
        builder.Services.AddSingleton<ScenarioEngine.Web.SimCell.SimCellReader>();
        builder.AddScenarioEngineDefaults("scenarioengine-web");
        builder.AddScenarioEngineOrleans(web);

        // Registered after Orleans so the key is loaded once the cluster answers and before requests are served.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SigningKeyProvider>());
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<ConnectTickets>();
        builder.Services.AddSingleton<ControllerAccounts>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton<JoinThrottle>();
        builder.Services.AddSingleton<Api.JoinLinks>();
        builder.Services.AddSingleton<AarLogReader>();
        builder.Services.AddSingleton<SitePlans.SitePlanReader>();
        builder.Services.AddSingleton<SitePlans.SitePlanUploads>();
        AddAuthentication(builder.Services);
        builder.Services.Configure<ForwardedHeadersOptions>(options => TrustProxies(options, web));

        builder.Services.AddSingleton<WebNodeRelay>();
        builder.Services.AddSingleton<DeliveredSequences>();
        builder.Services.AddSingleton<ResponseBatches>();
        builder.Services.AddSingleton<DeviceGrains>();
        builder.Services.AddSingleton<Evaluators.EvaluatorObservations>();
        builder.Services.AddHostedService<WebNodeRegistration>();
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyHealthCheck>("orleans", tags: [ServiceDefaultsExtensions.ReadyTag]);

        var enums = new JsonStringEnumConverter(JsonNamingPolicy.CamelCase);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(enums));
        builder.Services.AddSingleton<DeviceConnections>();
        builder.Services.AddSingleton<DeviceRateLimitHubFilter>();
        builder.Services.AddSingleton<RevokedDevices>();
        builder.Services.AddSingleton<RevocationHubFilter>();
        builder.Services.AddSingleton<NotificationFaults>();
        builder.Services.AddScenarioEngineRedis(builder.Configuration);
        builder.Services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = web.MaxDeviceMessageBytes;
                hub.AddFilter<GrainErrorHubFilter>();
            })
            .AddHubOptions<DeviceHub>(hub =>
            {
                hub.AddFilter<DeviceRateLimitHubFilter>();
                hub.AddFilter<RevocationHubFilter>();
            })
            .AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.Converters.Add(enums);

                // A phone's position goes to the control room only: no hub ever writes a stored response's location (the
                // device hub also clears it, for the MessagePack protocol).
                json.PayloadSerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
                    json.PayloadSerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
                    type =>
                    {
                        if (type.Type == typeof(ScenarioEngine.Delivery.StoredResponse))
                        {
                            foreach (var property in type.Properties.Where(p => p.Name == "location").ToList())
                            {
                                type.Properties.Remove(property);
                            }
                        }
                    });
            })
            // Binary frames for clients that ask for them (about half the bytes of JSON per push); the phone app speaks JSON.
            .AddMessagePackProtocol();
        builder.Services.AddDeviceRateLimits(web);
        builder.Services.AddProblemDetails();
        builder.AddDashboard();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        // First: everything after it (rate limits, the cookie's Secure flag, QR links) sees the client's own address and scheme.
        app.UseForwardedHeaders();
        app.UseUnlessHubSocket(http =>
        {
            http.UseExceptionHandler();
            http.UseStatusCodePages();
        });
        app.UseScenarioEngineHttps();
        app.UseWebSockets();
        app.UseAuthenticationWithLeanHubSockets();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseCookieApiAntiforgery();
        app.UseDashboardLocalization();
        app.UseAntiforgery();
        app.MapStaticContent();
        app.MapLocalCa();
        app.MapScenarioEngineDefaults();
        app.MapAuthApi();
        app.MapConnectTicketApi();
        app.MapExercisesApi();
        app.MapDevicesApi();
        app.MapSafetyApi();
        app.MapSimCellApi();
        app.MapEvidenceApi();
        app.MapMediaApi();
        app.MapMselApi();
        app.MapScenariosApi();
        app.MapAarApi();
        app.MapConsolidationApi();
        app.MapEegApi();
        app.MapDeviceAttachmentsApi();
        app.MapSiteControlApi();
        app.MapSitePlansApi();
        app.MapHub<DeviceHub>(DeviceHub.Path);
        app.MapHub<ControlHub>(ControlHub.Path);
        app.MapDashboard();
        return app;
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(DashboardAuth.Scheme)
            .AddPolicyScheme(DashboardAuth.Scheme, "bearer or dashboard cookie", options => options.ForwardDefaultSelector = DashboardAuth.SelectScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ConnectTicketHandler>(ConnectTicketHandler.SchemeName, "connect ticket (a phone's socket)", _ => { })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, DashboardAuth.ConfigureCookie);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((jwt, tokens) =>
            {
                jwt.MapInboundClaims = false;

                // Nothing reads the token back from the authentication properties, and a hub socket's
                // properties live as long as the connection: saved, it is another copy per phone.
                jwt.SaveToken = false;
                jwt.TokenValidationParameters = tokens.ValidationParameters();
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on a WebSocket, so SignalR sends the token in the query string.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query[HubSockets.AccessTokenParameter];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubSockets.PathPrefix))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (context.Principal is { } principal && context.HttpContext.Request.Path.StartsWithSegments(HubSockets.PathPrefix))
                        {
                            context.Principal = HubPrincipal.Slim(principal);
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Device, policy => policy.RequireRole(Roles.Participant, Roles.Actor, Roles.Evaluator))
            .AddPolicy(AuthPolicies.Controller, policy => policy.RequireRole(Roles.Controller))
            .AddPolicy(AuthPolicies.ControlRoom, policy => policy.RequireRole(Roles.Controller, Roles.Observer, Roles.LeadEvaluator))
            .AddPolicy(AuthPolicies.Consolidate, policy => policy.RequireRole(Roles.Controller, Roles.LeadEvaluator))
            .AddPolicy(AuthPolicies.SiteControl, policy => policy.RequireRole(Roles.Controller, Roles.SiteController));
    }

    /// <summary>
    /// Believes X-Forwarded-For/-Proto only from the configured proxies (by default only one on this
    /// machine), and only their last hop: a client cannot pick its own address by sending the header.
    /// </summary>
    private static void TrustProxies(ForwardedHeadersOptions options, WebOptions web)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (web.KnownProxies.Count == 0 && web.KnownNetworks.Count == 0)
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in web.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in web.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
