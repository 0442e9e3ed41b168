using ScenarioEngine.Delivery;

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
}

/// <summary>What a device tells about itself after connecting.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceHello
{
    [Id(0)] public string? AppVersion { get; init; }
    [Id(1)] public double? BatteryLevel { get; init; }
    [Id(2)] public bool? BatteryLow { get; init; }
    [Id(3)] public string? Language { get; init; }
}

/// <summary>One device of an exercise as the controller sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record DevicePresence
{
    [Id(0)] public required string DeviceId { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public required RecipientAddress Recipient { get; init; }
    [Id(3)] public required bool Connected { get; init; }
    [Id(4)] public required DateTimeOffset LastSeen { get; init; }
    [Id(5)] public string? AppVersion { get; init; }
    [Id(6)] public double? BatteryLevel { get; init; }
    [Id(7)] public bool BatteryLow { get; init; }
    [Id(8)] public bool Revoked { get; init; }
    [Id(9)] public string? Language { get; init; }
}

/// <summary>
/// The devices of one exercise (keyed by exercise id): presence, revocation, and the safety
/// signals with their acknowledgements. Bounded by the roster, not by traffic.
/// </summary>
public interface IDeviceRosterGrain : IGrainWithStringKey
{
    /// <summary>Records a connection; false when the device is revoked and must be turned away.</summary>
    Task<bool> Connected(RecipientAddress recipient, DeviceIdentity device, string connectionId);

    Task Disconnected(string deviceId, string connectionId);

    Task Hello(string deviceId, DeviceHello hello);

    /// <summary>Any call from a device: keeps its last-seen time current. One-way: it never slows the call it rides on.</summary>
    [Orleans.Concurrency.OneWay]
    Task Touch(string deviceId);

    Task<bool> IsRevoked(string deviceId);

    Task Revoke(string deviceId);

    Task<IReadOnlyList<DevicePresence>> GetDevices();

    Task<SafetySignal> RaiseSignal(SignalKind kind, Dictionary<string, string> message);

    Task ClearSignal(string signalId);

    /// <summary>The signals in force, marked acknowledged or not for <paramref name="deviceId"/>.</summary>
    Task<IReadOnlyList<SafetySignal>> GetSignals(string deviceId);

    Task AcknowledgeSignal(string deviceId, string signalId);

    Task<IReadOnlyList<SafetySignalStatus>> GetSignalStatus();

    /// <summary>An actor's "need controller" call; a retried call (same id) is recorded once.</summary>
    Task<ControllerCallRecord> CallController(DeviceIdentity device, RecipientAddress recipient, ControllerCall call);

    Task<IReadOnlyList<ControllerCallRecord>> GetCalls();

    Task AnswerCall(string callId, string controller);
}

/// <summary>What an actor's phone sends when the actor taps "need controller".</summary>
[GenerateSerializer, Immutable]
public sealed record ControllerCall
{
    [Id(0)] public required string CallId { get; init; }

    /// <summary>The cue card the call is about, if any.</summary>
    [Id(1)] public long? Sequence { get; init; }
    [Id(2)] public string? Note { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ControllerCallRecord
{
    [Id(0)] public required ControllerCall Call { get; init; }
    [Id(1)] public required string DeviceId { get; init; }
    [Id(2)] public required string DeviceName { get; init; }
    [Id(3)] public required RecipientAddress Recipient { get; init; }
    [Id(4)] public required DateTimeOffset At { get; init; }
    [Id(5)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(6)] public string? AnsweredBy { get; init; }
}
