using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The exercise's clock and progress are rewritten on every fire; the authored scenario is not.
/// These tests read the grain storage the node itself uses.
/// </summary>
public sealed class ExerciseStorageTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private IGrainFactory Grains => fixture.Node.Services.GetRequiredService<IGrainFactory>();

    private IGrainStorage Storage => fixture.Node.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    [Fact]
    public async Task Firing_an_inject_rewrites_the_progress_but_not_the_scenario()
    {
        var exercise = Grains.GetGrain<IExerciseGrain>(EmbeddedNodeFixture.NewExerciseId());
        await exercise.Create(ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "test.yaml"));
        await exercise.Start("test-director");

        await exercise.FireNow("2", "test-director");

        var progress = await Read<ExerciseState>(exercise, "exercise");
        Assert.Null(progress.Scenario);
        Assert.Equal(InjectStatus.Fired, progress.Injects["2"].Status);
        Assert.Equal("two-teams-one-actor", (await Read<ExerciseScenarioState>(exercise, "exercise-scenario")).Scenario?.Id);
    }

    [Fact]
    public async Task An_exercise_stored_with_its_scenario_inside_is_moved_on_activation_and_runs()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var exercise = Grains.GetGrain<IExerciseGrain>(exerciseId);
        var scenario = ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "test.yaml");
        var legacy = new GrainState<ExerciseState>(new ExerciseState { Scenario = scenario, Clock = ExerciseClock.Ready });
        await Storage.WriteStateAsync("exercise", exercise.GetGrainId(), legacy);

        var snapshot = await exercise.GetSnapshot();

        Assert.NotNull(snapshot);
        Assert.Equal(ClockStatus.Ready, snapshot.Status);
        Assert.Equal(scenario.Injects.Select(i => i.Number), snapshot.Injects.Select(i => i.Number));
        Assert.Null((await Read<ExerciseState>(exercise, "exercise")).Scenario);
        Assert.Equal(scenario.Id, (await Read<ExerciseScenarioState>(exercise, "exercise-scenario")).Scenario?.Id);

        await exercise.Start("test-director");
        var fired = await exercise.FireNow("2", "test-director");
        Assert.Equal(InjectStatus.Fired, fired.Injects.Single(i => i.Number == "2").Status);
        Assert.Null((await Read<ExerciseState>(exercise, "exercise")).Scenario);
    }

    [Fact]
    public async Task A_create_interrupted_after_the_scenario_was_stored_is_finished_by_the_next_create()
    {
        var exercise = Grains.GetGrain<IExerciseGrain>(EmbeddedNodeFixture.NewExerciseId());
        var scenario = ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "test.yaml");
        await Storage.WriteStateAsync("exercise-scenario", exercise.GetGrainId(), new GrainState<ExerciseScenarioState>(new ExerciseScenarioState { Scenario = scenario }));

        Assert.Null(await exercise.GetSnapshot());
        var created = await exercise.Create(scenario);

        Assert.Equal(ClockStatus.Ready, created.Status);
        Assert.Equal(3, created.JoinCodes.Count);
        Assert.Equal(created.JoinCodes, (await exercise.Create(scenario)).JoinCodes);
    }

    private async Task<T> Read<T>(IExerciseGrain exercise, string stateName)
        where T : new()
    {
        var stored = new GrainState<T>(new T());
        await Storage.ReadStateAsync(stateName, exercise.GetGrainId(), stored);
        return stored.State ?? throw new InvalidOperationException($"No '{stateName}' state stored.");
    }
}
