namespace ScenarioEngine.Devices;

public enum SignalKind
{
    /// <summary>Pause all play at once (safety); lifted by clearing it.</summary>
    Stop,

    /// <summary>End of exercise.</summary>
    Endex,

    /// <summary>A real-world emergency, not part of the exercise.</summary>
    RealEmergency,
}

/// <summary>A safety signal as a device sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record SafetySignal
{
    [Id(0)] public required string SignalId { get; init; }
    [Id(1)] public required SignalKind Kind { get; init; }
    [Id(2)] public required Dictionary<string, string> Message { get; init; }
    [Id(3)] public required DateTimeOffset IssuedAt { get; init; }
    [Id(4)] public bool Acknowledged { get; init; }
}

/// <summary>A safety signal as a controller sees it: who has and has not acknowledged.</summary>
[GenerateSerializer, Immutable]
public sealed record SafetySignalStatus
{
    [Id(0)] public required SafetySignal Signal { get; init; }
    [Id(1)] public DateTimeOffset? ClearedAt { get; init; }
    [Id(2)] public required IReadOnlyList<string> AcknowledgedBy { get; init; }
    [Id(3)] public required IReadOnlyList<string> NotAcknowledgedBy { get; init; }

    /// <summary>Every device expected to get the signal (all but revoked ones), with when it got and acknowledged it.</summary>
    [Id(4)] public IReadOnlyList<SignalReceipt> Devices { get; init; } = [];

    /// <summary>Set for a signal raised for one site only (issue 17): then <see cref="Devices"/> are the devices at that site.</summary>
    [Id(5)] public string? SiteId { get; init; }
}

/// <summary>Whom a site's signal is for: the site's actors and the teams on site when it was raised.</summary>
[GenerateSerializer, Immutable]
public sealed record SignalScope
{
    [Id(0)] public required string SiteId { get; init; }
    [Id(1)] public required IReadOnlyList<RecipientAddress> Recipients { get; init; }
}

/// <summary>One device's hold on one signal: delivered (the device confirmed it has it) and acknowledged (a person tapped it).</summary>
[GenerateSerializer, Immutable]
public sealed record SignalReceipt
{
    [Id(0)] public required string DeviceId { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public DateTimeOffset? DeliveredAt { get; init; }
    [Id(3)] public DateTimeOffset? AcknowledgedAt { get; init; }
}

/// <summary>
/// STOP, ENDEX and REAL EMERGENCY for one exercise (keyed by exercise id), tracked per device:
/// delivered when the device confirms it holds the signal, acknowledged when a person tapped it.
/// Bounded by signals × devices.
/// </summary>
public interface ISafetySignalsGrain : IGrainWithStringKey
{
    Task<SafetySignal> RaiseSignal(SignalKind kind, Dictionary<string, string> message);

    Task ClearSignal(string signalId);

    /// <summary>
    /// A signal for the recipients of <paramref name="scope"/> only, under the caller's id: raising
    /// the same id again returns the signal already raised (a site controller's outbox may resend it).
    /// </summary>
    Task<SafetySignal> RaiseScopedSignal(string signalId, SignalKind kind, Dictionary<string, string> message, SignalScope scope);

    /// <summary>The signals in force, marked acknowledged or not for <paramref name="deviceId"/>.</summary>
    Task<IReadOnlyList<SafetySignal>> GetSignals(string deviceId);

    /// <summary>The device confirms it holds these signals (by push or by reconciling); unknown ids are ignored, repeats change nothing.</summary>
    Task SignalsReceived(string deviceId, IReadOnlyList<string> signalIds);

    /// <summary>A person on the device acknowledged the signal; it counts as delivered too.</summary>
    Task AcknowledgeSignal(string deviceId, string signalId);

    Task<IReadOnlyList<SafetySignalStatus>> GetSignalStatus();
}
