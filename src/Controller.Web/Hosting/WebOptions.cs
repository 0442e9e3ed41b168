namespace ScenarioEngine.Web.Hosting;

public enum OrleansRole
{
    /// <summary>Co-host the silo in this process (the default: one process, nothing else to run).</summary>
    Embedded,

    /// <summary>Join a cluster of Orleans.Silo processes through Redis as an Orleans client.</summary>
    Client,
}

/// <summary>The "Web" configuration section.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    public OrleansRole Orleans { get; set; } = OrleansRole.Embedded;

    /// <summary>Create exercise <see cref="SampleExerciseId"/> from the bundled sample at start if it is missing.</summary>
    public bool SeedSample { get; set; } = true;

    public string SampleExerciseId { get; set; } = "sample";

    /// <summary>Largest SignalR message a device may send, in bytes.</summary>
    public long MaxDeviceMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Hub calls a device connection may make per second, sustained.</summary>
    public int DeviceCallsPerSecond { get; set; } = 20;

    /// <summary>Hub calls a device connection may make in a burst (a resync after hours offline).</summary>
    public int DeviceCallBurst { get; set; } = 100;

    /// <summary>
    /// Joins with a code no exercise has that one address may try per minute: join codes must not be
    /// guessable by brute force. Once spent, that address may join only with codes that already
    /// worked from it, so a guesser learns nothing and does not lock a venue's phones out.
    /// </summary>
    public int JoinAttemptsPerMinute { get; set; } = 30;

    /// <summary>
    /// Joins one address may make per minute with one valid code. Hundreds of phones at a venue share
    /// one public address, so joining is never limited by address alone.
    /// </summary>
    public int JoinsPerCodePerMinute { get; set; } = 600;

    /// <summary>Failed sign-ins a user name may have before each further one makes it wait (<see cref="SignInFirstDelay"/>, twice that, … up to <see cref="SignInMaxDelay"/>).</summary>
    public int SignInFreeFailures { get; set; } = 3;

    /// <summary>The same for one address, which several people may share.</summary>
    public int SignInFreeFailuresPerAddress { get; set; } = 10;

    public TimeSpan SignInFirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SignInMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Reverse proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed: the
    /// client's own address and scheme then drive rate limits, the cookie's Secure flag and QR links.
    /// Empty: only a proxy on this machine (loopback) is believed.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 172.30.80.0/24) whose proxies are believed, as <see cref="KnownProxies"/>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Largest photo or document a device may upload, in bytes.</summary>
    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>After ENDEX no join code of the exercise lets a new device in (printed codes lie around after a drill).</summary>
    public bool JoinClosesAtEndex { get; set; } = true;

    /// <summary>
    /// How long a web node trusts its list of an exercise's revoked devices before asking the roster
    /// again. A revocation reaches every node at once by notification; this bounds how long one
    /// that missed it lets a revoked device go on calling.
    /// </summary>
    public TimeSpan RevokedListLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
