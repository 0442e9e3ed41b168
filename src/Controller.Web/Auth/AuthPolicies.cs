namespace ScenarioEngine.Web.Auth;

public static class AuthPolicies
{
    public const string Device = "device";

    /// <summary>May act: fire, hold, signal, revoke, import… Only controllers.</summary>
    public const string Controller = "controller";

    /// <summary>May see the control room: controllers, the lead evaluator and read-only observers (evaluators, guests).</summary>
    public const string ControlRoom = "control-room";

    /// <summary>May write the AAR/IP consolidation (issue 13 section 5): controllers and the lead evaluator.</summary>
    public const string Consolidate = "consolidate";

    /// <summary>May use the site-control API and page: controllers (every site) and site controllers (their own sites, checked per request by <see cref="SiteControl.SiteScope"/>).</summary>
    public const string SiteControl = "site-control";
}

/// <summary>Claim names in ScenarioEngine tokens. Short, because a token rides on every socket connect.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Exercise = "ex";
    public const string RecipientKind = "rk";
    public const string RecipientId = "rid";

    /// <summary>A site a site controller covers; one claim per site, with <see cref="Exercise"/> naming the exercise.</summary>
    public const string Site = "site";
}

public static class Roles
{
    public const string Participant = "participant";
    public const string Actor = "actor";

    /// <summary>A device bound to an evaluator of the scenario (not to be confused with an observer account in the control room).</summary>
    public const string Evaluator = "evaluator";
    public const string Controller = "controller";
    public const string Observer = "observer";

    /// <summary>Reads the control room like an observer and writes the consolidation of the AAR/IP; runs nothing in the exercise.</summary>
    public const string LeadEvaluator = "lead-evaluator";

    /// <summary>Controls one or more sites of one exercise (issue 17): sees and acts on those only, never the rest of the control room.</summary>
    public const string SiteController = "site-controller";
}

public static class DeviceRoles
{
    public static string Name(this Access.DeviceRole role) => role switch
    {
        Access.DeviceRole.Participant => Roles.Participant,
        Access.DeviceRole.Actor => Roles.Actor,
        _ => Roles.Evaluator,
    };
}

public static class CommandBy
{
    /// <summary>The user name a controller's command is recorded under in the exercise's event log.</summary>
    public static string ControllerName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? name : throw new InvalidOperationException("The caller has no user name to record the action under.");
}
