using ScenarioEngine.Access;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Access;

[GenerateSerializer]
public sealed class JoinCodeState
{
    [Id(0)] public JoinBinding? Binding { get; set; }
    [Id(1)] public bool Retired { get; set; }
}

public sealed class JoinCodeGrain(
    [PersistentState("joincode", StorageNames.Grains)] IPersistentState<JoinCodeState> state) : Grain, IJoinCodeGrain
{
    public async Task<bool> TryBind(JoinBinding binding)
    {
        if (state.State.Retired)
        {
            return false;
        }

        if (state.State.Binding is { } existing)
        {
            return existing.Recipient == binding.Recipient;
        }

        state.State.Binding = binding;
        await state.WriteStateAsync();
        return true;
    }

    public Task<JoinBinding?> Resolve() => Task.FromResult(state.State.Retired ? null : state.State.Binding);

    public async Task Retire()
    {
        state.State.Retired = true;
        await state.WriteStateAsync();
    }
}
