using Microsoft.Extensions.Options;
using ScenarioEngine.Access;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Auth;

public sealed record SignInOutcome
{
    public ControllerAccount? Account { get; init; }

    /// <summary>Set when the attempt was refused unchecked: the user name or the address must wait this long.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// The one gate for both control-room sign-ins (the API's and the dashboard's form): a growing wait
/// per user name and per address after failures, and every refusal in the sign-in log controllers
/// read. Kept per web node: behind a load balancer each node counts for itself, which still
/// turns a guessing rate into a handful per minute.
/// </summary>
public sealed partial class SignInGuard
{
    private const int MaxKeyLength = 80;

    private readonly ControllerAccounts _accounts;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<SignInGuard> _logger;
    private readonly SignInBackoff _users;
    private readonly SignInBackoff _addresses;

    public SignInGuard(ControllerAccounts accounts, IGrainFactory grains, TimeProvider time, IOptions<WebOptions> options, ILogger<SignInGuard> logger)
    {
        _accounts = accounts;
        _grains = grains;
        _time = time;
        _logger = logger;
        _users = new SignInBackoff(options.Value.SignInFreeFailures, options.Value.SignInFirstDelay, options.Value.SignInMaxDelay);
        _addresses = new SignInBackoff(options.Value.SignInFreeFailuresPerAddress, options.Value.SignInFirstDelay, options.Value.SignInMaxDelay);
    }

    public async Task<SignInOutcome> SignInAsync(string userName, string password, HttpContext http, string via)
    {
        var user = userName.Trim().ToLowerInvariant();
        user = user.Length > MaxKeyLength ? user[..MaxKeyLength] : user;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = _time.GetUtcNow();

        var userWait = _users.Begin(user, now);
        var addressWait = userWait > TimeSpan.Zero ? TimeSpan.Zero : _addresses.Begin(address, now);
        if (userWait > TimeSpan.Zero || addressWait > TimeSpan.Zero)
        {
            if (userWait == TimeSpan.Zero)
            {
                // Counted for the user name before the address turned out to be waiting; refused unchecked, it is no failure of that name.
                _users.Forgive(user);
            }

            var wait = userWait > addressWait ? userWait : addressWait;
            if (_users.NoteRefusal(user) | _addresses.NoteRefusal(address))
            {
                await RecordAsync(userName, address, SignInRefusal.LockedOut, wait, via);
            }

            return new SignInOutcome { RetryAfter = wait };
        }

        if (_accounts.Verify(userName, password) is { } account)
        {
            _users.Succeeded(user);
            _addresses.Forgive(address);
            return new SignInOutcome { Account = account };
        }

        var earned = Max(_users.WaitAfterFailure(user, now), _addresses.WaitAfterFailure(address, now));
        await RecordAsync(userName, address, SignInRefusal.Failed, earned > TimeSpan.Zero ? earned : null, via);
        return new SignInOutcome();
    }

    private async Task RecordAsync(string userName, string address, SignInRefusal refusal, TimeSpan? wait, string via)
    {
        LogRefused(_logger, userName, address, refusal, via);
        await _grains.GetGrain<ISignInLogGrain>(0).Record(new SignInFailure
        {
            At = _time.GetUtcNow(),
            UserName = userName,
            Address = address,
            Refusal = refusal,
            Wait = wait,
            Via = via,
        });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Control-room sign-in refused ({Refusal}) for user name {UserName} from {Address} via {Via}")]
    private static partial void LogRefused(ILogger logger, string userName, string address, SignInRefusal refusal, string via);
}
