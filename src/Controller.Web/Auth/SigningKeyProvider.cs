using Microsoft.IdentityModel.Tokens;
using ScenarioEngine.Access;

namespace ScenarioEngine.Web.Auth;

/// <summary>
/// The key that signs tokens: Auth:SigningKey (base64, at least 32 bytes) when configured, else
/// one kept in grain storage so all web nodes share it. Loaded once at start, before requests.
/// </summary>
public sealed class SigningKeyProvider(IConfiguration configuration, IGrainFactory grains) : IHostedService
{
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The signing key has not been loaded yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = configuration["Auth:SigningKey"];
        var bytes = string.IsNullOrWhiteSpace(configured)
            ? await grains.GetGrain<ISigningKeyGrain>(0).GetOrCreate().WaitAsync(cancellationToken)
            : Convert.FromBase64String(configured);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes, base64-encoded.");
        }

        _key = new SymmetricSecurityKey(bytes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
