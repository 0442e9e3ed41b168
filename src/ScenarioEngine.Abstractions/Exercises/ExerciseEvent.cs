namespace ScenarioEngine.Exercises;

/// <summary>
/// One line of the exercise's append-only event log, the source of the after-action timeline:
/// every clock change, inject state change, site state change, disclosure and controller action.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExerciseEvent
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required TimeSpan ScenarioTime { get; init; }

    /// <summary>"clock.started", "inject.fired", "inject.held", "site.state", "disclosure.marked"…; see ExerciseEvents.</summary>
    [Id(3)] public required string Kind { get; init; }
    [Id(4)] public string? InjectNumber { get; init; }
    [Id(5)] public string? Detail { get; init; }

    /// <summary>The controller who did it (their user name); null for what the clock or the players did.</summary>
    [Id(6)] public string? By { get; init; }
}

/// <summary>The event kinds written to the log, so readers and writers spell them once.</summary>
public static class ExerciseEvents
{
    public const string Created = "exercise.created";
    public const string Ready = "exercise.ready";
    public const string MselImported = "msel.imported";
    public const string EegImported = "eeg.imported";
    public const string ScenarioEdited = "scenario.edited";
    public const string Started = "clock.started";
    public const string Paused = "clock.paused";
    public const string Resumed = "clock.resumed";
    public const string Ended = "clock.ended";
    public const string SpeedChanged = "clock.speed";
    public const string Jumped = "clock.jumped";
    public const string BreakStarted = "clock.break";
    public const string BreakPassed = "clock.break-passed";
    public const string InjectFiring = "inject.firing";
    public const string InjectFired = "inject.fired";
    public const string InjectHeld = "inject.held";
    public const string InjectReleased = "inject.released";
    public const string InjectSkipped = "inject.skipped";
    public const string InjectRetimed = "inject.retimed";
    public const string InjectTriggered = "inject.triggered";
    public const string ContingencyNotNeeded = "inject.contingency-not-needed";
    public const string SiteState = "site.state";
    public const string Disclosure = "disclosure.marked";
    public const string JoinCodeRotated = "joincode.rotated";

    // Written by the web node after the roster carried the action out: the roster has no event log.
    public const string DeviceRevoked = "device.revoked";
    public const string SignalRaised = "signal.raised";
    public const string SignalCleared = "signal.cleared";

    // Written by the SimCell's grains after the message is in the mailboxes: the number is the message's ("R3", "A2").
    public const string ReplySent = "simcell.reply";
    public const string AdHocInjectSent = "inject.adhoc";

    // Written by the evidence grain after a scan was stored; the detail names the item, site, team and device.
    public const string EvidenceFound = "evidence.found";
    public const string EvidenceNotYet = "evidence.not-yet";
    // Written by the statements grain: a team's statement to the press, submitted, then approved (published to every team) or rejected.
    public const string StatementSubmitted = "media.statement";
    public const string StatementApproved = "media.statement-approved";
    public const string StatementRejected = "media.statement-rejected";

    /// <summary>The scenario's seeded history (articles from before STARTEX) went to every team's mailbox; the detail lists their numbers.</summary>
    public const string HistorySeeded = "media.history";

    /// <summary>The hotwash form went to every team's mailbox (after ENDEX).</summary>
    public const string HotwashSent = "hotwash.sent";

    // Written by a site's control grain (issue 17): a site controller checked a team in or out.
    public const string SiteTeamArrived = "site.team-arrived";
    public const string SiteTeamLeft = "site.team-left";

    /// <summary>The kinds <see cref="IExerciseGrain.RecordAction"/> accepts: actions carried out outside the exercise grain.</summary>
    public static readonly IReadOnlySet<string> RecordedFromOutside = new HashSet<string>(StringComparer.Ordinal) { DeviceRevoked, SignalRaised, SignalCleared, SiteTeamArrived, SiteTeamLeft };
}
