using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ScenarioEngine.Access;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Dashboard;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Auth;

/// <summary>What <c>POST /api/devices/connect-ticket</c> answers.</summary>
public sealed record ConnectTicketResponse(string Ticket, DateTimeOffset ExpiresAt);

/// <summary>
/// A phone's socket carries a connect ticket in its URL instead of the device token (docs/device-protocol.md,
/// "Hub"). A browser cannot set a WebSocket's headers, so whatever authenticates the socket goes in the
/// URL, where it is written to proxies' access logs and kept by Kestrel for as long as the connection
/// lives: a ~430-character token that is good for a week, in two strings per phone (issue 16 §3). A
/// ticket is 25 characters, good once, and for a minute.
/// </summary>
public sealed class ConnectTickets(IGrainFactory grains, TimeProvider time, IConfiguration configuration)
{
    public const string Path = "/api/devices/connect-ticket";

    /// <summary>Tells a ticket from a JWT (which starts "eyJ") in the socket's access_token.</summary>
    public const string Prefix = "ct_";

    private const int RandomBytes = 16;
    private static readonly int EncodedLength = Prefix.Length + Base64Url.GetEncodedLength(RandomBytes);

    // Long enough for a slow network between asking and connecting; a phone asks again on every connect.
    private TimeSpan Lifetime => configuration.GetValue("Auth:ConnectTicketLifetime", TimeSpan.FromMinutes(1));

    public async Task<ConnectTicketResponse> IssueAsync(DeviceClaims device)
    {
        var ticket = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        var expiresAt = time.GetUtcNow() + Lifetime;
        await grains.GetGrain<IConnectTicketGrain>(ticket).Hold(new ConnectTicketHolder(device.Identity, device.Recipient), expiresAt);
        return new ConnectTicketResponse(ticket, expiresAt);
    }

    /// <summary>The device a ticket stands for, once; null for a used, expired, unknown or malformed one (no grain is asked for those).</summary>
    public async Task<DeviceClaims?> RedeemAsync(string ticket)
    {
        if (!IsWellFormed(ticket))
        {
            return null;
        }

        return await grains.GetGrain<IConnectTicketGrain>(ticket).Redeem() is { } holder
            ? new DeviceClaims(holder.Device.DeviceId, holder.Device.DisplayName, holder.Recipient)
            : null;
    }

    /// <summary>A ticket in a hub socket's URL, where SignalR's clients put the access token.</summary>
    public static bool TryRead(HttpRequest request, out string ticket)
    {
        ticket = request.Path.StartsWithSegments(HubSockets.PathPrefix) ? request.Query[HubSockets.AccessTokenParameter].ToString() : string.Empty;
        return ticket.StartsWith(Prefix, StringComparison.Ordinal);
    }

    private static bool IsWellFormed(string ticket) =>
        ticket.Length == EncodedLength && ticket.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(ticket.AsSpan(Prefix.Length));
}

public static class ConnectTicketApi
{
    public static IEndpointRouteBuilder MapConnectTicketApi(this IEndpointRouteBuilder app)
    {
        // Revocation is the socket's to refuse (DeviceHub.OnConnectedAsync): the phone learns it from the hub's answer.
        app.MapPost(ConnectTickets.Path, async (ClaimsPrincipal user, ConnectTickets tickets) => Results.Ok(await tickets.IssueAsync(DeviceClaims.From(user))))
            .RequireAuthorization(AuthPolicies.Device)
            .RequireRateLimiting(DevicesApi.DeviceRateLimit)
            .DisableAntiforgery();
        return app;
    }
}

/// <summary>Authenticates a hub socket by the connect ticket in its URL (<see cref="DashboardAuth.SelectScheme"/> picks it).</summary>
public sealed class ConnectTicketHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ConnectTickets tickets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "connect-ticket";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ConnectTickets.TryRead(Request, out var ticket))
        {
            return AuthenticateResult.NoResult();
        }

        if (await tickets.RedeemAsync(ticket) is not { } device)
        {
            return AuthenticateResult.Fail("The connect ticket is unknown, used or expired: ask for another.");
        }

        // Only the claims a hub reads (as HubPrincipal keeps of a token): the principal lives as long as the socket.
        var identity = new ClaimsIdentity(device.ToClaims(), SchemeName, ClaimNames.Name, ClaimNames.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
