using System.Security.Claims;

namespace ScenarioEngine.Web.Auth;

/// <summary>
/// The principal a hub connection keeps. SignalR holds a connection's principal for as long as it
/// lives (a phone stays connected for hours, thousands at once), and the validated token's
/// principal carries the parsed token itself, the registered claims (iss, aud, exp, iat, nbf) and
/// a property bag per claim: about 4 KB per connection that no hub call reads.
/// </summary>
public static class HubPrincipal
{
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        ClaimNames.Subject,
        ClaimNames.Name,
        ClaimNames.Role,
        ClaimNames.Exercise,
        ClaimNames.RecipientKind,
        ClaimNames.RecipientId,
    };

    public static ClaimsPrincipal Slim(ClaimsPrincipal validated)
    {
        var identity = validated.Identities.First();
        var claims = validated.Claims.Where(c => Kept.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }
}
