namespace ScenarioEngine.Evaluation;

/// <summary>The exercise evaluation rating: performed, some challenges, major challenges, unable to perform.</summary>
public enum Rating
{
    P,
    S,
    M,
    U,
}

[GenerateSerializer, Immutable]
public sealed record ObservationEntry
{
    /// <summary>The objective rated; empty for an "observed now" note that rates nothing.</summary>
    [Id(0)] public required string ObjectiveId { get; init; }

    /// <summary>Null for an "observed now" note: it records what was seen, and rates nothing.</summary>
    [Id(1)] public required Rating? Rating { get; init; }
    [Id(2)] public string? Note { get; init; }
    [Id(3)] public string? InjectNumber { get; init; }
    [Id(4)] public required string Evaluator { get; init; }

    /// <summary>The critical task rated (an id of the scenario's evaluation guide); null for an objective-level note from before critical tasks existed.</summary>
    [Id(5)] public string? CriticalTaskId { get; init; }

    /// <summary>The team observed.</summary>
    [Id(6)] public string? TeamId { get; init; }

    /// <summary>The sequence of an earlier observation this one corrects: the log is never edited, the latest correction counts.</summary>
    [Id(7)] public long? Corrects { get; init; }

    /// <summary>Made by the evaluator's device, so an observation sent twice from an outbox is kept once.</summary>
    [Id(8)] public string? ClientId { get; init; }

    /// <summary>The evaluator's site when it was seen.</summary>
    [Id(9)] public string? SiteId { get; init; }

    /// <summary>When the evaluator saw it, by the phone's clock (it may reach the server hours later); null when entered in the control room.</summary>
    [Id(10)] public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>Photos, uploaded by the evaluator's phone like responses' photos.</summary>
    [Id(11)] public List<string> AttachmentIds { get; init; } = [];

    [Id(12)] public GeoPoint? Location { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record Observation
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required ObservationEntry Entry { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public required TimeSpan ScenarioTime { get; init; }
}

/// <summary>An exercise's evaluator observations, keyed by exercise id. Append-only: an observation is never edited, a correction is a new one.</summary>
public interface IObservationLogGrain : IGrainWithStringKey
{
    /// <summary>Appends the observation; one with a <see cref="ObservationEntry.ClientId"/> already in the log is not added again and the first comes back.</summary>
    Task<Observation> Add(ObservationEntry entry, TimeSpan scenarioTime);

    /// <summary>Like <see cref="Add"/>, and says whether the client id had been stored before (the phone's receipt tells it).</summary>
    Task<ObservationStored> Record(ObservationEntry entry, TimeSpan scenarioTime);

    /// <summary>The sequence of the observation <paramref name="evaluator"/>'s device sent under <paramref name="clientId"/>; null when there is none.</summary>
    Task<long?> SequenceOf(string evaluator, string clientId);

    Task<IReadOnlyList<Observation>> List();

    /// <summary>The sequence of the newest observation, 0 for none: what a consolidation may point to.</summary>
    Task<long> LastSequence();
}

[GenerateSerializer, Immutable]
public sealed record ObservationStored([property: Id(0)] Observation Observation, [property: Id(1)] bool Duplicate);
