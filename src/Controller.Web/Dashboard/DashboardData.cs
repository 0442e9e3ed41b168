using System.Globalization;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Web.Api;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>Everything one exercise's dashboard shows, read in one go from the grains.</summary>
public sealed record ExerciseBoard
{
    public required ExerciseSnapshot Snapshot { get; init; }
    public required ScenarioDefinition Scenario { get; init; }
    public required IReadOnlyList<RecipientDeliveries> Deliveries { get; init; }
    public required IReadOnlyList<DevicePresence> Devices { get; init; }
    public required IReadOnlyList<SafetySignalStatus> Signals { get; init; }
    public required IReadOnlyList<ExerciseEvent> Events { get; init; }
    public required IReadOnlyList<DisclosureRecord> Disclosures { get; init; }

    /// <summary>Actors' "need controller" calls, newest first.</summary>
    public IReadOnlyList<ControllerCallRecord> Calls { get; init; } = [];
}

/// <summary>The dashboard's reads and commands. Components run on the web node, so they call grains directly.</summary>
public sealed class DashboardData(IGrainFactory grains)
{
    private const int EventWindow = 1000;
    private const int EventPage = 500;

    public async Task<IReadOnlyList<ExerciseSnapshot>> ListAsync()
    {
        var ids = await grains.GetGrain<IExerciseRegistryGrain>(0).List();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IExerciseGrain>(id).GetSnapshot()));
        return snapshots.OfType<ExerciseSnapshot>().OrderBy(s => s.ExerciseId, StringComparer.Ordinal).ToList();
    }

    public async Task<ExerciseBoard?> LoadAsync(string exerciseId)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        var roster = grains.GetGrain<IDeviceRosterGrain>(exerciseId);
        var snapshot = exercise.GetSnapshot();
        var scenario = exercise.GetScenario();
        var deliveries = exercise.GetDeliveries();
        var devices = roster.GetDevices();
        var signals = roster.GetSignalStatus();
        var calls = roster.GetCalls();
        var disclosures = exercise.GetDisclosures();
        var events = LatestEventsAsync(exercise);
        if (await snapshot is not { } found || await scenario is not { } definition)
        {
            return null;
        }

        return new ExerciseBoard
        {
            Snapshot = found,
            Scenario = definition,
            Deliveries = await deliveries,
            Devices = await devices,
            Signals = await signals,
            Events = await events,
            Disclosures = await disclosures,
            Calls = await calls,
        };
    }

    public Task<ExerciseSnapshot> CreateAsync(string exerciseId, string? scenarioYaml, CultureInfo culture)
    {
        var package = scenarioYaml is null ? ScenarioLoader.LoadSamplePackage() : ScenarioLoader.ParsePackage(scenarioYaml, "scenario", culture);
        return grains.GetGrain<IExerciseGrain>(exerciseId).CreateFrom(package.Scenario, package.Attachments, draft: scenarioYaml is not null);
    }

    public async Task<ExerciseSnapshot> ImportMselAsync(string exerciseId, string fileName, byte[] content, CultureInfo culture)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        var scenario = await exercise.GetScenario() ?? throw new KeyNotFoundException($"There is no exercise '{exerciseId}'.");
        return await MselApi.ImportAsync(exercise, scenario, fileName, content, culture);
    }

    public Task<ExerciseSnapshot> ActAsync(string exerciseId, Func<IExerciseGrain, Task<ExerciseSnapshot>> action) =>
        action(grains.GetGrain<IExerciseGrain>(exerciseId));

    public Task<SafetySignal> RaiseSignalAsync(ExerciseSnapshot snapshot, SignalKind kind) => SafetyApi.RaiseAsync(grains, snapshot, kind);

    public Task ClearSignalAsync(string exerciseId, string signalId) => grains.GetGrain<IDeviceRosterGrain>(exerciseId).ClearSignal(signalId);

    public Task<Access.JoinCodeView> RotateAsync(RecipientAddress recipient) =>
        grains.GetGrain<IExerciseGrain>(recipient.Exercise.Value).RotateJoinCode(recipient);

    public Task RevokeAsync(string exerciseId, string deviceId) => grains.GetGrain<IDeviceRosterGrain>(exerciseId).Revoke(deviceId);

    public Task<IReadOnlyList<Evaluation.Observation>> ObservationsAsync(string exerciseId) =>
        grains.GetGrain<Evaluation.IObservationLogGrain>(exerciseId).List();

    public Task<Evaluation.Observation> ObserveAsync(string exerciseId, Evaluation.ObservationEntry entry, TimeSpan scenarioTime) =>
        grains.GetGrain<Evaluation.IObservationLogGrain>(exerciseId).Add(entry, scenarioTime);

    public Task<IReadOnlyList<StoredResponse>> ResponsesAsync(RecipientAddress recipient) =>
        grains.GetGrain<IMailboxGrain>(recipient.GrainKey).GetResponses(0, 500);

    // The log is append-only and long; the dashboard needs its end. Page forward, keeping a window.
    private static async Task<IReadOnlyList<ExerciseEvent>> LatestEventsAsync(IExerciseGrain exercise)
    {
        var kept = new List<ExerciseEvent>();
        var after = 0L;
        while (true)
        {
            var page = await exercise.GetEvents(after, EventPage);
            kept.AddRange(page);
            if (kept.Count > EventWindow)
            {
                kept.RemoveRange(0, kept.Count - EventWindow);
            }

            if (page.Count < EventPage)
            {
                return kept;
            }

            after = page[^1].Sequence;
        }
    }
}
