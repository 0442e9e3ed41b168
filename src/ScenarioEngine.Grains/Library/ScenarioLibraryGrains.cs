using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Library;

namespace ScenarioEngine.Grains.Library;

[GenerateSerializer]
public sealed class ScenarioTemplateState
{
    [Id(0)] public ScenarioTemplate? Template { get; set; }
}

public sealed class ScenarioTemplateGrain(
    [PersistentState("template", StorageNames.Grains)] IPersistentState<ScenarioTemplateState> state) : Grain, IScenarioTemplateGrain
{
    public Task<ScenarioTemplate?> Get() => Task.FromResult(state.State.Template);

    public async Task Save(ScenarioTemplate template, ScenarioTemplateInfo info)
    {
        state.State.Template = template;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IScenarioLibraryGrain>(0).Register(info);
    }
}

[GenerateSerializer]
public sealed class ScenarioLibraryState
{
    [Id(0)] public List<ScenarioTemplateInfo> Templates { get; set; } = [];
}

public sealed class ScenarioLibraryGrain(
    [PersistentState("library", StorageNames.Grains)] IPersistentState<ScenarioLibraryState> state) : Grain, IScenarioLibraryGrain
{
    public Task<IReadOnlyList<ScenarioTemplateInfo>> List() => Task.FromResult<IReadOnlyList<ScenarioTemplateInfo>>(state.State.Templates.ToList());

    public async Task Register(ScenarioTemplateInfo info)
    {
        state.State.Templates.RemoveAll(t => t.Id == info.Id);
        state.State.Templates.Add(info);
        await state.WriteStateAsync();
    }
}

[GenerateSerializer]
public sealed class MselMappingState
{
    [Id(0)] public Dictionary<string, string> Map { get; set; } = [];
}

public sealed class MselMappingGrain(
    [PersistentState("msel-mapping", StorageNames.Grains)] IPersistentState<MselMappingState> state) : Grain, IMselMappingGrain
{
    public Task<Dictionary<string, string>> Get() => Task.FromResult(new Dictionary<string, string>(state.State.Map));

    public async Task Set(Dictionary<string, string> map)
    {
        state.State.Map = new Dictionary<string, string>(map);
        await state.WriteStateAsync();
    }
}
