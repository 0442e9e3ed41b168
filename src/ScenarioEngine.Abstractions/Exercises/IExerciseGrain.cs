using ScenarioEngine.Access;
using ScenarioEngine.Evidence;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Exercises;

public enum ClockStatus
{
    Draft,
    Ready,
    Running,
    Paused,
    Ended,
}

public enum InjectStatus
{
    Pending,

    /// <summary>Recorded before the mailboxes are written, so a crash mid-fire is finished on reactivation, not repeated.</summary>
    Firing,
    Fired,

    /// <summary>Held by a controller: does not fire by itself until released.</summary>
    Held,

    /// <summary>Skipped by a controller, or a contingency that was not needed: never fires by itself.</summary>
    Skipped,
}

/// <summary>
/// The exercise: its scenario, clock, inject statuses and join codes. Every command a controller
/// gives takes the controller's user name (<c>by</c>), which the event log records.
/// </summary>
public interface IExerciseGrain : IGrainWithStringKey
{
    /// <summary>Creates the exercise from a scenario; creating it again with the same scenario id is a no-op.</summary>
    Task<ExerciseSnapshot> Create(ScenarioDefinition scenario);

    Task<ExerciseSnapshot?> GetSnapshot();

    Task<ScenarioDefinition?> GetScenario();

    /// <summary>Whether the scenario asks phones for their location (<see cref="ScenarioDefinition.LocationSharing"/>): a device call that carries one asks this, not the whole scenario.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<bool> AsksForLocation();

    Task<ExerciseSnapshot> Start(string by);

    Task<ExerciseSnapshot> Pause(string by);

    Task<ExerciseSnapshot> Resume(string by);

    Task<ExerciseSnapshot> End(string by);

    /// <summary>Fires an inject now, whatever its trigger. Firing a fired inject changes nothing.</summary>
    Task<ExerciseSnapshot> FireNow(string injectNumber, string by);

    Task<IReadOnlyList<RecipientDeliveries>> GetDeliveries();

    /// <summary>Replaces a recipient's join code: the old one stops working, devices already joined stay.</summary>
    Task<JoinCodeView> RotateJoinCode(RecipientAddress recipient, string by);

    /// <summary>
    /// Creates the exercise with the bytes of the scenario's attachments (kept in the append-only
    /// log, not in grain state). A draft can still have its MSEL replaced before it is made ready.
    /// </summary>
    Task<ExerciseSnapshot> CreateFrom(ScenarioDefinition scenario, Dictionary<string, byte[]> attachments, bool draft);

    /// <summary>draft → ready.</summary>
    Task<ExerciseSnapshot> MakeReady(string by);

    /// <summary>Replaces the MSEL of an exercise that is a draft or ready (nothing has fired yet). The injects must already be valid.</summary>
    Task<ExerciseSnapshot> ReplaceInjects(List<InjectDefinition> injects, string source, string by);

    /// <summary>Replaces the evaluation guide (the objectives, their capabilities and critical tasks) before the exercise starts; it must already be valid.</summary>
    Task<ExerciseSnapshot> ReplaceEvaluationGuide(List<ObjectiveDefinition> objectives, string source, string by);

    /// <summary>True while the scenario may still change: a draft or ready exercise before anything has fired.</summary>
    Task<bool> IsBeforeStartex();

    /// <summary>
    /// Replaces the whole scenario (an exercise draft saved in the editor) while <see cref="IsBeforeStartex"/>;
    /// throws <see cref="InvalidOperationException"/> after STARTEX. It must be valid, keep the scenario's id and
    /// name only attachments the exercise already holds. Teams, actors and evaluators keep their join codes; new
    /// ones get codes and removed ones' codes stop working.
    /// </summary>
    Task<ExerciseSnapshot> ReplaceScenario(ScenarioDefinition scenario, string by);

    Task<ExerciseSnapshot> SetSpeed(double speed, string by);

