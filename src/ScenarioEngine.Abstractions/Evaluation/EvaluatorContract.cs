namespace ScenarioEngine.Evaluation;

/// <summary>Where an evaluator stood, from the phone's geolocation, only when the evaluator chose to add it.</summary>
[GenerateSerializer, Immutable]
public sealed record GeoPoint
{
    [Id(0)] public required double Latitude { get; init; }
    [Id(1)] public required double Longitude { get; init; }

    /// <summary>The radius the phone vouches for, in metres.</summary>
    [Id(2)] public double? AccuracyMeters { get; init; }
}

/// <summary>
/// What an evaluator's phone sends: a rating of a critical task for a team, or a one-tap
/// "observed now" note. It waits in the phone's outbox until its receipt comes back, so
/// <see cref="ObservationId"/> (made by the phone) makes a retry change nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ObservationSubmission
{
    [Id(0)] public required string ObservationId { get; init; }

    /// <summary>When the evaluator saw it, by the phone's clock: an observation written offline keeps its own time, not the time it reached the server.</summary>
    [Id(1)] public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The team observed; one of the evaluator's. A note at a site may name none.</summary>
    [Id(2)] public string? TeamId { get; init; }

    /// <summary>The site the evaluator stands at; one of the evaluator's.</summary>
    [Id(3)] public string? SiteId { get; init; }

    /// <summary>The critical task rated; with <see cref="Rating"/>, or neither for a note.</summary>
    [Id(4)] public string? CriticalTaskId { get; init; }

    [Id(5)] public Rating? Rating { get; init; }
    [Id(6)] public string? Note { get; init; }

    /// <summary>The inject in play when it was seen, as the phone last knew it.</summary>
    [Id(7)] public string? InjectNumber { get; init; }

    /// <summary>Photos uploaded beforehand through PUT /api/devices/attachments/{id}.</summary>
    [Id(8)] public List<string>? AttachmentIds { get; init; }

    [Id(9)] public GeoPoint? Location { get; init; }

    /// <summary>The <see cref="ObservationId"/> of this evaluator's earlier observation that this one corrects: the earlier stays in the log, the latest counts.</summary>
    [Id(10)] public string? Corrects { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ObservationReceipt
{
    [Id(0)] public required string ObservationId { get; init; }

    /// <summary>Its place in the exercise's observation log.</summary>
    [Id(1)] public required long Sequence { get; init; }

    /// <summary>Exercise time at <see cref="ObservationSubmission.ObservedAt"/>.</summary>
    [Id(2)] public required TimeSpan ScenarioTime { get; init; }

    [Id(3)] public required DateTimeOffset StoredAt { get; init; }

    /// <summary>True when this id had been stored before: the retry changed nothing.</summary>
    [Id(4)] public required bool Duplicate { get; init; }
}

/// <summary>A team or site by id and name, in the scenario's languages.</summary>
[GenerateSerializer, Immutable]
public sealed record NamedRef
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
}

/// <summary>A critical task as an evaluator rates it, with the targets that define it done well.</summary>
[GenerateSerializer, Immutable]
public sealed record EvaluatorTask
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ObjectiveId { get; init; }
    [Id(2)] public required Dictionary<string, string> Objective { get; init; }
    [Id(3)] public required Dictionary<string, string> Capability { get; init; }
    [Id(4)] public required Dictionary<string, string> Title { get; init; }
    [Id(5)] public List<Dictionary<string, string>> Targets { get; init; } = [];
}

/// <summary>
/// The last inject fired to one of the evaluator's teams or at one of the evaluator's sites: what
/// an "observed now" note is about. Subject only; never the message, notes or expected actions.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InjectInPlay
{
    [Id(0)] public required string InjectNumber { get; init; }
    [Id(1)] public required Dictionary<string, string> Subject { get; init; }
    [Id(2)] public required DateTimeOffset FiredAt { get; init; }

    /// <summary>The evaluator's teams it went to.</summary>
    [Id(3)] public List<string> Teams { get; init; } = [];

    /// <summary>The site it happens at, when the scenario names one of the evaluator's.</summary>
    [Id(4)] public string? SiteId { get; init; }
}

/// <summary>What an evaluator's phone needs to work offline: whom to watch, what to rate, and what is in play now.</summary>
[GenerateSerializer, Immutable]
public sealed record EvaluatorBrief
{
    [Id(0)] public required string EvaluatorId { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public required List<NamedRef> Teams { get; init; }
    [Id(3)] public required List<NamedRef> Sites { get; init; }
    [Id(4)] public required List<EvaluatorTask> Tasks { get; init; }

    /// <summary>Newest first.</summary>
    [Id(5)] public required List<InjectInPlay> InPlay { get; init; }

    /// <summary>Exercise time at <see cref="AsOf"/>, so the phone can show exercise time while offline.</summary>
    [Id(6)] public required TimeSpan ScenarioTime { get; init; }

    [Id(7)] public required double Speed { get; init; }
    [Id(8)] public required bool Running { get; init; }
    [Id(9)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>The ratings of this evaluator that count now (corrections applied), so a phone that joined again still shows them and can correct them.</summary>
    [Id(10)] public List<RecordedRating> Recorded { get; init; } = [];
}

/// <summary>One rating an evaluator's phone sent, as it counts now.</summary>
[GenerateSerializer, Immutable]
public sealed record RecordedRating
{
    /// <summary>The id of the latest entry of its chain: a further correction names it.</summary>
    [Id(0)] public required string ObservationId { get; init; }
    [Id(1)] public required string TeamId { get; init; }
    [Id(2)] public required string CriticalTaskId { get; init; }
    [Id(3)] public required Rating Rating { get; init; }
    [Id(4)] public required TimeSpan ScenarioTime { get; init; }
}
