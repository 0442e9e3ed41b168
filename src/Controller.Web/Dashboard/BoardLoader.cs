using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.SimCell;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>
/// Reads one exercise's whole board from the grains. Needs no signed-in user, so one
/// <see cref="BoardRefresher"/> per web node can load it for every circuit showing that exercise.
/// </summary>
public static class BoardLoader
{
    private const int EventWindow = 1000;

    public static async Task<ExerciseBoard?> LoadAsync(IGrainFactory grains, string exerciseId)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        var snapshot = exercise.GetSnapshot();
        var scenario = exercise.GetScenario();
        var deliveries = exercise.GetDeliveries();
        var devices = grains.GetGrain<IDeviceRosterGrain>(exerciseId).GetDevices();
        var signals = grains.GetGrain<ISafetySignalsGrain>(exerciseId).GetSignalStatus();
        var calls = grains.GetGrain<IControllerCallsGrain>(exerciseId).GetCalls();
        var disclosures = exercise.GetDisclosures();
        var events = LatestEventsAsync(exercise);
        if (await snapshot is not { } found || await scenario is not { } definition)
        {
            return null;
        }

        var (latest, omitted) = await events;
        return new ExerciseBoard
        {
            Snapshot = found,
            Scenario = definition,
            Deliveries = await deliveries,
            Devices = await devices,
            Signals = await signals,
            Events = latest,
            EarlierEvents = omitted,
            Disclosures = await disclosures,
            Calls = await calls,
        };
    }

    // The log is append-only and long; the dashboard shows its end and says how much it left out
    // (ExerciseBoard.EarlierEvents).
    private static async Task<(IReadOnlyList<ExerciseEvent> Kept, long Omitted)> LatestEventsAsync(IExerciseGrain exercise)
    {
        var tail = await exercise.GetLatestEvents(EventWindow);
        return (tail.Events, tail.Earlier);
    }
}
