using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

// onRequest triggers: a team's request to a persona owes that team an inject, its delay later in
// exercise time (the bank's statement ten minutes after the ask). The clock fires it like any other.
public sealed partial class ExerciseGrain
{
    public async Task RequestStored(RequestNotice notice)
    {
        if (!Created || Clock.Status == ClockStatus.Ended)
        {
            return;
        }

        var triggered = RequestTriggers.Triggered(Scenario, state.State.Injects, state.State.TeamFires, notice).ToList();
        if (triggered.Count == 0)
        {
            return;
        }

        var now = Clock.ScenarioTimeAt(time.GetUtcNow());
        foreach (var inject in triggered)
        {
            state.State.TeamFires.Add(new TeamFire
            {
                InjectNumber = inject.Number,
                TeamId = notice.TeamId,
                DueAt = now + (inject.Trigger!.Delay ?? TimeSpan.Zero),
                Status = InjectStatus.Pending,
            });
        }

        await state.WriteStateAsync();
        await LogTriggered(triggered, $"request {notice.RequestId} from {notice.TeamId} to {notice.PersonaId}");
        await NotifyChanged();
        await RunClockIfRunning();
    }

    /// <summary>As <see cref="Fire"/>, for one team: Firing is recorded before the mailbox is written, and the append is idempotent per inject.</summary>
    private async Task FireForTeam(TeamFire owed, TimeSpan scenarioTime)
    {
        var inject = Inject(owed.InjectNumber);
        var index = state.State.TeamFires.FindIndex(f => f.InjectNumber == owed.InjectNumber && f.TeamId == owed.TeamId);
        var firing = owed with { Status = InjectStatus.Firing, FiredAt = owed.FiredAt ?? time.GetUtcNow() };
        state.State.TeamFires[index] = firing;
        await state.WriteStateAsync();

        var team = RecipientAddress.Team(Id, owed.TeamId);
        await GrainFactory.GetGrain<IMailboxGrain>(team.GrainKey).Append(InjectAudience.MessageFor(team, Scenario, inject, firing.FiredAt!.Value));

        state.State.TeamFires[index] = firing with { Status = InjectStatus.Fired };
        await state.WriteStateAsync();
        ScenarioEngineTelemetry.InjectsFired.Add(1, new KeyValuePair<string, object?>("fired_by", ClockFirer));
        LogInjectFired(logger, inject.Number, Id.Value, $"{ClockFirer} → {owed.TeamId}");
        await AppendEvent(ExerciseEvents.InjectFired, inject.Number, $"{ClockFirer} → {owed.TeamId} at {scenarioTime}");
        await NotifyChanged();
    }
}
