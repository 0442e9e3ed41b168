using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.SitePlans;

namespace ScenarioEngine.Grains.SitePlans;

[GenerateSerializer]
public sealed class SitePlansState
{
    /// <summary>One per site at most: bounded by the scenario's sites.</summary>
    [Id(0)] public Dictionary<string, SitePlan> Plans { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Keeps which image is each site's plan and where its corners lie; the dashboards redraw when one changes.</summary>
public sealed class SitePlansGrain(
    [PersistentState("site-plans", StorageNames.Grains)] IPersistentState<SitePlansState> state) : Grain, ISitePlansGrain
{
    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    public async Task<SitePlan> Set(SitePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var scenario = await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");
        if (scenario.Sites.All(s => s.Id != plan.SiteId))
        {
            throw new KeyNotFoundException($"Exercise '{Exercise}' has no site '{plan.SiteId}'.");
        }

        if (plan.Bounds.Problem() is { } problem)
        {
            throw new ArgumentException($"The plan's corners do not make a plan ({problem}).", nameof(plan));
        }

        if (!AttachmentIds.IsValid(plan.AttachmentId) || plan.Width <= 0 || plan.Height <= 0)
        {
            throw new ArgumentException("A plan names its stored image and the image's size.", nameof(plan));
        }

        state.State.Plans[plan.SiteId] = plan;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(Exercise);
        return plan;
    }

    public async Task<IReadOnlyList<SitePlan>> List()
    {
        var scenario = await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario();
        var order = scenario?.Sites.Select(s => s.Id).ToList() ?? [];
        return state.State.Plans.Values
            .OrderBy(p => order.IndexOf(p.SiteId) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(p => p.SiteId, StringComparer.Ordinal)
            .ToList();
    }
}
