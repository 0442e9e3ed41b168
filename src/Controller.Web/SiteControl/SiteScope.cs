using System.Security.Claims;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.SiteControl;

public static class SiteControlPaths
{
    /// <summary>The site controller's page (tablet-sized); controllers may open it too.</summary>
    public const string Page = "/site-control";
}

/// <summary>
/// Which sites a signed-in account may control. Controllers: every site of every exercise. Site
/// controllers: the sites their account names, in its one exercise, and nothing else. Every
/// site-control endpoint and the page ask this on each request, because the policy alone only
/// says "some site".
/// </summary>
public static class SiteScope
{
    public static IEnumerable<Claim> ClaimsOf(ControllerAccount account) =>
        account.Role != Roles.SiteController || account.Exercise is null
            ? []
            : [new Claim(ClaimNames.Exercise, account.Exercise), .. account.Sites.Select(s => new Claim(ClaimNames.Site, s))];

    public static bool IsController(ClaimsPrincipal user) => user.HasClaim(ClaimNames.Role, Roles.Controller);

    public static bool MayControl(ClaimsPrincipal user, string exerciseId, string siteId) =>
        IsController(user)
        || (user.HasClaim(ClaimNames.Role, Roles.SiteController)
            && user.FindFirst(ClaimNames.Exercise)?.Value == exerciseId
            && user.HasClaim(ClaimNames.Site, siteId));

    /// <summary>A site controller's exercise; null for a controller (who picks one).</summary>
    public static string? ExerciseOf(ClaimsPrincipal user) =>
        user.HasClaim(ClaimNames.Role, Roles.SiteController) ? user.FindFirst(ClaimNames.Exercise)?.Value : null;

    /// <summary>The sites of <paramref name="allSites"/> the account may control, in scenario order.</summary>
    public static IReadOnlyList<string> SitesOf(ClaimsPrincipal user, string exerciseId, IEnumerable<string> allSites) =>
        allSites.Where(s => MayControl(user, exerciseId, s)).ToList();
}
