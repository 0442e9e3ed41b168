using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScenarioEngine.Access;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Access;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

[GenerateSerializer]
public sealed class ExerciseState
{
    /// <summary>
    /// Only in states written before the scenario moved to <see cref="ExerciseScenarioState"/>; moved
    /// out on activation. Kept here, this state (rewritten twice per inject fired) carried the whole MSEL.
    /// </summary>
    [Id(0)] public ScenarioDefinition? Scenario { get; set; }
    [Id(1)] public ExerciseClock Clock { get; set; } = new();
    [Id(2)] public Dictionary<string, InjectProgress> Injects { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<JoinCodeView> JoinCodes { get; set; } = [];

    /// <summary>Planned breaks already taken or jumped over; bounded by the scenario.</summary>
    [Id(4)] public List<string> BreaksTaken { get; set; } = [];

    /// <summary>Each site's current state; bounded by the scenario.</summary>
    [Id(5)] public Dictionary<string, string> SiteStates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>onRequest injects owed to single teams; at most one per inject and team, so bounded by the scenario.</summary>
    [Id(6)] public List<TeamFire> TeamFires { get; set; } = [];
}

/// <summary>The authored scenario: written when the exercise is created or its MSEL replaced before the start, never while it runs.</summary>
[GenerateSerializer]
public sealed class ExerciseScenarioState
{
    [Id(0)] public ScenarioDefinition? Scenario { get; set; }
}

/// <summary>
/// Runs one exercise's clock. A grain timer wakes it at the next due inject or break; a durable
/// reminder re-arms that timer after a silo failure, so a due inject fires late at worst. Firing
/// is recorded as <see cref="InjectStatus.Firing"/> before the mailboxes are written and mailbox
/// appends are idempotent per inject, so a fire interrupted by a crash is finished, never repeated.
/// What to do next is decided by <see cref="ClockSteps"/>; this class applies and persists it.
/// </summary>
public sealed partial class ExerciseGrain(
    [PersistentState("exercise", StorageNames.Grains)] IPersistentState<ExerciseState> state,
    [PersistentState("exercise-scenario", StorageNames.Grains)] IPersistentState<ExerciseScenarioState> scenarioState,
    IAppendOnlyLog log,
    TimeProvider time,
    IOptions<ScenarioEngineOptions> options,
    ILogger<ExerciseGrain> logger) : Grain, IExerciseGrain, IRemindable
{
    private const string WatchdogReminder = "clock-watchdog";

    private IGrainTimer? _timer;
    private long _eventCursor;
    private long _disclosureCursor;

    private ExerciseId Id => new(this.GetPrimaryKeyString());
    private string EventStream => $"{Id.Value}|events";
    private string DisclosureStream => $"{Id.Value}|disclosures";
    private string AttachmentStream(string attachmentId) => Attachments.ScenarioAttachments.Stream(Id, attachmentId);
    private ScenarioDefinition Scenario => (Created ? scenarioState.State.Scenario : null) ?? throw new KeyNotFoundException($"Exercise '{Id}' has not been created.");
    private ExerciseClock Clock => state.State.Clock;

    /// <summary>Both records written: a create interrupted between them is finished by the next create.</summary>
    private bool Created => scenarioState.State.Scenario is not null && state.RecordExists;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Scenario is { } legacy)
        {
            // Scenario first: a crash between the two writes leaves both copies, and this runs again.
            scenarioState.State.Scenario = legacy;
            await scenarioState.WriteStateAsync(cancellationToken);
            state.State.Scenario = null;
            await state.WriteStateAsync(cancellationToken);
        }

