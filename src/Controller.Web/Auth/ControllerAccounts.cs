using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ScenarioEngine.Web.Auth;

public sealed class ControllerAccount
{
    public string UserName { get; set; } = string.Empty;

    /// <summary>A salted PBKDF2 hash as made by <c>ScenarioEngine.Web hash-password</c>; never a plain password.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary><see cref="Roles.Controller"/>, <see cref="Roles.Observer"/> or <see cref="Roles.LeadEvaluator"/>: set by the configuration section the account came from.</summary>
    public string Role { get; set; } = Roles.Controller;

    /// <summary>For a site controller: the exercise whose <see cref="Sites"/> it covers.</summary>
    public string? Exercise { get; set; }

    /// <summary>For a site controller: the site ids it covers.</summary>
    public List<string> Sites { get; set; } = [];
}

/// <summary>
/// Control-room sign-in against the "Controllers" configuration list (may act) and the "Observers"
/// list (evaluators and guests: see everything a controller sees, change nothing), and the
/// "LeadEvaluators" list (read like an observer, write the AAR/IP consolidation). With no
/// controller configured, the embedded default makes a one-time random password at start and
/// prints it: there is never a default password.
/// </summary>
public sealed class ControllerAccounts
{
    public const string GeneratedUserName = "director";

    private static readonly PasswordHasher<ControllerAccount> Hasher = new();

    // Checked when the user name is unknown, so that answer costs one hash like a wrong password
    // does and the time taken does not tell which user names exist.
    private static readonly Lazy<string> DummyHash = new(() => HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12))));

    private readonly List<ControllerAccount> _accounts;

    public ControllerAccounts(IConfiguration configuration)
    {
        var controllers = configuration.GetSection("Controllers").Get<List<ControllerAccount>>() ?? [];
        var observers = configuration.GetSection("Observers").Get<List<ControllerAccount>>() ?? [];
        var leads = configuration.GetSection("LeadEvaluators").Get<List<ControllerAccount>>() ?? [];
        var siteControllers = configuration.GetSection("SiteControllers").Get<List<ControllerAccount>>() ?? [];
        if (siteControllers.Find(a => string.IsNullOrWhiteSpace(a.Exercise) || a.Sites.Count == 0) is { } unbound)
        {
            // A site controller bound to nothing would see nothing; a typo should stop the start, not a drill.
            throw new InvalidOperationException($"Site controller '{unbound.UserName}' needs an Exercise and at least one of its Sites.");
        }

        siteControllers.ForEach(a => a.Role = Roles.SiteController);
        controllers.ForEach(a => a.Role = Roles.Controller);
        observers.ForEach(a => a.Role = Roles.Observer);
        leads.ForEach(a => a.Role = Roles.LeadEvaluator);
        if (controllers.Count == 0)
        {
            GeneratedPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            controllers.Add(new ControllerAccount { UserName = GeneratedUserName, PasswordHash = HashPassword(GeneratedPassword) });
        }

        _accounts = [.. controllers, .. observers, .. leads, .. siteControllers];
        _ = DummyHash.Value;
    }

    /// <summary>Set only when no controller was configured: shown once at start.</summary>
    public string? GeneratedPassword { get; }

    public static string HashPassword(string password) => Hasher.HashPassword(new ControllerAccount(), password);

    /// <summary>The account if the password is right; null for a wrong password or an unknown user name, which take the same time.</summary>
    public ControllerAccount? Verify(string userName, string password)
    {
        var account = _accounts.Find(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase));
        var hash = account?.PasswordHash ?? DummyHash.Value;
        var result = Hasher.VerifyHashedPassword(account ?? new ControllerAccount(), hash, password);
        return account is not null && result != PasswordVerificationResult.Failed ? account : null;
    }
}
