namespace ScenarioEngine.Web.Auth;

public static class AuthPolicies
{
    public const string Device = "device";
    public const string Controller = "controller";
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
}

public static class Roles
{
    public const string Participant = "participant";
    public const string Actor = "actor";
    public const string Controller = "controller";
}
