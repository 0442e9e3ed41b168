using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ScenarioEngine.Web.Auth;

public sealed class ControllerAccount
{
    public string UserName { get; set; } = string.Empty;

    /// <summary>A salted PBKDF2 hash as made by <c>ScenarioEngine.Web hash-password</c>; never a plain password.</summary>
    public string PasswordHash { get; set; } = string.Empty;
}

/// <summary>
/// Controller sign-in against the "Controllers" configuration list. With none configured, the
/// embedded default makes a one-time random password at start and prints it: there is never a
/// default password.
/// </summary>
public sealed class ControllerAccounts
{
    public const string GeneratedUserName = "director";

    private static readonly PasswordHasher<ControllerAccount> Hasher = new();
    private readonly List<ControllerAccount> _accounts;

    public ControllerAccounts(IConfiguration configuration)
    {
        _accounts = configuration.GetSection("Controllers").Get<List<ControllerAccount>>() ?? [];
        if (_accounts.Count == 0)
        {
            GeneratedPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            _accounts.Add(new ControllerAccount { UserName = GeneratedUserName, PasswordHash = HashPassword(GeneratedPassword) });
        }
    }

    /// <summary>Set only when no controller was configured: shown once at start.</summary>
    public string? GeneratedPassword { get; }

    public static string HashPassword(string password) => Hasher.HashPassword(new ControllerAccount(), password);

    public bool Verify(string userName, string password)
    {
        var account = _accounts.Find(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase));
        return account is not null
            && Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
