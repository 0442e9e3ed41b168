using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Devices;

[GenerateSerializer]
public sealed class ControllerCallsState
{
    /// <summary>The latest calls only (<see cref="ControllerCallsGrain.MaxCalls"/>): older ones are in the exercise's past, not its state.</summary>
    [Id(0)] public List<ControllerCallRecord> Calls { get; set; } = [];
}

/// <summary>One exercise's "need controller" calls. A call is stored before it is answered to the phone, like a signal.</summary>
public sealed class ControllerCallsGrain(
    [PersistentState("calls", StorageNames.Grains)] IPersistentState<ControllerCallsState> state,
    TimeProvider time) : Grain, IControllerCallsGrain
{
    public const int MaxCalls = 200;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            return;
        }

        // Before this grain existed the roster kept the calls; take them over once.
        var roster = GrainFactory.GetGrain<IRosterHandover>(this.GetPrimaryKeyString());
        var stored = await roster.ReadStoredCalls();
        if (stored.Count > 0)
        {
            state.State.Calls.AddRange(stored);
            await state.WriteStateAsync(cancellationToken);
            await roster.ForgetStoredCalls();
        }
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

        await SaveAndAnnounce();
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
            await SaveAndAnnounce();
        }
    }

    // The dashboard shows calls with the devices, so a call changes the devices view.
    private async Task SaveAndAnnounce()
    {
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).DevicesChanged(Exercise);
    }
}
