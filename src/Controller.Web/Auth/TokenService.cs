using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScenarioEngine.Access;

namespace ScenarioEngine.Web.Auth;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

public sealed class TokenService(SigningKeyProvider keys, TimeProvider time, IConfiguration configuration)
{
    public const string Issuer = "scenarioengine";
    public const string Audience = "scenarioengine";

    // A device joins once for a week-long exercise; a controller signs in per shift.
    private TimeSpan DeviceLifetime => configuration.GetValue("Auth:DeviceTokenLifetime", TimeSpan.FromDays(8));
    private TimeSpan ControllerLifetime => configuration.GetValue("Auth:ControllerTokenLifetime", TimeSpan.FromHours(12));

    public IssuedToken ForDevice(string deviceId, string displayName, JoinBinding binding) =>
        Issue(DeviceLifetime, new DeviceClaims(deviceId, displayName, binding.Recipient).ToClaims());

    /// <summary>A control-room token for <paramref name="account"/>, with its exercise and sites when it is a site controller.</summary>
    public IssuedToken ForAccount(ControllerAccount account) => Issue(ControllerLifetime,
        [
            new Claim(ClaimNames.Subject, $"{account.Role}:{account.UserName}"),
            new Claim(ClaimNames.Name, account.UserName),
            new Claim(ClaimNames.Role, account.Role),
            .. SiteControl.SiteScope.ClaimsOf(account),
        ]);

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
        NameClaimType = ClaimNames.Name,
        RoleClaimType = ClaimNames.Role,
        ClockSkew = TimeSpan.FromMinutes(1),
    };

    private IssuedToken Issue(TimeSpan lifetime, params Claim[] claims)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}
