namespace ScenarioEngine.Silo.Exercises;

/// <summary>One line of the exercise's append-only event log, the source of the after-action timeline.</summary>
public sealed record ExerciseEvent
{
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required TimeSpan ScenarioTime { get; init; }
    public required string Kind { get; init; }
    public string? InjectNumber { get; init; }
    public string? Detail { get; init; }
}
