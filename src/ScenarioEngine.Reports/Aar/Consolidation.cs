using ScenarioEngine.Evaluation;

namespace ScenarioEngine.Reports.Aar;

/// <summary>The lead evaluator's conclusions that go into the AAR/IP: per capability, and the improvement plan.</summary>
public sealed record Consolidation
{
    public IReadOnlyList<CapabilityReview> Capabilities { get; init; } = [];
    public IReadOnlyList<ImprovementItem> ImprovementPlan { get; init; } = [];
}

public sealed record CapabilityReview
{
    public required string ObjectiveId { get; init; }
    public required string Capability { get; init; }
    public IReadOnlyList<Finding> Strengths { get; init; } = [];
    public IReadOnlyList<Finding> AreasForImprovement { get; init; } = [];
    public Rating? FinalRating { get; init; }
}

/// <summary>A strength or an area for improvement, with the observations (by sequence) that show it.</summary>
public sealed record Finding
{
    public required string Text { get; init; }
    public IReadOnlyList<long> Observations { get; init; } = [];
}

public sealed record ImprovementItem
{
    public required string Capability { get; init; }
    public required string Issue { get; init; }
    public required string CorrectiveAction { get; init; }
    public required string ResponsibleAgency { get; init; }
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
}
