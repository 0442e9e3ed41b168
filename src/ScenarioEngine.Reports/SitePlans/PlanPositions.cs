using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Reports.Metrics;
using ScenarioEngine.SitePlans;

namespace ScenarioEngine.Reports.SitePlans;

public enum PositionKind
{
    Response,
    Scan,
}

/// <summary>One located response or evidence scan, as the logs hold it, with the exercise time it happened at.</summary>
public sealed record SitePosition
{
    public required PositionKind Kind { get; init; }

    /// <summary>The response id or the scan id: stable, so a page can name a marker.</summary>
    public required string Id { get; init; }
    public required string TeamId { get; init; }
    public required Dictionary<string, string> TeamName { get; init; }
    public required string DeviceName { get; init; }

    /// <summary>The inject answered, or the evidence item scanned (null for a code of no item).</summary>
    public string? Subject { get; init; }
    public required DateTimeOffset At { get; init; }
    public required TimeSpan ExerciseTime { get; init; }
    public required GeoPoint Location { get; init; }
}

/// <summary>A position on one plan, as fractions of the image's width and height from its top-left corner.</summary>
public sealed record PlanMarker(SitePosition Position, double X, double Y);

public sealed record PlanWithMarkers(SitePlan Plan, IReadOnlyList<PlanMarker> Markers);

/// <summary>What the site-plan view draws: every plan with the positions on it, and those on no plan.</summary>
public sealed record SitePlanPositions
{
    public required IReadOnlyList<PlanWithMarkers> Plans { get; init; }

    /// <summary>Located responses and scans that fall within no plan's corners (or every one, when no plan is uploaded).</summary>
    public required IReadOnlyList<SitePosition> Outside { get; init; }
}

/// <summary>
/// Places the located responses and scans of an exercise on its site plans, from the append-only
/// logs alone (responses, the evidence scan log, and the event log for exercise time). Pure, so
/// the same answer comes from a test, the API and the control room.
/// </summary>
public static class PlanPositions
{
    public static SitePlanPositions Compute(ExerciseLogs logs, IReadOnlyList<SitePlan> plans)
    {
        var clock = new ClockMap(logs.Events);
        var teams = logs.Scenario.Teams.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
        Dictionary<string, string> TeamName(string id) => teams.GetValueOrDefault(id) ?? new() { ["en"] = id };

        var positions = new List<SitePosition>();
        foreach (var (recipient, responses) in logs.Responses.Where(r => r.Recipient.Kind == RecipientKind.Team))
        {
            positions.AddRange(responses.Where(r => r.Location is not null).Select(r => new SitePosition
            {
                Kind = PositionKind.Response,
                Id = r.ResponseId,
                TeamId = recipient.Id,
                TeamName = TeamName(recipient.Id),
                DeviceName = r.DeviceName,
                Subject = r.InjectNumber,
                At = r.StoredAt,
                ExerciseTime = clock.ScenarioTimeAt(r.StoredAt),
                Location = r.Location!,
            }));
        }

        positions.AddRange(logs.EvidenceScans.Where(s => s.Location is not null).Select(s => new SitePosition
        {
            Kind = PositionKind.Scan,
            Id = s.ScanId,
            TeamId = s.TeamId,
            TeamName = TeamName(s.TeamId),
            DeviceName = s.DeviceName,
            Subject = s.ItemId,
            At = s.ScannedAt,
            ExerciseTime = clock.ScenarioTimeAt(s.ScannedAt),
            Location = s.Location!,
        }));
        positions.Sort((a, b) => a.At.CompareTo(b.At));

        var onPlans = plans.Select(plan => new PlanWithMarkers(plan, positions
            .Select(p => plan.Bounds.Project(p.Location) is { } at ? new PlanMarker(p, at.X, at.Y) : null)
            .OfType<PlanMarker>()
            .ToList())).ToList();
        return new SitePlanPositions
        {
            Plans = onPlans,
            Outside = positions.Where(p => plans.All(plan => plan.Bounds.Project(p.Location) is null)).ToList(),
        };
    }
}