    /// <summary>Moves scenario time forward to <paramref name="scenarioTime"/>; everything due on the way fires once.</summary>
    Task<ExerciseSnapshot> JumpTo(TimeSpan scenarioTime, string by);

    Task<ExerciseSnapshot> Hold(string injectNumber, string by);

    Task<ExerciseSnapshot> Release(string injectNumber, string by);

    Task<ExerciseSnapshot> Skip(string injectNumber, string by);

    /// <summary>Fires the inject at <paramref name="at"/> (offset from STARTEX) instead of by its own trigger.</summary>
    Task<ExerciseSnapshot> Retime(string injectNumber, TimeSpan at, string by);

    Task<ExerciseSnapshot> SetSiteState(string siteId, string state, string by);

    /// <summary>
    /// Told by a mailbox after it stored a response. One-way: the mailbox has already answered the
    /// device, so a failure here never loses or delays the response itself.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task ResponseStored(ResponseNotice notice);

    /// <summary>
    /// Told by the SimCell queue after it stored a new request, so onRequest injects fire for the
    /// team that wrote. One-way: the phone's receipt never waits on trigger evaluation.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task RequestStored(RequestNotice notice);

    /// <summary>
    /// Told by the evidence grain after it stored a scan: the event log records the find (or the
    /// early scan) and onEvidence injects fire for the team that found the item. One-way, as above.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task EvidenceScanned(EvidenceNotice notice);

    Task<DisclosureRecord> RecordDisclosure(string actorId, DisclosureReport report, string deviceName);

    Task<IReadOnlyList<DisclosureRecord>> GetDisclosures();

    Task<IReadOnlyList<ExerciseEvent>> GetEvents(long afterSequence, int maxCount);

    /// <summary>
    /// The last <paramref name="maxCount"/> events and how many came before them, read from the
    /// log's end: the control room's feed costs the same at 100 events and at 100,000.
    /// </summary>
    Task<EventTail> GetLatestEvents(int maxCount);

    Task<AttachmentContent?> GetAttachment(string attachmentId);

    /// <summary>
    /// Logs a controller action carried out by another grain (a revoke, a safety signal) with who did
    /// it; <paramref name="kind"/> is one of <see cref="ExerciseEvents.RecordedFromOutside"/>.
    /// </summary>
    Task RecordAction(string kind, string by, string? detail);

    /// <summary>As <see cref="RecordAction"/>, for a message the SimCell sent: the log line carries its number, as an inject's does.</summary>
    Task RecordMessageSent(string kind, string messageNumber, string by, string? detail);
}

[GenerateSerializer, Immutable]
public sealed record EventTail
{
    /// <summary>Oldest first.</summary>
    [Id(0)] public required IReadOnlyList<ExerciseEvent> Events { get; init; }

