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

    /// <summary>Hub calls a device may make per second on this node, sustained, all its connections together.</summary>
    public int DeviceCallsPerSecond { get; set; } = 20;

    /// <summary>Hub calls a device may make on this node in a burst (a resync after hours offline), all its connections together.</summary>
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

    /// <summary>
    /// Where phones reach this server, e.g. https://drill.example.org or https://192.168.1.20:5443:
    /// join links and QR codes use it. Unset, they use the address the dashboard was opened at,
    /// unless that is loopback (127.0.0.1, localhost), which no phone reaches: then the LAN HTTPS
    /// address (<c>Https:Lan</c>) when it is on.
    /// </summary>
    public string? PublicAddress { get; set; }

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

    /// <summary>Hub connections one device may hold at once on this node (they share one call budget, but each costs memory and a push).</summary>
    public int MaxConnectionsPerDevice { get; set; } = 4;

    /// <summary>REST calls (uploads, downloads) one device may make per second, sustained.</summary>
    public int DeviceRequestsPerSecond { get; set; } = 5;

    /// <summary>REST calls one device may make in a burst (a phone fetching a message's documents after hours offline).</summary>
    public int DeviceRequestBurst { get; set; } = 30;

    /// <summary>Files one device may upload through this node; a drill's phone sends tens of photos, a leaked code must not fill the store.</summary>
    public int MaxUploadsPerDevice { get; set; } = 300;

    /// <summary>Bytes one device may upload through this node, all files together.</summary>
    public long MaxUploadBytesPerDevice { get; set; } = 500L * 1024 * 1024;

    /// <summary>Largest body of POST /api/exercises (a scenario's YAML, inline attachments included), in bytes.</summary>
    public long MaxScenarioRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest MSEL spreadsheet a controller may upload, in bytes; what it may unpack to is bounded by <c>SheetLimits</c>.</summary>
    public long MaxSheetRequestBytes { get; set; } = Api.MselApi.MaxSheetBytes;

    /// <summary>An MSEL sheet without one of the scenario's languages is refused, not imported with a warning (as <c>--strict</c> in the CLI).</summary>
    public bool StrictMselLanguages { get; set; }
}

/// <summary>Refuses settings that would switch a limit off or make it nonsense, at start rather than at the first request.</summary>
public sealed class WebOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<WebOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = new List<string>();
        void Positive(long value, string setting)
        {
            if (value <= 0)
            {
                failures.Add($"Web:{setting} must be positive (it is {value}).");
            }
        }

        Positive(options.MaxDeviceMessageBytes, nameof(options.MaxDeviceMessageBytes));
        Positive(options.DeviceCallsPerSecond, nameof(options.DeviceCallsPerSecond));
        Positive(options.DeviceCallBurst, nameof(options.DeviceCallBurst));
        Positive(options.JoinAttemptsPerMinute, nameof(options.JoinAttemptsPerMinute));
        Positive(options.MaxAttachmentBytes, nameof(options.MaxAttachmentBytes));
        Positive(options.MaxConnectionsPerDevice, nameof(options.MaxConnectionsPerDevice));
        Positive(options.DeviceRequestsPerSecond, nameof(options.DeviceRequestsPerSecond));
        Positive(options.DeviceRequestBurst, nameof(options.DeviceRequestBurst));
        Positive(options.MaxUploadsPerDevice, nameof(options.MaxUploadsPerDevice));
        Positive(options.MaxUploadBytesPerDevice, nameof(options.MaxUploadBytesPerDevice));
        Positive(options.MaxScenarioRequestBytes, nameof(options.MaxScenarioRequestBytes));
        Positive(options.MaxSheetRequestBytes, nameof(options.MaxSheetRequestBytes));
        Positive(options.RevokedListLifetime.Ticks, nameof(options.RevokedListLifetime));
        if (!string.IsNullOrWhiteSpace(options.PublicAddress)
            && !(Uri.TryCreate(options.PublicAddress, UriKind.Absolute, out var publicAddress) && publicAddress.Scheme is "http" or "https" && publicAddress.Query.Length == 0))
        {
            failures.Add($"Web:PublicAddress must be an absolute http(s) address such as https://drill.example.org (it is '{options.PublicAddress}').");
        }

        if (options.MaxUploadBytesPerDevice < options.MaxAttachmentBytes)
        {
            failures.Add($"Web:MaxUploadBytesPerDevice ({options.MaxUploadBytesPerDevice}) must be at least Web:MaxAttachmentBytes ({options.MaxAttachmentBytes}).");
        }

        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
