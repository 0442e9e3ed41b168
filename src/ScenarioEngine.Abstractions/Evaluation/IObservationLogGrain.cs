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
    Task<Observation> Add(ObservationEntry entry, TimeSpan scenarioTime);

    Task<IReadOnlyList<Observation>> List();
}
