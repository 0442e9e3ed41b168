using System.Collections.Concurrent;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// The grain references the device hub calls, made once per mailbox and exercise. Orleans'
/// <c>GetGrain</c> resolves the interface type by reflection on every call (several per cent of the
/// web process's CPU with thousands of phones calling), and a reference is immutable and reusable.
/// </summary>
/// <remarks>Bounded by the exercises' teams and actors that connect to this node.</remarks>
public sealed class DeviceGrains(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, IMailboxGrain> _mailboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IDeviceRosterGrain> _rosters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ISafetySignalsGrain> _signals = new(StringComparer.Ordinal);

    public IMailboxGrain Mailbox(RecipientAddress recipient) =>
        _mailboxes.GetOrAdd(recipient.GrainKey, static (key, g) => g.GetGrain<IMailboxGrain>(key), grains);

    public IDeviceRosterGrain Roster(ExerciseId exercise) =>
        _rosters.GetOrAdd(exercise.Value, static (key, g) => g.GetGrain<IDeviceRosterGrain>(key), grains);

    public ISafetySignalsGrain Signals(ExerciseId exercise) =>
        _signals.GetOrAdd(exercise.Value, static (key, g) => g.GetGrain<ISafetySignalsGrain>(key), grains);
}
