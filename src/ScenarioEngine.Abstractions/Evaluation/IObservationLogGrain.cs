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
    [Id(0)] public required string ObjectiveId { get; init; }
    [Id(1)] public required Rating Rating { get; init; }
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

    Task<IReadOnlyList<Observation>> List();

    /// <summary>The sequence of the newest observation, 0 for none: what a consolidation may point to.</summary>
    Task<long> LastSequence();
}
