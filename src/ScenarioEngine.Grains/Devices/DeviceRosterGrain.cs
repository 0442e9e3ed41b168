using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Devices;

[GenerateSerializer]
public sealed class DeviceRosterState
{
    [Id(0)] public Dictionary<string, DevicePresence> Devices { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<SignalRecord> Signals { get; set; } = [];

    /// <summary>The latest calls only (<see cref="DeviceRosterGrain.MaxCalls"/>): older ones are in the exercise's past, not its state.</summary>
    [Id(2)] public List<ControllerCallRecord> Calls { get; set; } = [];
}

[GenerateSerializer]
public sealed class SignalRecord
{
    [Id(0)] public required SafetySignal Signal { get; set; }
    [Id(1)] public DateTimeOffset? ClearedAt { get; set; }
    [Id(2)] public Dictionary<string, DateTimeOffset> Acknowledgements { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One exercise's devices. Which connections are open is kept in memory only: after a silo
/// restart the devices reconnect and report again, whereas revocations, last-seen times and
/// signal acknowledgements are persisted. Presence changes (connect, disconnect, hello, last
/// seen) are written and announced at most once per <see cref="PresenceFlushDelay"/>: the whole
/// roster is one state, so writing it on every connect made N devices connecting cost O(N²).
/// Revocations and signals are written at once.
/// </summary>
public sealed class DeviceRosterGrain(
    [PersistentState("devices", StorageNames.Grains)] IPersistentState<DeviceRosterState> state,
    TimeProvider time) : Grain, IDeviceRosterGrain
{
    // A last-seen time is rewritten at most this often, so chatty devices do not mean constant storage writes.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan PresenceFlushDelay = TimeSpan.FromSeconds(1);
    public const int MaxCalls = 200;

    private readonly Dictionary<string, HashSet<string>> _connections = new(StringComparer.Ordinal);
    // Set while presence changes wait to be written; a flush always writes.
    private IGrainTimer? _presenceFlush;
    private bool _presenceAnnounce;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    private IWebNodeNotifierGrain Notifier => GrainFactory.GetGrain<IWebNodeNotifierGrain>(0);

    public async Task<bool> Connected(RecipientAddress recipient, DeviceIdentity device, string connectionId)
    {
        if (state.State.Devices.TryGetValue(device.DeviceId, out var known) && known.Revoked)
        {
            return false;
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
        await SaveAndAnnounce();
        return true;
    }

    public async Task Disconnected(string deviceId, string connectionId)
    {
        if (_connections.TryGetValue(deviceId, out var open))
        {
            open.Remove(connectionId);
        }

        if (state.State.Devices.TryGetValue(deviceId, out var device) && !IsConnected(deviceId))
        {
            state.State.Devices[deviceId] = device with { Connected = false, LastSeen = time.GetUtcNow() };
            await SaveAndAnnounce();
        }
    }

    public async Task Hello(string deviceId, DeviceHello hello)
    {
        if (!state.State.Devices.TryGetValue(deviceId, out var device))
        {
            return;
        }

        state.State.Devices[deviceId] = device with
        {
            AppVersion = Truncate(hello.AppVersion, 40),
            BatteryLevel = hello.BatteryLevel is { } level ? Math.Clamp(level, 0, 1) : device.BatteryLevel,
            BatteryLow = hello.BatteryLow ?? (hello.BatteryLevel is { } l && l < 0.15),
            Language = Truncate(hello.Language, 10),
            LastSeen = time.GetUtcNow(),
        };
        await SaveAndAnnounce();
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

    public async Task Revoke(string deviceId)
    {
        if (!state.State.Devices.TryGetValue(deviceId, out var device))
        {
            throw new KeyNotFoundException($"Exercise '{Exercise}' has no device '{deviceId}'.");
        }

        state.State.Devices[deviceId] = device with { Revoked = true, Connected = false };
        _connections.Remove(deviceId);
        await state.WriteStateAsync();
        await Notifier.DeviceRevoked(Exercise, deviceId);
        await Notifier.DevicesChanged(Exercise);
    }

    public Task<IReadOnlyList<DevicePresence>> GetDevices() =>
        Task.FromResult<IReadOnlyList<DevicePresence>>(state.State.Devices.Values
            .Select(d => d with { Connected = IsConnected(d.DeviceId) })
            .OrderBy(d => d.Recipient.GrainKey, StringComparer.Ordinal).ThenBy(d => d.DisplayName, StringComparer.Ordinal)
            .ToList());

    public async Task<SafetySignal> RaiseSignal(SignalKind kind, Dictionary<string, string> message)
    {
        var signal = new SafetySignal { SignalId = Guid.NewGuid().ToString("N"), Kind = kind, Message = message, IssuedAt = time.GetUtcNow() };
        state.State.Signals.Add(new SignalRecord { Signal = signal });
        await state.WriteStateAsync();
        await Notifier.SignalRaised(Exercise, signal);
        await Notifier.ExerciseChanged(Exercise);
        return signal;
    }

    public async Task ClearSignal(string signalId)
    {
        var record = Find(signalId);
        if (record.ClearedAt is null)
        {
            record.ClearedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            await Notifier.SignalCleared(Exercise, signalId);
            await Notifier.ExerciseChanged(Exercise);
        }
    }

    public Task<IReadOnlyList<SafetySignal>> GetSignals(string deviceId) =>
        Task.FromResult<IReadOnlyList<SafetySignal>>(state.State.Signals
            .Where(s => s.ClearedAt is null)
            .Select(s => s.Signal with { Acknowledged = s.Acknowledgements.ContainsKey(deviceId) })
            .ToList());

    public async Task AcknowledgeSignal(string deviceId, string signalId)
    {
        var record = Find(signalId);
        if (record.Acknowledgements.TryAdd(deviceId, time.GetUtcNow()))
        {
            await state.WriteStateAsync();
            await Notifier.ExerciseChanged(Exercise);
        }
    }

    public Task<IReadOnlyList<SafetySignalStatus>> GetSignalStatus()
    {
        // Everyone who holds a device in this exercise must acknowledge, except revoked devices.
        var expected = state.State.Devices.Values.Where(d => !d.Revoked).Select(d => d.DeviceId).ToList();
        return Task.FromResult<IReadOnlyList<SafetySignalStatus>>(state.State.Signals.Select(s => new SafetySignalStatus
        {
            Signal = s.Signal,
            ClearedAt = s.ClearedAt,
            AcknowledgedBy = s.Acknowledgements.Keys.Order(StringComparer.Ordinal).ToList(),
            NotAcknowledgedBy = expected.Where(d => !s.Acknowledgements.ContainsKey(d)).Order(StringComparer.Ordinal).ToList(),
        }).ToList());
    }

    public async Task<ControllerCallRecord> CallController(DeviceIdentity device, RecipientAddress recipient, ControllerCall call)
    {
        if (string.IsNullOrWhiteSpace(call.CallId) || call.CallId.Length > 100 || call.Note is { Length: > 500 })
        {
            throw new ArgumentException("A call needs an id of 1 to 100 characters and a note of at most 500.", nameof(call));
        }

        if (state.State.Calls.Find(c => c.Call.CallId == call.CallId && c.DeviceId == device.DeviceId) is { } earlier)
        {
            return earlier;
        }

        var record = new ControllerCallRecord { Call = call, DeviceId = device.DeviceId, DeviceName = device.DisplayName, Recipient = recipient, At = time.GetUtcNow() };
        state.State.Calls.Add(record);
        if (state.State.Calls.Count > MaxCalls)
        {
            state.State.Calls.RemoveAt(0);
        }

        await SaveAndAnnounceNow();
        return record;
    }

    public Task<IReadOnlyList<ControllerCallRecord>> GetCalls() =>
        Task.FromResult<IReadOnlyList<ControllerCallRecord>>(state.State.Calls.AsEnumerable().Reverse().ToList());

    public async Task AnswerCall(string callId, string controller)
    {
        var index = state.State.Calls.FindIndex(c => c.Call.CallId == callId);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Exercise '{Exercise}' has no call '{callId}'.");
        }

        if (state.State.Calls[index].AnsweredAt is null)
        {
            state.State.Calls[index] = state.State.Calls[index] with { AnsweredAt = time.GetUtcNow(), AnsweredBy = controller };
            await SaveAndAnnounceNow();
        }
    }

    private SignalRecord Find(string signalId) =>
        state.State.Signals.Find(s => s.Signal.SignalId == signalId)
        ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has no signal '{signalId}'.");

    private bool IsConnected(string deviceId) => _connections.TryGetValue(deviceId, out var open) && open.Count > 0;

    // A call for a controller is stored before it is acknowledged, like a revocation or a signal.
    private async Task SaveAndAnnounceNow()
    {
        await state.WriteStateAsync();
        await Notifier.DevicesChanged(Exercise);
    }

    private Task SaveAndAnnounce()
    {
        SchedulePresenceFlush(announce: true);
        return Task.CompletedTask;
    }

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

    private static string? Truncate(string? value, int max) => value is null ? null : value[..Math.Min(value.Length, max)];
}
