using ScenarioEngine.Devices;

namespace ScenarioEngine.Grains.Devices;

/// <summary>What a device's hello changes in its presence: bounded strings, a battery level in [0, 1].</summary>
public static class DevicePresences
{
    // Below this a phone is flagged even when it does not say so itself.
    private const double LowBattery = 0.15;

    public static DevicePresence WithHello(DevicePresence device, DeviceHello hello, DateTimeOffset now) => device with
    {
        AppVersion = Truncate(hello.AppVersion, 40),
        BatteryLevel = hello.BatteryLevel is { } level ? Math.Clamp(level, 0, 1) : device.BatteryLevel,
        BatteryLow = hello.BatteryLow ?? (hello.BatteryLevel is { } l && l < LowBattery),
        Language = Truncate(hello.Language, 10),
        LastSeen = now,
    };

    private static string? Truncate(string? value, int max) => value is null ? null : value[..Math.Min(value.Length, max)];
}
