using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.SiteControl;

namespace ScenarioEngine.Grains.SiteControl;

[GenerateSerializer]
public sealed class SiteControlState
{
    [Id(0)] public List<string> TeamsOnSite { get; set; } = [];

    /// <summary>Receipts of the latest commands, oldest first (at most <see cref="SiteControlGrain.MaxRemembered"/>).</summary>
    [Id(1)] public List<SiteCommandReceipt> Applied { get; set; } = [];
}

/// <summary>
/// A site controller's commands for one site, each applied once by its tablet-made id. The grain
/// records a command after doing it; every action it takes is itself idempotent (a call answered
/// stays answered, a site already in a state triggers nothing new, a STOP's signal id is the
/// command id), so a crash between the two and a resend still has the effect once.
/// </summary>
public sealed class SiteControlGrain(
    [PersistentState("site-control", StorageNames.Grains)] IPersistentState<SiteControlState> state,
    TimeProvider time) : Grain, ISiteControlGrain
{
    public const int MaxRemembered = 500;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString().Split('|', 2)[0]);

    private string SiteId => this.GetPrimaryKeyString().Split('|', 2)[1];

    public async Task<SiteCommandReceipt> Apply(SiteCommand command, string by)
    {
        if (string.IsNullOrWhiteSpace(command.CommandId) || command.CommandId.Length > 100)
        {
            throw new ArgumentException("A command needs an id of 1 to 100 characters.", nameof(command));
        }

        if (state.State.Applied.Find(r => r.CommandId == command.CommandId) is { } earlier)
        {
            return earlier with { Repeated = true };
        }

        var exercise = GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value);
        var scenario = await exercise.GetScenario() ?? throw new KeyNotFoundException($"There is no exercise '{Exercise}'.");
        var site = scenario.Sites.Find(s => s.Id == SiteId) ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has no site '{SiteId}'.");
        string? signalId = null;
        switch (command.Kind)
        {
            case SiteCommandKind.AnswerCall:
                var calls = GrainFactory.GetGrain<IControllerCallsGrain>(Exercise.Value);
                _ = (await calls.GetCalls()).FirstOrDefault(c => c.Call.CallId == command.CallId && SiteRules.IsAtSite(c, scenario, site.Id))
                    ?? throw new KeyNotFoundException($"Site '{site.Id}' has no call '{command.CallId}'.");
                await calls.AnswerCall(command.CallId!, by);
                break;
            case SiteCommandKind.SetState:
                await exercise.SetSiteState(site.Id, command.State ?? throw new ArgumentException("A state change names the state.", nameof(command)), by);
                break;
            case SiteCommandKind.Stop:
                var scope = new SignalScope { SiteId = site.Id, Recipients = SiteRules.StopRecipients(Exercise, scenario, site.Id, state.State.TeamsOnSite) };
                signalId = (await Signals.RaiseScopedSignal(command.CommandId, SignalKind.Stop, SiteRules.StopMessage(scenario, site), scope)).SignalId;
                await exercise.RecordAction(ExerciseEvents.SignalRaised, by, $"{SignalKind.Stop} {signalId} site {site.Id}");
                break;
            case SiteCommandKind.ClearStop:
                _ = (await Signals.GetSignalStatus()).FirstOrDefault(s => s.Signal.SignalId == command.SignalId && s.SiteId == site.Id)
                    ?? throw new KeyNotFoundException($"Site '{site.Id}' has no signal '{command.SignalId}'.");
                await Signals.ClearSignal(command.SignalId!);
                await exercise.RecordAction(ExerciseEvents.SignalCleared, by, $"{command.SignalId} site {site.Id}");
                break;
            case SiteCommandKind.TeamArrived or SiteCommandKind.TeamLeft:
                var team = scenario.Teams.Find(t => t.Id == command.TeamId) ?? throw new ArgumentException($"There is no team '{command.TeamId}'.", nameof(command));
                state.State.TeamsOnSite.Remove(team.Id);
                if (command.Kind == SiteCommandKind.TeamArrived)
                {
                    state.State.TeamsOnSite.Add(team.Id);
                }

                await exercise.RecordAction(command.Kind == SiteCommandKind.TeamArrived ? ExerciseEvents.SiteTeamArrived : ExerciseEvents.SiteTeamLeft, by, $"{team.Id} site {site.Id}");
                break;
            default:
                throw new ArgumentException($"Unknown command kind '{command.Kind}'.", nameof(command));
        }

        var receipt = new SiteCommandReceipt { CommandId = command.CommandId, Kind = command.Kind, AppliedAt = time.GetUtcNow(), SignalId = signalId };
        state.State.Applied.Add(receipt);
        if (state.State.Applied.Count > MaxRemembered)
        {
            state.State.Applied.RemoveRange(0, state.State.Applied.Count - MaxRemembered);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ScenarioEngine.Delivery.IWebNodeNotifierGrain>(0).ExerciseChanged(Exercise);
        return receipt;
    }

    public Task<IReadOnlyList<string>> GetTeamsOnSite() => Task.FromResult<IReadOnlyList<string>>(state.State.TeamsOnSite.ToList());

    private ISafetySignalsGrain Signals => GrainFactory.GetGrain<ISafetySignalsGrain>(Exercise.Value);
}
