using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

// Evidence props: a find (or a scan before the item can be found) goes into the event log, the
// source of the AAR timeline; onEvidence injects are owed to the finding team like onRequest ones,
// and the clock fires them through the same team-fire path.
public sealed partial class ExerciseGrain
{
    public async Task EvidenceScanned(EvidenceNotice notice)
    {
        if (!Created)
        {
            return;
        }

        var found = notice.Outcome == EvidenceScanOutcome.Found;
        await AppendEvent(
            found ? ExerciseEvents.EvidenceFound : ExerciseEvents.EvidenceNotYet,
            detail: $"{notice.ItemId} at {notice.SiteId} by {notice.TeamId} ({notice.DeviceName})");
        if (!found || Clock.Status == ClockStatus.Ended)
        {
            await NotifyChanged();
            return;
        }

        var triggered = EvidenceTriggers.Triggered(Scenario, state.State.Injects, state.State.TeamFires, notice.TeamId, notice.ItemId).ToList();
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

        if (triggered.Count > 0)
        {
            await state.WriteStateAsync();
            await LogTriggered(triggered, $"evidence {notice.ItemId} found by {notice.TeamId}");
        }

        await NotifyChanged();
        await RunClockIfRunning();
    }
}

/// <summary>Which onEvidence injects a team's find owes that team. Pure.</summary>
public static class EvidenceTriggers
{
    /// <summary>Enabled onEvidence injects naming the item, not held or skipped, addressed to the team, and not yet owed to it.</summary>
    public static IEnumerable<InjectDefinition> Triggered(
        ScenarioDefinition scenario,
        IReadOnlyDictionary<string, InjectProgress> progress,
        IReadOnlyCollection<TeamFire> owed,
        string teamId,
        string itemId) =>
        scenario.Injects.Where(i =>
            i.Enabled
            && i.Trigger is { Kind: TriggerKind.OnEvidence } trigger
            && trigger.Evidence == itemId
            && progress.GetValueOrDefault(i.Number)?.Status is null or InjectStatus.Pending or InjectStatus.Fired
            && InjectAudience.TeamIds(scenario, i).Contains(teamId)
            && !owed.Any(f => f.InjectNumber == i.Number && f.TeamId == teamId));
}
