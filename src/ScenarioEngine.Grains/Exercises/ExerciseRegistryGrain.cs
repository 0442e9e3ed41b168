using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Exercises;

[GenerateSerializer]
public sealed class ExerciseRegistryState
{
    [Id(0)] public List<string> ExerciseIds { get; set; } = [];
}

public sealed class ExerciseRegistryGrain(
    [PersistentState("registry", StorageNames.Grains)] IPersistentState<ExerciseRegistryState> state) : Grain, IExerciseRegistryGrain
{
    public async Task Register(string exerciseId)
    {
        if (!state.State.ExerciseIds.Contains(exerciseId, StringComparer.Ordinal))
        {
            state.State.ExerciseIds.Add(exerciseId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.ExerciseIds.ToList());
}
