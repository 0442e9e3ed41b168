using Microsoft.Extensions.Logging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

// Single injects: fire, hold, release, skip, re-time; and the events that trigger injects
// (responses, site states).
public sealed partial class ExerciseGrain
{
    /// <summary>Who fired an inject that fired by its own trigger; a manual fire names the controller.</summary>
    private const string ClockFirer = "clock";

    public async Task<ExerciseSnapshot> FireNow(string injectNumber, string by)
    {
        var inject = Inject(injectNumber);
        if (Clock.Status == ClockStatus.Ended)
        {
            throw new InvalidOperationException("The exercise has ended; injects can no longer be fired.");
        }

        // A paused or ready clock does not run: an earlier fire that failed half-way is finished here first.
        await FinishInterruptedFirings();
        await Fire(inject, firedBy: by);
        if (Clock.Status == ClockStatus.Running)
        {
            // Injects chained to this one may be due now.
            await RunClock();
        }

        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Hold(string injectNumber, string by)
    {
        RequireStatus(injectNumber, "hold", InjectStatus.Pending);
        await SetInjectStatus(injectNumber, InjectStatus.Held, ExerciseEvents.InjectHeld, by);
        await RunClockIfRunning();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Release(string injectNumber, string by)
    {
        RequireStatus(injectNumber, "release", InjectStatus.Held);
        await SetInjectStatus(injectNumber, InjectStatus.Pending, ExerciseEvents.InjectReleased, by);
        await RunClockIfRunning();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Skip(string injectNumber, string by)
    {
        RequireStatus(injectNumber, "skip", InjectStatus.Pending, InjectStatus.Held);
        await SetInjectStatus(injectNumber, InjectStatus.Skipped, ExerciseEvents.InjectSkipped, by);
        await RunClockIfRunning();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Retime(string injectNumber, TimeSpan at, string by)
    {
        if (at < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "An inject cannot be timed before STARTEX.");
        }

        RequireStatus(injectNumber, "re-time", InjectStatus.Pending, InjectStatus.Held);
        state.State.Injects[injectNumber] = Progress(injectNumber) with { RetimedTo = at };
        await state.WriteStateAsync();
        await AppendEvent(ExerciseEvents.InjectRetimed, injectNumber, at.ToString(), by);
        await RunClockIfRunning();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> SetSiteState(string siteId, string siteState, string by)
    {
        var site = Scenario.Sites.Find(s => s.Id == siteId) ?? throw new KeyNotFoundException($"Exercise '{Id}' has no site '{siteId}'.");
        var canonical = site.States.Find(s => string.Equals(s, siteState, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Site '{siteId}' has no state '{siteState}' ({string.Join(", ", site.States)}).", nameof(siteState));

        state.State.SiteStates[siteId] = canonical;
        var triggered = TriggerEvaluator.TriggeredBySiteState(Scenario, state.State.Injects, siteId, canonical).ToList();
        MarkTriggered(triggered);
        await state.WriteStateAsync();
        await AppendEvent(ExerciseEvents.SiteState, detail: $"{siteId}={canonical}", by: by);
        await LogTriggered(triggered, $"site {siteId}={canonical}");
        await NotifyChanged();
        await RunClockIfRunning();
        return Snapshot();
    }

    public async Task ResponseStored(ResponseNotice notice)
    {
        if (!Created || notice.Recipient.Kind != RecipientKind.Team)
        {
            return;
        }

        var facts = new ResponseFacts(notice.InjectNumber, notice.Recipient.Id, notice.Text, notice.Fields, notice.Choice);
        var triggered = TriggerEvaluator.TriggeredByResponse(Scenario, state.State.Injects, facts).ToList();
        var answered = TriggerEvaluator.ContingenciesAnswered(Scenario, state.State.Injects, facts).ToList();
        if (triggered.Count == 0 && answered.Count == 0)
        {
            return;
        }

        MarkTriggered(triggered);
        await state.WriteStateAsync();
        await LogTriggered(triggered, $"response {notice.ResponseId} from {notice.Recipient.Id} to {notice.InjectNumber}");
        foreach (var contingency in answered)
        {
            await SetInjectStatus(contingency.Number, InjectStatus.Skipped, ExerciseEvents.ContingencyNotNeeded, by: null);
        }

        await RunClockIfRunning();
    }

    private async Task Fire(InjectDefinition inject, string firedBy, TimeSpan? scenarioTime = null)
    {
        if (StatusOf(inject.Number) == InjectStatus.Fired)
        {
            return;
        }

        using var activity = ScenarioEngineTelemetry.Source.StartActivity("inject.fire");
        activity?.SetTag("scenarioengine.exercise", Id.Value);
        activity?.SetTag("scenarioengine.inject", inject.Number);

        var now = time.GetUtcNow();
        var earlier = Progress(inject.Number);
        var firing = earlier.Status == InjectStatus.Firing
            ? earlier
            : earlier with
            {
                Status = InjectStatus.Firing,
                FiredAt = now,
                FiredAtScenarioTime = scenarioTime ?? Clock.ScenarioTimeAt(now),
                FiredBy = firedBy,
            };
        state.State.Injects[inject.Number] = firing;
        await state.WriteStateAsync();

        // Every recipient's mailbox at once: each append is idempotent and independent, and done one
        // after another an inject to T teams waited T round trips (each behind that mailbox's queue) for its last team.
        await Task.WhenAll(InjectAudience.Recipients(Id, Scenario, inject).Select(recipient =>
            GrainFactory.GetGrain<IMailboxGrain>(recipient.GrainKey).Append(InjectAudience.MessageFor(recipient, Scenario, inject, firing.FiredAt!.Value))));

        state.State.Injects[inject.Number] = firing with { Status = InjectStatus.Fired };
        await state.WriteStateAsync();
        ScenarioEngineTelemetry.InjectsFired.Add(1, new KeyValuePair<string, object?>("fired_by", firing.FiredBy));
        LogInjectFired(logger, inject.Number, Id.Value, firing.FiredBy);
        await AppendEvent(ExerciseEvents.InjectFired, inject.Number, firing.FiredBy, firing.FiredBy == ClockFirer ? null : firing.FiredBy);
        await NotifyChanged();
    }

    /// <summary>
    /// The mailboxes are the truth about responses: a contingency checks them at its deadline
    /// rather than trusting that every one-way response notice arrived.
    /// </summary>
    private async Task<bool> ExpectedResponseArrived(InjectDefinition contingency)
    {
        var predecessor = Inject(contingency.Trigger!.Inject!);
        var teams = contingency.Trigger.From == ResponseScope.SameTeam
            ? InjectAudience.TeamIds(Scenario, contingency)
            : InjectAudience.TeamIds(Scenario, predecessor);
        foreach (var team in teams)
        {
            var mailbox = GrainFactory.GetGrain<IMailboxGrain>(RecipientAddress.Team(Id, team).GrainKey);
            await foreach (var response in Paging.ReadAll(mailbox.GetResponses, Paging.MaxPageSize))
            {
                var facts = new ResponseFacts(response.InjectNumber, team, response.Text, response.Fields, response.Choice);
                if (response.InjectNumber == predecessor.Number && TriggerEvaluator.ExpectedResponseArrived(Scenario, contingency, [facts]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void MarkTriggered(IEnumerable<InjectDefinition> triggered)
    {
        var now = Clock.ScenarioTimeAt(time.GetUtcNow());
        foreach (var inject in triggered)
        {
            state.State.Injects[inject.Number] = Progress(inject.Number) with { TriggeredAt = now };
        }
    }

    private async Task LogTriggered(IEnumerable<InjectDefinition> triggered, string cause)
    {
        foreach (var inject in triggered)
        {
            await AppendEvent(ExerciseEvents.InjectTriggered, inject.Number, cause);
        }
    }

    private async Task SetInjectStatus(string injectNumber, InjectStatus status, string eventKind, string? by)
    {
        state.State.Injects[injectNumber] = Progress(injectNumber) with { Status = status };
        await state.WriteStateAsync();
        await AppendEvent(eventKind, injectNumber, by: by);
        await NotifyChanged();
    }

    private Task RunClockIfRunning() => Clock.Status == ClockStatus.Running ? RunClock() : Task.CompletedTask;

    private void RequireStatus(string injectNumber, string action, params InjectStatus[] allowed)
    {
        _ = Inject(injectNumber);
        if (!allowed.Contains(StatusOf(injectNumber)))
        {
            throw new InvalidOperationException($"Cannot {action} inject '{injectNumber}': it is {StatusOf(injectNumber)}.");
        }
    }

    private InjectDefinition Inject(string number) =>
        Scenario.Injects.Find(i => i.Number == number) ?? throw new KeyNotFoundException($"Exercise '{Id}' has no inject '{number}'.");

    private InjectProgress Progress(string number) => state.State.Injects.GetValueOrDefault(number) ?? InjectProgress.Pending;

    private InjectStatus StatusOf(string number) => Progress(number).Status;

    [LoggerMessage(Level = LogLevel.Information, Message = "Inject {InjectNumber} of exercise {ExerciseId} fired ({FiredBy})")]
    private static partial void LogInjectFired(ILogger logger, string injectNumber, string exerciseId, string? firedBy);
}
