using Microsoft.Extensions.Logging;
using ScenarioEngine.Access;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Silo.Access;
using ScenarioEngine.Silo.AppendLog;
using ScenarioEngine.Silo.Hosting;

namespace ScenarioEngine.Silo.Exercises;

[GenerateSerializer]
public sealed class ExerciseState
{
    [Id(0)] public ScenarioDefinition? Scenario { get; set; }
    [Id(1)] public ExerciseClock Clock { get; set; } = new();
    [Id(2)] public Dictionary<string, InjectProgress> Injects { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<JoinCodeView> JoinCodes { get; set; } = [];
}

/// <summary>
/// Runs one exercise's clock. A grain timer wakes it at the next due inject; a reminder re-arms
/// that timer after a silo failure, so a due inject fires late at worst. Firing is recorded as
/// <see cref="InjectStatus.Firing"/> before the mailboxes are written and mailbox appends are
/// idempotent per inject, so a fire interrupted by a crash is finished, never repeated.
/// </summary>
public sealed partial class ExerciseGrain(
    [PersistentState("exercise", StorageNames.Grains)] IPersistentState<ExerciseState> state,
    IAppendOnlyLog log,
    TimeProvider time,
    ILogger<ExerciseGrain> logger) : Grain, IExerciseGrain, IRemindable
{
    private const string WatchdogReminder = "clock-watchdog";
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private long _eventCursor;

    private ExerciseId Id => new(this.GetPrimaryKeyString());
    private string EventStream => $"{Id.Value}|events";
    private ScenarioDefinition Scenario => state.State.Scenario ?? throw new InvalidOperationException($"Exercise '{Id}' has not been created.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _eventCursor = await log.GetLastSequenceAsync(EventStream, cancellationToken);
        if (state.State.Clock.Status == ClockStatus.Running)
        {
            await FireDueAndArm();
        }
    }

    public async Task<ExerciseSnapshot> Create(ScenarioDefinition scenario)
    {
        if (state.State.Scenario is { } existing)
        {
            return existing.Id == scenario.Id
                ? Snapshot()
                : throw new InvalidOperationException($"Exercise '{Id}' already runs scenario '{existing.Id}'.");
        }

        state.State.Scenario = scenario;
        state.State.Clock = ExerciseClock.Ready;
        state.State.JoinCodes = await IssueJoinCodes(scenario);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExerciseRegistryGrain>(0).Register(Id.Value);
        await AppendEvent("exercise.created", detail: scenario.Id);
        return Snapshot();
    }

    public Task<ExerciseSnapshot?> GetSnapshot() => Task.FromResult(state.State.Scenario is null ? null : Snapshot());

    public Task<ScenarioDefinition?> GetScenario() => Task.FromResult(state.State.Scenario);

    public async Task<ExerciseSnapshot> Start()
    {
        await ChangeClock(clock => clock.Start(time.GetUtcNow()), "clock.started");
        await this.RegisterOrUpdateReminder(WatchdogReminder, WatchdogPeriod, WatchdogPeriod);
        await FireDueAndArm();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Pause()
    {
        await ChangeClock(clock => clock.Pause(time.GetUtcNow()), "clock.paused");
        DisarmTimer();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> Resume()
    {
        await ChangeClock(clock => clock.Resume(time.GetUtcNow()), "clock.resumed");
        await FireDueAndArm();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> End()
    {
        await ChangeClock(clock => clock.End(time.GetUtcNow()), "clock.ended");
        DisarmTimer();
        await UnregisterWatchdog();
        return Snapshot();
    }

    public async Task<ExerciseSnapshot> FireNow(string injectNumber)
    {
        var inject = Scenario.Injects.Find(i => i.Number == injectNumber)
            ?? throw new KeyNotFoundException($"Exercise '{Id}' has no inject '{injectNumber}'.");
        if (state.State.Clock.Status == ClockStatus.Ended)
        {
            throw new InvalidOperationException("The exercise has ended; injects can no longer be fired.");
        }

        await Fire(inject, firedBy: "manual");
        return Snapshot();
    }

    public async Task<IReadOnlyList<RecipientDeliveries>> GetDeliveries()
    {
        var recipients = Scenario.Teams.Select(t => RecipientAddress.Team(Id, t.Id))
            .Concat(Scenario.Actors.Select(a => RecipientAddress.Actor(Id, a.Id)));
        var progress = await Task.WhenAll(recipients.Select(async r =>
            new RecipientDeliveries(r, await GrainFactory.GetGrain<IMailboxGrain>(r.GrainKey).GetProgress())));
        return progress;
    }

    public async Task<JoinCodeView> RotateJoinCode(RecipientAddress recipient)
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
        await AppendEvent("joincode.rotated", detail: recipient.GrainKey);
        return fresh;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Clock.Status == ClockStatus.Running)
        {
            await FireDueAndArm();
        }
        else
        {
            await UnregisterWatchdog();
        }
    }

    private async Task FireDueAndArm()
    {
        // An inject left Firing by a crash is finished first; its mailbox appends are idempotent.
        foreach (var interrupted in Scenario.Injects.Where(i => StatusOf(i.Number) == InjectStatus.Firing).ToList())
        {
            await Fire(interrupted, state.State.Injects[interrupted.Number].FiredBy ?? "clock");
        }

        var now = time.GetUtcNow();
        foreach (var due in InjectSchedule.Due(Scenario.Injects, state.State.Injects, state.State.Clock.ScenarioTimeAt(now)).ToList())
        {
            await Fire(due, firedBy: "clock");
        }

        ArmTimer();
    }

    private void ArmTimer()
    {
        DisarmTimer();
        if (InjectSchedule.NextDue(Scenario.Injects, state.State.Injects) is not { } next
            || state.State.Clock.WallTimeOf(next) is not { } wallTime)
        {
            return;
        }

        var dueIn = wallTime - time.GetUtcNow();
        _timer = this.RegisterGrainTimer(
            static (grain, _) => grain.FireDueAndArm(),
            this,
            new GrainTimerCreationOptions(dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, Timeout.InfiniteTimeSpan));
    }

    private void DisarmTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task Fire(InjectDefinition inject, string firedBy)
    {
        if (StatusOf(inject.Number) == InjectStatus.Fired)
        {
            return;
        }

        using var activity = ScenarioEngineTelemetry.Source.StartActivity("inject.fire");
        activity?.SetTag("scenarioengine.exercise", Id.Value);
        activity?.SetTag("scenarioengine.inject", inject.Number);

        var now = time.GetUtcNow();
        var firing = state.State.Injects.TryGetValue(inject.Number, out var earlier) && earlier.Status == InjectStatus.Firing
            ? earlier
            : new InjectProgress
            {
                Status = InjectStatus.Firing,
                FiredAt = now,
                FiredAtScenarioTime = state.State.Clock.ScenarioTimeAt(now),
                FiredBy = firedBy,
            };
        state.State.Injects[inject.Number] = firing;
        await state.WriteStateAsync();

        foreach (var recipient in InjectAudience.Recipients(Id, inject))
        {
            var message = InjectAudience.MessageFor(recipient, inject, firing.FiredAt!.Value);
            await GrainFactory.GetGrain<IMailboxGrain>(recipient.GrainKey).Append(message);
        }

        state.State.Injects[inject.Number] = firing with { Status = InjectStatus.Fired };
        await state.WriteStateAsync();
        ScenarioEngineTelemetry.InjectsFired.Add(1, new KeyValuePair<string, object?>("fired_by", firing.FiredBy));
        LogInjectFired(logger, inject.Number, Id.Value, firing.FiredBy);
        await AppendEvent("inject.fired", inject.Number, firing.FiredBy);
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(Id);
    }

    private async Task ChangeClock(Func<ExerciseClock, ExerciseClock> change, string eventKind)
    {
        state.State.Clock = change(state.State.Clock);
        await state.WriteStateAsync();
        await AppendEvent(eventKind);
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(Id);
    }

    private async Task UnregisterWatchdog()
    {
        if (await this.GetReminder(WatchdogReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<List<JoinCodeView>> IssueJoinCodes(ScenarioDefinition scenario)
    {
        var bindings = scenario.Teams.Select(t => new JoinBinding { Recipient = RecipientAddress.Team(Id, t.Id), RecipientName = t.Name })
            .Concat(scenario.Actors.Select(a => new JoinBinding { Recipient = RecipientAddress.Actor(Id, a.Id), RecipientName = a.Name }));
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

    private async Task AppendEvent(string kind, string? injectNumber = null, string? detail = null)
    {
        var now = time.GetUtcNow();
        var entry = new ExerciseEvent
        {
            Sequence = _eventCursor + 1,
            At = now,
            ScenarioTime = state.State.Clock.ScenarioTimeAt(now),
            Kind = kind,
            InjectNumber = injectNumber,
            Detail = detail,
        };
        await log.AppendAsync(EventStream, entry.Sequence, uniqueKey: null, LogJson.Serialize(entry));
        _eventCursor = entry.Sequence;
    }

    private InjectStatus StatusOf(string number) =>
        state.State.Injects.TryGetValue(number, out var progress) ? progress.Status : InjectStatus.Pending;

    private ExerciseSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        return new ExerciseSnapshot
        {
            ExerciseId = Id.Value,
            Title = Scenario.Title,
            Status = state.State.Clock.Status,
            ScenarioTime = state.State.Clock.ScenarioTimeAt(now),
            Speed = state.State.Clock.Speed,
            Injects = Scenario.Injects.Select(i => new InjectView
            {
                Number = i.Number,
                Subject = i.Subject,
                At = i.At,
                Status = StatusOf(i.Number),
                FiredAt = state.State.Injects.GetValueOrDefault(i.Number)?.FiredAt,
                Recipients = InjectAudience.Recipients(Id, i).Select(r => r.GrainKey).ToList(),
                ControllerNotes = i.ControllerNotes,
                ExpectedAction = i.ExpectedAction,
            }).ToList(),
            JoinCodes = state.State.JoinCodes,
            AsOf = now,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inject {InjectNumber} of exercise {ExerciseId} fired ({FiredBy})")]
    private static partial void LogInjectFired(ILogger logger, string injectNumber, string exerciseId, string? firedBy);
}
