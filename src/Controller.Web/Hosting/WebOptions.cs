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

    /// <summary>Join attempts one IP address may make per minute; join codes must not be guessable by brute force.</summary>
    public int JoinAttemptsPerMinute { get; set; } = 30;

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

    /// <summary>Largest body of POST /api/exercises (a scenario's YAML, inline attachments included), in bytes.</summary>
    public long MaxScenarioRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest MSEL spreadsheet a controller may upload, in bytes; what it may unpack to is bounded by <c>SheetLimits</c>.</summary>
    public long MaxSheetRequestBytes { get; set; } = Api.MselApi.MaxSheetBytes;
}
