using ScenarioEngine.Delivery;

namespace ScenarioEngine.Devices;

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
/// The devices of one exercise (keyed by exercise id): who joined, who is connected, who is
/// revoked. Safety signals (<see cref="ISafetySignalsGrain"/>) and controller calls
/// (<see cref="IControllerCallsGrain"/>) have grains of their own, so neither a crowd of phones
/// connecting nor a flurry of calls queues in front of a STOP. Bounded by the roster, not by traffic.
/// </summary>
public interface IDeviceRosterGrain : IGrainWithStringKey
{
    /// <summary>Records a device that joined with a join code, so it can be revoked before it ever connects.</summary>
    Task Joined(RecipientAddress recipient, DeviceIdentity device);

    /// <summary>Records a connection; false when the device is revoked and must be turned away.</summary>
    Task<bool> Connected(RecipientAddress recipient, DeviceIdentity device, string connectionId);

    Task Disconnected(string deviceId, string connectionId);

    Task Hello(string deviceId, DeviceHello hello);

    /// <summary>Any call from a device: keeps its last-seen time current. One-way: it never slows the call it rides on.</summary>
    [Orleans.Concurrency.OneWay]
    Task Touch(string deviceId);

    Task<bool> IsRevoked(string deviceId);

    /// <summary>Every revoked device of the exercise: web nodes cache it to check each hub call without a grain call.</summary>
    Task<IReadOnlyList<string>> GetRevoked();

    /// <summary>Revokes a device (connected, offline, or joined and never connected) and returns it as it now stands.</summary>
    Task<DevicePresence> Revoke(string deviceId);

    Task<IReadOnlyList<DevicePresence>> GetDevices();
}
