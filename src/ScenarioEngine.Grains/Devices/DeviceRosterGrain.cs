using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Devices;

[GenerateSerializer]
public sealed class DeviceRosterState
{
    [Id(0)] public Dictionary<string, DevicePresence> Devices { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Signals and calls as this grain stored them before they moved to <see cref="SafetySignalsGrain"/>
    /// and <see cref="ControllerCallsGrain"/>. Each new grain takes its part once, on its first activation,
    /// and this grain then forgets it (<see cref="IRosterHandover"/>). Empty for exercises made since.
    /// </summary>
    [Id(1)] public List<SignalRecord> Signals { get; set; } = [];

    /// <inheritdoc cref="Signals"/>
    [Id(2)] public List<ControllerCallRecord> Calls { get; set; } = [];
}

/// <summary>How the signals and calls grains take over what an older roster stored (see <see cref="DeviceRosterState.Signals"/>).</summary>
public interface IRosterHandover : IGrainWithStringKey
{
    Task<IReadOnlyList<SignalRecord>> ReadStoredSignals();

    Task ForgetStoredSignals();

    Task<IReadOnlyList<ControllerCallRecord>> ReadStoredCalls();

    Task ForgetStoredCalls();
}

/// <summary>
/// One exercise's devices: presence and revocation. Which connections are open is kept in memory
/// only: after a silo restart the devices reconnect and report again, whereas joins, revocations
/// and last-seen times are persisted. Presence changes (connect, disconnect, hello, last seen) are
/// written and announced at most once per <see cref="PresenceFlushDelay"/>: the whole roster is one
/// state, so writing it on every connect made N devices connecting cost O(N²). Joins and
/// revocations are written at once.
/// </summary>
public sealed class DeviceRosterGrain(
    [PersistentState("devices", StorageNames.Grains)] IPersistentState<DeviceRosterState> state,
    TimeProvider time) : Grain, IDeviceRosterGrain, IRosterHandover
{
    // A last-seen time is rewritten at most this often, so chatty devices do not mean constant storage writes.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan PresenceFlushDelay = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, HashSet<string>> _connections = new(StringComparer.Ordinal);
    // Set while presence changes wait to be written; a flush always writes.
    private IGrainTimer? _presenceFlush;
    private bool _presenceAnnounce;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    private IWebNodeNotifierGrain Notifier => GrainFactory.GetGrain<IWebNodeNotifierGrain>(0);

    public async Task Joined(RecipientAddress recipient, DeviceIdentity device)
    {
        if (state.State.Devices.ContainsKey(device.DeviceId))
        {
            return;
        }

        state.State.Devices[device.DeviceId] = new DevicePresence
        {
            DeviceId = device.DeviceId,
            DisplayName = device.DisplayName,
            Recipient = recipient,
            Connected = false,
            LastSeen = time.GetUtcNow(),
        };

        // Written at once: a device the controller cannot see cannot be revoked.
        await state.WriteStateAsync();
        await Notifier.DevicesChanged(Exercise);
    }

    public Task<bool> Connected(RecipientAddress recipient, DeviceIdentity device, string connectionId)
    {
        if (state.State.Devices.TryGetValue(device.DeviceId, out var known) && known.Revoked)
        {
            return Task.FromResult(false);
        }

        if (!_connections.TryGetValue(device.DeviceId, out var open))
        {
            open = new HashSet<string>(StringComparer.Ordinal);
            _connections[device.DeviceId] = open;
        }

        open.Add(connectionId);
        state.State.Devices[device.DeviceId] = (known ?? new DevicePresence
        {
            DeviceId = device.DeviceId,
            DisplayName = device.DisplayName,
            Recipient = recipient,
            Connected = true,
            LastSeen = time.GetUtcNow(),
        }) with
        { Connected = true, LastSeen = time.GetUtcNow() };
        SchedulePresenceFlush(announce: true);
        return Task.FromResult(true);
    }

    public Task Disconnected(string deviceId, string connectionId)
    {
        if (_connections.TryGetValue(deviceId, out var open))
        {
            open.Remove(connectionId);
        }

        if (state.State.Devices.TryGetValue(deviceId, out var device) && !IsConnected(deviceId))
        {
            state.State.Devices[deviceId] = device with { Connected = false, LastSeen = time.GetUtcNow() };
            SchedulePresenceFlush(announce: true);
        }

        return Task.CompletedTask;
    }

    public Task Hello(string deviceId, DeviceHello hello)
    {
        if (state.State.Devices.TryGetValue(deviceId, out var device))
        {
            state.State.Devices[deviceId] = DevicePresences.WithHello(device, hello, time.GetUtcNow());
            SchedulePresenceFlush(announce: true);
        }

        return Task.CompletedTask;
    }

    public Task Touch(string deviceId)
    {
        var now = time.GetUtcNow();
        if (state.State.Devices.TryGetValue(deviceId, out var device) && now - device.LastSeen > LastSeenResolution)
        {
            state.State.Devices[deviceId] = device with { LastSeen = now };
            SchedulePresenceFlush(announce: false);
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsRevoked(string deviceId) =>
        Task.FromResult(state.State.Devices.TryGetValue(deviceId, out var device) && device.Revoked);

    public Task<IReadOnlyList<string>> GetRevoked() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Devices.Values.Where(d => d.Revoked).Select(d => d.DeviceId).ToList());

    public async Task<DevicePresence> Revoke(string deviceId)
    {
        if (!state.State.Devices.TryGetValue(deviceId, out var device))
        {
            throw new KeyNotFoundException($"Exercise '{Exercise}' has no device '{deviceId}'.");
        }

        var revoked = device with { Revoked = true, Connected = false };
        state.State.Devices[deviceId] = revoked;
        _connections.Remove(deviceId);
        await state.WriteStateAsync();
        await Notifier.DeviceRevoked(Exercise, deviceId);
        await Notifier.DevicesChanged(Exercise);
        return revoked;
    }

    public Task<IReadOnlyList<DevicePresence>> GetDevices() =>
        Task.FromResult<IReadOnlyList<DevicePresence>>(state.State.Devices.Values
            .Select(d => d with { Connected = IsConnected(d.DeviceId) })
            .OrderBy(d => d.Recipient.GrainKey, StringComparer.Ordinal).ThenBy(d => d.DisplayName, StringComparer.Ordinal)
            .ToList());

    public Task<IReadOnlyList<SignalRecord>> ReadStoredSignals() => Task.FromResult<IReadOnlyList<SignalRecord>>(state.State.Signals.ToList());

    public Task ForgetStoredSignals() => ForgetStored(state.State.Signals);

    public Task<IReadOnlyList<ControllerCallRecord>> ReadStoredCalls() => Task.FromResult<IReadOnlyList<ControllerCallRecord>>(state.State.Calls.ToList());

    public Task ForgetStoredCalls() => ForgetStored(state.State.Calls);

    private async Task ForgetStored<T>(List<T> stored)
    {
        if (stored.Count > 0)
        {
            stored.Clear();
            await state.WriteStateAsync();
        }
    }

    private bool IsConnected(string deviceId) => _connections.TryGetValue(deviceId, out var open) && open.Count > 0;

    private void SchedulePresenceFlush(bool announce)
    {
        _presenceAnnounce |= announce;
        _presenceFlush ??= this.RegisterGrainTimer(
            static (grain, _) => grain.FlushPresence(), this, new GrainTimerCreationOptions(PresenceFlushDelay, Timeout.InfiniteTimeSpan));
    }

    private async Task FlushPresence()
    {
        _presenceFlush?.Dispose();
        _presenceFlush = null;
        var announce = _presenceAnnounce;
        _presenceAnnounce = false;
        await state.WriteStateAsync();
        if (announce)
        {
            await Notifier.DevicesChanged(Exercise);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_presenceFlush is not null)
        {
            await FlushPresence();
        }
    }
}
