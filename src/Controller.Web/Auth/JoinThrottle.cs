using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Auth;

/// <summary>
/// Limits joining by join code and address, never by address alone: hundreds of phones at a venue
/// share one public address. Codes that resolve to nothing spend the address's small guessing
/// budget; once it is spent the address may only use codes that already worked from it, unchecked
/// otherwise, so a guesser learns nothing more and the venue's phones keep joining.
/// </summary>
public sealed class JoinThrottle : IDisposable
{
    private const int ForgetAbove = 50_000;
    private static readonly TimeSpan RememberWorked = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string> _unknownCodes;
    private readonly PartitionedRateLimiter<(string Code, string Address)> _joins;
    private readonly ConcurrentDictionary<(string Code, string Address), DateTimeOffset> _worked = new();
    private readonly TimeProvider _time;

    public JoinThrottle(IOptions<WebOptions> options, TimeProvider time)
    {
        var web = options.Value;
        _time = time;
        _unknownCodes = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = web.JoinAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        _joins = PartitionedRateLimiter.Create<(string Code, string Address), (string Code, string Address)>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = web.JoinsPerCodePerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Before the code is looked up: false when this address has spent its guessing budget and the code never worked from it.</summary>
    public bool MayLookUp(string code, string address)
    {
        if (_worked.TryGetValue((code, address), out var at) && _time.GetUtcNow() - at < RememberWorked)
        {
            return true;
        }

        // Zero permits asks whether any are left without spending one.
        using var lease = _unknownCodes.AttemptAcquire(address, 0);
        return lease.IsAcquired;
    }

    /// <summary>The code resolved to nothing: spends one of the address's guesses; false when none was left.</summary>
    public bool UnknownCode(string address)
    {
        using var lease = _unknownCodes.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    /// <summary>A valid code: false when this address has joined with it too often this minute.</summary>
    public bool Join(string code, string address)
    {
        using var lease = _joins.AttemptAcquire((code, address));
        if (!lease.IsAcquired)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        if (_worked.Count > ForgetAbove)
        {
            foreach (var stale in _worked.Where(w => now - w.Value >= RememberWorked).Select(w => w.Key).ToList())
            {
                _worked.TryRemove(stale, out _);
            }
        }

        _worked[(code, address)] = now;
        return true;
    }

    public void Dispose()
    {
        _unknownCodes.Dispose();
        _joins.Dispose();
    }
}
