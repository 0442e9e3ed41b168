using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Evaluation;

/// <summary>Reads the consolidation log and judges an entry before it is added: pure, so the grain only loads, calls and appends.</summary>
public static class ConsolidationLog
{
    public const int MaxTextLength = 4000;
    public const int MaxFindings = 50;
    public const int MaxObservationsPerFinding = 500;
    public const int MaxIdLength = 64;

    /// <summary>The latest entry per key wins; a withdrawal removes an item until a later entry brings it back.</summary>
    public static Consolidation Current(IEnumerable<ConsolidationRecord> log)
    {
        var reviews = new Dictionary<(string, string), CapabilityReview>();
        var items = new Dictionary<string, ImprovementItem>(StringComparer.Ordinal);
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in log.OrderBy(r => r.Sequence))
        {
            var entry = record.Entry;
            if (entry.Review is { } review)
            {
                reviews[(review.ObjectiveId, review.Capability)] = review;
            }
            else if (entry.Item is { } item)
            {
                items[item.Id] = item;
                first.TryAdd(item.Id, record.Sequence);
            }
            else if (entry.WithdrawnItem is { } withdrawn)
            {
                items.Remove(withdrawn);
            }
        }

        return new Consolidation
        {
            Capabilities = reviews.Values.ToList(),
            // The plan keeps the order items were first written in; an edit does not move an item to the end.
            ImprovementPlan = items.Values.OrderBy(i => first[i.Id]).ToList(),
        };
    }

    /// <summary>
    /// What is wrong with <paramref name="entry"/> for <paramref name="scenario"/> when the observation
    /// log's last sequence is <paramref name="lastObservation"/>; empty when it may be added.
    /// </summary>
    public static IReadOnlyList<string> Problems(ConsolidationEntry entry, ScenarioDefinition scenario, long lastObservation, IReadOnlyCollection<string> itemIds)
    {
        var problems = new List<string>();
        var parts = (entry.Review is null ? 0 : 1) + (entry.Item is null ? 0 : 1) + (entry.WithdrawnItem is null ? 0 : 1);
        if (parts != 1)
        {
            return ["An entry is one of: a capability review, an improvement item, an item withdrawn."];
        }

        if (entry.Review is { } review)
        {
            var objective = scenario.Objectives.FirstOrDefault(o => o.Id == review.ObjectiveId);
            if (objective is null)
            {
                problems.Add($"Objective '{review.ObjectiveId}' is not in the scenario.");
            }
            else if (!objective.Capabilities.Contains(review.Capability))
            {
                problems.Add($"Capability '{review.Capability}' is not one of objective '{review.ObjectiveId}'.");
            }

            if (review.Strengths.Count + review.AreasForImprovement.Count > MaxFindings)
            {
                problems.Add($"At most {MaxFindings} strengths and areas for improvement.");
            }

            foreach (var finding in review.Strengths.Concat(review.AreasForImprovement))
            {
                if (string.IsNullOrWhiteSpace(finding.Text) || finding.Text.Length > MaxTextLength)
                {
                    problems.Add($"A finding needs a text of 1 to {MaxTextLength} characters.");
                }

                if (finding.Observations.Count > MaxObservationsPerFinding)
                {
                    problems.Add($"A finding points to at most {MaxObservationsPerFinding} observations.");
                }

                problems.AddRange(finding.Observations.Where(o => o < 1 || o > lastObservation).Distinct().Select(o => $"Observation {o} does not exist."));
            }
        }

        if (entry.Item is { } item)
        {
            if (string.IsNullOrWhiteSpace(item.Id) || item.Id.Length > MaxIdLength)
            {
                problems.Add($"An improvement item needs an id of 1 to {MaxIdLength} characters.");
            }

            if (!scenario.Objectives.Any(o => o.Capabilities.Contains(item.Capability)))
            {
                problems.Add($"Capability '{item.Capability}' is not one the scenario's objectives evaluate.");
            }

            foreach (var (name, text) in new[] { ("issue", item.Issue), ("corrective action", item.CorrectiveAction), ("responsible agency", item.ResponsibleAgency) })
            {
                if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
                {
                    problems.Add($"The {name} needs 1 to {MaxTextLength} characters.");
                }
            }

            if (item.End < item.Start)
            {
                problems.Add("The end date is before the start date.");
            }
        }

        if (entry.WithdrawnItem is { } withdrawn && !itemIds.Contains(withdrawn))
        {
            problems.Add($"Improvement item '{withdrawn}' is not in the plan.");
        }

        return problems;
    }
}
