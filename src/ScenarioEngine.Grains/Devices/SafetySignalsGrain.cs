using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Devices;

[GenerateSerializer]
public sealed class SafetySignalsState
{
    [Id(0)] public List<SignalRecord> Signals { get; set; } = [];
}

/// <summary>One signal with, per device, when the device confirmed it holds it and when a person acknowledged it.</summary>
[GenerateSerializer]
public sealed class SignalRecord
{
    [Id(0)] public required SafetySignal Signal { get; set; }
    [Id(1)] public DateTimeOffset? ClearedAt { get; set; }
    [Id(2)] public Dictionary<string, DateTimeOffset> Acknowledgements { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Absent in what older rosters stored: those signals show acknowledgements only.</summary>
    [Id(3)] public Dictionary<string, DateTimeOffset> Deliveries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Null for an exercise-wide signal; a site's signal names the mailboxes it is for.</summary>
    [Id(4)] public SignalScope? Scope { get; set; }

    public bool IsFor(RecipientAddress? recipient) => Scope is null || (recipient is { } r && Scope.Recipients.Contains(r));
}

/// <summary>
/// One exercise's safety signals. Every change is written before it is announced: a STOP is in
/// storage before any phone hears of it, so a phone that missed the push finds it on its next
/// reconcile.
/// </summary>
public sealed class SafetySignalsGrain(
    [PersistentState("signals", StorageNames.Grains)] IPersistentState<SafetySignalsState> state,
    TimeProvider time) : Grain, ISafetySignalsGrain
{
    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    private IWebNodeNotifierGrain Notifier => GrainFactory.GetGrain<IWebNodeNotifierGrain>(0);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            return;
        }

        // Before this grain existed the roster kept the signals; take them over once.
        var roster = GrainFactory.GetGrain<IRosterHandover>(this.GetPrimaryKeyString());
        var stored = await roster.ReadStoredSignals();
        if (stored.Count > 0)
        {
            state.State.Signals.AddRange(stored);
            await state.WriteStateAsync(cancellationToken);
            await roster.ForgetStoredSignals();
        }
    }

    public async Task<SafetySignal> RaiseSignal(SignalKind kind, Dictionary<string, string> message)
    {
        var signal = new SafetySignal { SignalId = Guid.NewGuid().ToString("N"), Kind = kind, Message = message, IssuedAt = time.GetUtcNow() };
        state.State.Signals.Add(new SignalRecord { Signal = signal });
        await state.WriteStateAsync();
        await Notifier.SignalRaised(Exercise, signal);
        await Notifier.ExerciseChanged(Exercise);
        return signal;
    }

    public async Task<SafetySignal> RaiseScopedSignal(string signalId, SignalKind kind, Dictionary<string, string> message, SignalScope scope)
    {
        if (string.IsNullOrWhiteSpace(signalId) || signalId.Length > 100)
        {
            throw new ArgumentException("A signal id has 1 to 100 characters.", nameof(signalId));
        }

        if (state.State.Signals.Find(s => s.Signal.SignalId == signalId) is { } earlier)
        {
            return earlier.Signal;
        }

        var signal = new SafetySignal { SignalId = signalId, Kind = kind, Message = message, IssuedAt = time.GetUtcNow() };
        state.State.Signals.Add(new SignalRecord { Signal = signal, Scope = scope });
        await state.WriteStateAsync();
        await Notifier.ScopedSignalRaised(Exercise, signal, scope.Recipients);
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

    public async Task<IReadOnlyList<SafetySignal>> GetSignals(string deviceId)
    {
        var inForce = state.State.Signals.Where(s => s.ClearedAt is null).ToList();

        // Only a site's signal needs to know whose device this is; exercise-wide ones (nearly all) skip the roster.
        RecipientAddress? recipient = null;
        if (inForce.Exists(s => s.Scope is not null))
        {
            var devices = await GrainFactory.GetGrain<IDeviceRosterGrain>(this.GetPrimaryKeyString()).GetDevices();
            recipient = devices.FirstOrDefault(d => d.DeviceId == deviceId)?.Recipient;
        }

        return inForce
            .Where(s => s.IsFor(recipient))
            .Select(s => s.Signal with { Acknowledged = s.Acknowledgements.ContainsKey(deviceId) })
            .ToList();
    }

    public async Task SignalsReceived(string deviceId, IReadOnlyList<string> signalIds)
    {
        var now = time.GetUtcNow();
        var changed = false;
        foreach (var record in state.State.Signals.Where(s => signalIds.Contains(s.Signal.SignalId, StringComparer.Ordinal)))
        {
            changed |= record.Deliveries.TryAdd(deviceId, now);
        }

        if (changed)
        {
            await state.WriteStateAsync();
            await Notifier.ExerciseChanged(Exercise);
        }
    }

    public async Task AcknowledgeSignal(string deviceId, string signalId)
    {
        var record = Find(signalId);
        var now = time.GetUtcNow();
        var delivered = record.Deliveries.TryAdd(deviceId, now);
        if (record.Acknowledgements.TryAdd(deviceId, now) || delivered)
        {
            await state.WriteStateAsync();
            await Notifier.ExerciseChanged(Exercise);
        }
    }

    public async Task<IReadOnlyList<SafetySignalStatus>> GetSignalStatus()
    {
        // Everyone who holds a device in this exercise must acknowledge, except revoked devices.
        var devices = await GrainFactory.GetGrain<IDeviceRosterGrain>(this.GetPrimaryKeyString()).GetDevices();
        var expected = devices.Where(d => !d.Revoked).OrderBy(d => d.DeviceId, StringComparer.Ordinal).ToList();
        return state.State.Signals.Select(s => Status(s, expected.Where(d => s.IsFor(d.Recipient)).ToList())).ToList();
    }

    private static SafetySignalStatus Status(SignalRecord s, List<DevicePresence> expected) =>
        new()
        {
            Signal = s.Signal,
            ClearedAt = s.ClearedAt,
            SiteId = s.Scope?.SiteId,
            AcknowledgedBy = s.Acknowledgements.Keys.Order(StringComparer.Ordinal).ToList(),
            NotAcknowledgedBy = expected.Where(d => !s.Acknowledgements.ContainsKey(d.DeviceId)).Select(d => d.DeviceId).ToList(),
            Devices = expected.Select(d => new SignalReceipt
            {
                DeviceId = d.DeviceId,
                DisplayName = d.DisplayName,
                DeliveredAt = s.Deliveries.TryGetValue(d.DeviceId, out var delivered) ? delivered : null,
                AcknowledgedAt = s.Acknowledgements.TryGetValue(d.DeviceId, out var acknowledged) ? acknowledged : null,
            }).ToList(),
        };

    private SignalRecord Find(string signalId) =>
        state.State.Signals.Find(s => s.Signal.SignalId == signalId)
        ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has no signal '{signalId}'.");
}
