using ScenarioEngine.Evidence;

namespace ScenarioEngine.Reports.Metrics;

/// <summary>One item found by one team: when, by which device, at which site, after how many scans that came too early.</summary>
public sealed record EvidenceFind
{
    public required string TeamId { get; init; }
    public required string ItemId { get; init; }
    public required string SiteId { get; init; }
    public required DateTimeOffset FoundAt { get; init; }
    public required string DeviceName { get; init; }

    /// <summary>The team's scans of the item before its condition held ("nothing here yet").</summary>
    public required int EarlyScans { get; init; }
}

/// <summary>Which team found what, and when, from the evidence scan log. Pure.</summary>
public static class EvidenceFinds
{
    public static IReadOnlyList<EvidenceFind> From(IEnumerable<EvidenceScanRecord> scans)
    {
        var log = scans.OrderBy(s => s.Sequence).ToList();
        return log
            .Where(s => s is { Outcome: EvidenceScanOutcome.Found, ItemId: not null, SiteId: not null })
            .GroupBy(s => (s.TeamId, s.ItemId))
            .Select(g => g.First())
            .Select(found => new EvidenceFind
            {
                TeamId = found.TeamId,
                ItemId = found.ItemId!,
                SiteId = found.SiteId!,
                FoundAt = found.ScannedAt,
                DeviceName = found.DeviceName,
                EarlyScans = log.Count(s => s.Outcome == EvidenceScanOutcome.NotYet && s.TeamId == found.TeamId && s.ItemId == found.ItemId && s.Sequence < found.Sequence),
            })
            .OrderBy(f => f.FoundAt)
            .ToList();
    }
}