        _eventCursor = await log.GetLastSequenceAsync(EventStream, cancellationToken);
        _disclosureCursor = await log.GetLastSequenceAsync(DisclosureStream, cancellationToken);
        if (Clock.Status == ClockStatus.Running)
        {
            await RunClock();
        }
        else if (Created)
        {
            // Whatever the clock does now: a paused, ready or ended clock never runs RunClock, and the
            // fire was decided before the crash, so its recipients are owed the inject.
            await FinishInterruptedFirings();
        }
    }

    public Task<ExerciseSnapshot> Create(ScenarioDefinition scenario) => CreateFrom(scenario, [], draft: false);

    public async Task<ExerciseSnapshot> CreateFrom(ScenarioDefinition scenario, Dictionary<string, byte[]> attachments, bool draft)
    {
        if (scenarioState.State.Scenario is { } existing)
        {
            if (existing.Id != scenario.Id)
            {
                throw new InvalidOperationException($"Exercise '{Id}' already runs scenario '{existing.Id}'.");
            }

            if (Created)
            {
                return Snapshot();
            }

            // Else a create interrupted between its two writes: finish it with the stored scenario.
            scenario = existing;
        }

        // Bytes first, keyed by attachment id: a create repeated after a crash stores each once.
        foreach (var attachment in scenario.Attachments)
        {
            var bytes = attachments.GetValueOrDefault(attachment.Id)
                ?? throw new ArgumentException($"The content of attachment '{attachment.Id}' is missing.", nameof(attachments));
            await log.AppendAsync(AttachmentStream(attachment.Id), 1, attachment.Id, LogJson.Serialize(bytes));
        }

        scenarioState.State.Scenario = scenario;
        await scenarioState.WriteStateAsync();
        state.State.Clock = draft ? ExerciseClock.Draft : ExerciseClock.Ready;
        state.State.SiteStates = scenario.Sites.Where(s => s.States.Count > 0).ToDictionary(s => s.Id, s => s.States[0], StringComparer.Ordinal);
        state.State.JoinCodes = await IssueJoinCodes(scenario);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExerciseRegistryGrain>(0).Register(Id.Value);
        await AppendEvent(ExerciseEvents.Created, detail: scenario.Id);
        if (!draft)
        {
            await SendHistory();
        }

        return Snapshot();
    }

    public Task<ExerciseSnapshot?> GetSnapshot() => Task.FromResult(Created ? Snapshot() : null);

    public Task<ScenarioDefinition?> GetScenario() => Task.FromResult(Created ? scenarioState.State.Scenario : null);

    public Task<bool> AsksForLocation() => Task.FromResult(Created && scenarioState.State.Scenario?.LocationSharing == true);

    public async Task<ExerciseSnapshot> MakeReady(string by)
    {
        _ = Scenario;
        await ChangeClock(clock => clock.MakeReady(), ExerciseEvents.Ready, by);
        await SendHistory();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> ReplaceInjects(List<InjectDefinition> injects, string source, string by)
    {
        if (Clock.Status is not (ClockStatus.Draft or ClockStatus.Ready) || state.State.Injects.Values.Any(p => p.Status != InjectStatus.Pending))
        {
            throw new InvalidOperationException("The MSEL can be replaced only before the exercise starts and before anything has fired.");
        }

        var replaced = Scenario with { Injects = injects };
        if (ScenarioValidator.Validate(replaced, ScenarioValidator.YamlLocator, null) is { Count: > 0 } problems)
        {
            throw new ScenarioValidationException(source, problems);
        }

        scenarioState.State.Scenario = replaced;
        await scenarioState.WriteStateAsync();
        state.State.Injects.Clear();
        await state.WriteStateAsync();
        await AppendEvent(ExerciseEvents.MselImported, detail: $"{source}: {injects.Count}", by: by);
        await NotifyChanged();
        return Snapshot();
    }

    // Only before STARTEX, like the MSEL: observations name objectives and tasks, and none exist yet.
    public async Task<ExerciseSnapshot> ReplaceEvaluationGuide(List<ObjectiveDefinition> objectives, string source, string by)
    {
        if (Clock.Status is not (ClockStatus.Draft or ClockStatus.Ready))
        {
            throw new InvalidOperationException("The evaluation guide can be replaced only before the exercise starts.");
        }

        var replaced = Scenario with { Objectives = objectives };
        if (ScenarioValidator.Validate(replaced, ScenarioValidator.YamlLocator, null) is { Count: > 0 } problems)
        {
            throw new ScenarioValidationException(source, problems);
        }

        scenarioState.State.Scenario = replaced;
        await scenarioState.WriteStateAsync();
        await AppendEvent(ExerciseEvents.EegImported, detail: $"{source}: {objectives.Sum(o => o.CriticalTasks.Count)}", by: by);
        await NotifyChanged();
        return Snapshot();
    }

    public Task<bool> IsBeforeStartex() => Task.FromResult(Created && BeforeStartex);

    public async Task<ExerciseSnapshot> ReplaceScenario(ScenarioDefinition scenario, string by)
    {
        if (!BeforeStartex)
        {
            throw new InvalidOperationException($"Exercise '{Id}' has started: its scenario can no longer be edited.");
        }

        var current = Scenario;
        if (scenario.Id != current.Id)
        {
            throw new ArgumentException($"Exercise '{Id}' runs scenario '{current.Id}', not '{scenario.Id}'.", nameof(scenario));
        }

        // The bytes of attachments were stored at creation; the editor changes no files, so it may only name those.
        if (scenario.Attachments.FirstOrDefault(a => current.Attachments.All(x => x.Id != a.Id || x.Sha256 != a.Sha256)) is { } unknown)
        {
            throw new ArgumentException($"Exercise '{Id}' holds no file for attachment '{unknown.Id}'.", nameof(scenario));
        }

        if (ScenarioValidator.Validate(ScenarioValidator.Normalize(scenario), ScenarioValidator.YamlLocator, null) is { Count: > 0 } problems)
        {
            throw new ScenarioValidationException(scenario.Id, problems);
        }

        scenarioState.State.Scenario = ScenarioValidator.Normalize(scenario);
        await scenarioState.WriteStateAsync();
        state.State.SiteStates = scenario.Sites.Where(s => s.States.Count > 0).ToDictionary(s => s.Id, s => s.States[0], StringComparer.Ordinal);
        state.State.JoinCodes = await ReissueJoinCodes(scenario);
        state.State.Injects.Clear();
        await state.WriteStateAsync();
        await AppendEvent(ExerciseEvents.ScenarioEdited, detail: scenario.Id, by: by);
        await NotifyChanged();
        return Snapshot();
    }

    private bool BeforeStartex =>
        Clock.Status is ClockStatus.Draft or ClockStatus.Ready && state.State.Injects.Values.All(p => p.Status == InjectStatus.Pending);

    // Recipients that stay keep the code already printed on their cards; names follow the edit.
    private async Task<List<JoinCodeView>> ReissueJoinCodes(ScenarioDefinition scenario)
    {
        var wanted = scenario.Teams.Select(t => (Recipient: RecipientAddress.Team(Id, t.Id), Name: t.Name))
            .Concat(scenario.Actors.Select(a => (Recipient: RecipientAddress.Actor(Id, a.Id), Name: a.Name)))
            .Concat(scenario.Evaluators.Select(e => (Recipient: RecipientAddress.Evaluator(Id, e.Id), Name: e.Name)))
            .ToList();
        var codes = new List<JoinCodeView>();
        foreach (var (recipient, name) in wanted)
        {
            var kept = state.State.JoinCodes.Find(c => c.Recipient == recipient);
            codes.Add(kept is not null
                ? kept with { RecipientName = name }
                : await IssueJoinCode(new JoinBinding { Recipient = recipient, RecipientName = name }));
        }

        foreach (var gone in state.State.JoinCodes.Where(c => wanted.All(w => w.Recipient != c.Recipient)))
        {
            await GrainFactory.GetGrain<IJoinCodeGrain>(gone.Code).Retire();
        }

        return codes;
    }

    public async Task<ExerciseSnapshot> Start(string by)
    {
        await ChangeClock(clock => clock.Start(time.GetUtcNow()), ExerciseEvents.Started, by);
        await EnsureWatchdog();
        await RunClock();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Pause(string by)
    {
        await ChangeClock(clock => clock.Pause(time.GetUtcNow()), ExerciseEvents.Paused, by);
        DisarmTimer();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Resume(string by)
    {
        var continueFrom = Scenario.Breaks.Find(b => b.Id == Clock.OnBreak)?.ResumeAt;
        await ChangeClock(clock => clock.Resume(time.GetUtcNow(), continueFrom), ExerciseEvents.Resumed, by);
        await EnsureWatchdog();
        await RunClock();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> End(string by)
    {
        // An inject decided before ENDEX is delivered and on the timeline, not left Firing for good.
        await FinishInterruptedFirings();
        await ChangeClock(clock => clock.End(time.GetUtcNow()), ExerciseEvents.Ended, by);
        DisarmTimer();
        await UnregisterWatchdog();
        await SendHotwash();
        return Snapshot();
    }

    /// <summary>
    /// After ENDEX, the hotwash form to every team's mailbox: grain state first, then the doorbell,
    /// as for any inject. A repeated ENDEX appends nothing (the mailbox keeps one entry per number).
    /// </summary>
    private async Task SendHotwash()
    {
        if (Scenario.Hotwash is not { Questions.Count: > 0 } hotwash)
        {
            return;
        }

        var now = time.GetUtcNow();
        await Task.WhenAll(Scenario.Teams.Select(team => RecipientAddress.Team(Id, team.Id)).Select(recipient =>
            GrainFactory.GetGrain<ScenarioEngine.Delivery.IMailboxGrain>(recipient.GrainKey).Append(InjectAudience.HotwashFor(recipient, hotwash, now))));
        await AppendEvent(ExerciseEvents.HotwashSent, detail: hotwash.Anonymous ? "anonymous" : null);
    }

    public async Task<ExerciseSnapshot> SetSpeed(double speed, string by)
    {
        if (Clock.Status == ClockStatus.Ended)
        {
            throw new InvalidOperationException("The exercise has ended.");
        }

        await ChangeClock(clock => clock.WithSpeed(time.GetUtcNow(), speed), ExerciseEvents.SpeedChanged, by, speed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await RunClock();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> JumpTo(TimeSpan scenarioTime, string by)
    {
        var jumped = Clock.JumpTo(time.GetUtcNow(), scenarioTime);
        foreach (var passed in ClockSteps.PassedBy(Scenario.Breaks, state.State.BreaksTaken, scenarioTime).ToList())
        {
            state.State.BreaksTaken.Add(passed.Id);
            await AppendEvent(ExerciseEvents.BreakPassed, detail: passed.Id);
        }

        await ChangeClock(_ => jumped, ExerciseEvents.Jumped, by, scenarioTime.ToString());
        await RunClock();
        return Snapshot();
    }

    public async Task<JoinCodeView> RotateJoinCode(RecipientAddress recipient, string by)
    {
        var index = state.State.JoinCodes.FindIndex(c => c.Recipient == recipient);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Exercise '{Id}' has no {recipient.KindName} '{recipient.Id}'.");
        }

        var old = state.State.JoinCodes[index];
        var fresh = await IssueJoinCode(new JoinBinding { Recipient = recipient, RecipientName = old.RecipientName });
        state.State.JoinCodes[index] = fresh;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IJoinCodeGrain>(old.Code).Retire();
        await AppendEvent(ExerciseEvents.JoinCodeRotated, detail: recipient.GrainKey, by: by);
        await NotifyChanged();
        return fresh;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Created && Clock.Status == ClockStatus.Running)
        {
            await RunClock();
        }
        else
        {
            await UnregisterWatchdog();
        }
    }

    /// <summary>Applies clock steps until there is nothing to do now, then sleeps until the next one.</summary>
    private async Task RunClock()
    {
        await FinishInterruptedFirings();
        while (true)
        {
            switch (ClockSteps.Next(Scenario, Clock, state.State.Injects, state.State.BreaksTaken, time.GetUtcNow(), state.State.TeamFires))
            {
                case FireStep { CheckResponsesFirst: true } step when await ExpectedResponseArrived(step.Inject):
                    await SetInjectStatus(step.Inject.Number, InjectStatus.Skipped, ExerciseEvents.ContingencyNotNeeded, by: null);
                    break;
                case FireStep step:
                    await Fire(step.Inject, ClockFirer, step.ScenarioTime);
                    break;
                case TeamFireStep step:
                    await FireForTeam(step.Fire, step.ScenarioTime);
                    break;
                case BreakStep step:
                    state.State.BreaksTaken.Add(step.Break.Id);
                    await ChangeClock(clock => clock.PauseForBreak(time.GetUtcNow(), step.Break), ExerciseEvents.BreakStarted, by: null, step.Break.Id);
                    break;
                case IdleStep idle:
                    ArmTimer(idle.WakeAt);
                    return;
            }
        }
    }

    /// <summary>An inject left Firing by a crash or a failed mailbox write is finished; its mailbox appends are idempotent.</summary>
    private async Task FinishInterruptedFirings()
    {
        foreach (var interrupted in Scenario.Injects.Where(i => StatusOf(i.Number) == InjectStatus.Firing).ToList())
        {
            await Fire(interrupted, state.State.Injects[interrupted.Number].FiredBy ?? ClockFirer);
        }

        foreach (var interrupted in state.State.TeamFires.Where(f => f.Status == InjectStatus.Firing).ToList())
        {
            await FireForTeam(interrupted, interrupted.DueAt);
        }
    }

    private void ArmTimer(DateTimeOffset? wakeAt)
    {
        DisarmTimer();
        if (wakeAt is not { } wallTime)
        {
            return;
        }

        var dueIn = wallTime - time.GetUtcNow();
        _timer = this.RegisterGrainTimer(
            static (grain, _) => grain.RunClock(),
            this,
            new GrainTimerCreationOptions(dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, Timeout.InfiniteTimeSpan));
    }

    private void DisarmTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task EnsureWatchdog()
    {
        var period = options.Value.ClockWatchdogPeriod;
        await this.RegisterOrUpdateReminder(WatchdogReminder, period, period);
    }

    private async Task UnregisterWatchdog()
    {
        if (await this.GetReminder(WatchdogReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task ChangeClock(Func<ExerciseClock, ExerciseClock> change, string eventKind, string? by, string? detail = null)
    {
        state.State.Clock = change(Clock);
        await state.WriteStateAsync();
        await AppendEvent(eventKind, detail: detail, by: by);
        await NotifyChanged();
    }

    private Task NotifyChanged() => GrainFactory.GetGrain<ScenarioEngine.Delivery.IWebNodeNotifierGrain>(0).ExerciseChanged(Id);

    private async Task<List<JoinCodeView>> IssueJoinCodes(ScenarioDefinition scenario)
    {
        var bindings = scenario.Teams.Select(t => new JoinBinding { Recipient = RecipientAddress.Team(Id, t.Id), RecipientName = t.Name })
            .Concat(scenario.Actors.Select(a => new JoinBinding { Recipient = RecipientAddress.Actor(Id, a.Id), RecipientName = a.Name }))
            .Concat(scenario.Evaluators.Select(e => new JoinBinding { Recipient = RecipientAddress.Evaluator(Id, e.Id), RecipientName = e.Name }));
        var codes = new List<JoinCodeView>();
        foreach (var binding in bindings)
        {
            codes.Add(await IssueJoinCode(binding));
        }

        return codes;
    }

    private async Task<JoinCodeView> IssueJoinCode(JoinBinding binding)
    {
        string code;
        do
        {
            code = JoinCodes.NewCode();
        }
        while (!await GrainFactory.GetGrain<IJoinCodeGrain>(code).TryBind(binding));

        return new JoinCodeView(code, binding.Recipient, binding.RecipientName);
    }
}
