using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Silo.Exercises;

/// <summary>Which timed injects are due, and when the next one is. Pure, so it is tested without a cluster.</summary>
public static class InjectSchedule
{
    public static IEnumerable<InjectDefinition> Due(
        IEnumerable<InjectDefinition> injects,
        IReadOnlyDictionary<string, InjectProgress> progress,
        TimeSpan scenarioTime) =>
        injects
            .Where(i => i.At is { } at && at <= scenarioTime && StatusOf(progress, i.Number) == InjectStatus.Pending)
            .OrderBy(i => i.At);

    /// <summary>The earliest scenario time of a timed inject still pending, or null when none is left.</summary>
    public static TimeSpan? NextDue(IEnumerable<InjectDefinition> injects, IReadOnlyDictionary<string, InjectProgress> progress) =>
        injects
            .Where(i => i.At is not null && StatusOf(progress, i.Number) == InjectStatus.Pending)
            .Min(i => i.At);

    private static InjectStatus StatusOf(IReadOnlyDictionary<string, InjectProgress> progress, string number) =>
        progress.TryGetValue(number, out var p) ? p.Status : InjectStatus.Pending;
}

[GenerateSerializer, Immutable]
public sealed record InjectProgress
{
    [Id(0)] public required InjectStatus Status { get; init; }
    [Id(1)] public DateTimeOffset? FiredAt { get; init; }
    [Id(2)] public TimeSpan? FiredAtScenarioTime { get; init; }
    [Id(3)] public string? FiredBy { get; init; }
}