    /// <summary>How many events the log holds before <see cref="Events"/>.</summary>
    [Id(1)] public required long Earlier { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ResponseNotice
{
    [Id(0)] public required RecipientAddress Recipient { get; init; }
    [Id(1)] public required string InjectNumber { get; init; }
    [Id(2)] public required string ResponseId { get; init; }
    [Id(3)] public string? Text { get; init; }
    [Id(4)] public Dictionary<string, string>? Fields { get; init; }
    [Id(5)] public string? Choice { get; init; }
}

/// <summary>A team's request to a persona, as onRequest triggers see it.</summary>
[GenerateSerializer, Immutable]
public sealed record RequestNotice
{
    [Id(0)] public required string TeamId { get; init; }
    [Id(1)] public required string PersonaId { get; init; }
    [Id(2)] public required string RequestId { get; init; }
    [Id(3)] public required string Text { get; init; }
}

/// <summary>An actor's note that they revealed a gated fact, and to which team.</summary>
[GenerateSerializer, Immutable]
public sealed record DisclosureReport
{
    /// <summary>The cue card's sequence in the actor's mailbox.</summary>
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string GateId { get; init; }
    [Id(2)] public required string TeamId { get; init; }
    [Id(3)] public string? Note { get; init; }

    /// <summary>
    /// Optional, made by the phone (a UUID) so a retried report is stored once; the answer to a
    /// repeat is the record stored the first time. Reports without one are stored every time.
    /// </summary>
    [Id(4)] public string? DisclosureId { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record DisclosureRecord
{
    [Id(0)] public required string ActorId { get; init; }
    [Id(1)] public required string InjectNumber { get; init; }
    [Id(2)] public required string GateId { get; init; }
    [Id(3)] public required string TeamId { get; init; }
    [Id(4)] public string? Note { get; init; }
    [Id(5)] public required DateTimeOffset At { get; init; }
    [Id(6)] public required TimeSpan ScenarioTime { get; init; }

    /// <summary>False when the gate's server-checkable condition (after inject N) did not hold yet: worth an evaluator's look.</summary>
    [Id(7)] public required bool GateOpen { get; init; }
    [Id(8)] public required string DeviceName { get; init; }
    [Id(9)] public string? DisclosureId { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AttachmentContent
{
    [Id(0)] public required AttachmentDefinition Attachment { get; init; }
    [Id(1)] public required byte[] Content { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record SiteStateView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public string? State { get; init; }
    [Id(3)] public required IReadOnlyList<string> States { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ExerciseSnapshot
{
    [Id(0)] public required string ExerciseId { get; init; }
    [Id(1)] public required Dictionary<string, string> Title { get; init; }
    [Id(2)] public required ClockStatus Status { get; init; }
    [Id(3)] public required TimeSpan ScenarioTime { get; init; }
    [Id(4)] public required double Speed { get; init; }
    [Id(5)] public required IReadOnlyList<InjectView> Injects { get; init; }
    [Id(6)] public required IReadOnlyList<JoinCodeView> JoinCodes { get; init; }
    [Id(7)] public required DateTimeOffset AsOf { get; init; }
    [Id(8)] public IReadOnlyList<SiteStateView> Sites { get; init; } = [];

    /// <summary>The planned break the clock is paused at, if any.</summary>
    [Id(9)] public string? OnBreak { get; init; }
}

/// <summary>An inject as a controller sees it, controller-only fields included.</summary>
[GenerateSerializer, Immutable]
public sealed record InjectView
{
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required Dictionary<string, string> Subject { get; init; }
    [Id(2)] public TimeSpan? At { get; init; }
    [Id(3)] public required InjectStatus Status { get; init; }
    [Id(4)] public DateTimeOffset? FiredAt { get; init; }
    [Id(5)] public required IReadOnlyList<string> Recipients { get; init; }
    [Id(6)] public string? ControllerNotes { get; init; }
    [Id(7)] public required Dictionary<string, string> ExpectedAction { get; init; }
    [Id(8)] public TriggerDefinition? Trigger { get; init; }
    [Id(9)] public bool Contingency { get; init; }
    [Id(10)] public bool Enabled { get; init; } = true;

    /// <summary>Scenario time at which it fires by itself, as far as known now (re-timing, a fired predecessor…).</summary>
    [Id(11)] public TimeSpan? DueAt { get; init; }
    [Id(12)] public string? FiredBy { get; init; }
    [Id(13)] public IReadOnlyList<string> Objectives { get; init; } = [];
    [Id(14)] public TimeSpan? RetimedTo { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record RecipientDeliveries(
    [property: Id(0)] RecipientAddress Recipient,
    [property: Id(1)] IReadOnlyList<Delivery.DeliveryProgress> Deliveries);

/// <summary>The exercises that exist, for listing.</summary>
public interface IExerciseRegistryGrain : IGrainWithIntegerKey
{
    Task Register(string exerciseId);

    Task<IReadOnlyList<string>> List();
}
