namespace ScenarioEngine.Evaluation;

/// <summary>
/// Reads the append-only observation log the way a report must: a correction replaces what it
/// corrects (following chains of corrections), and the original stays in the log for the record.
/// </summary>
public static class ObservationCorrections
{
    /// <summary>The observations that count, each carrying the sequence it was first recorded under and the latest corrected content.</summary>
    public static IReadOnlyList<Observation> Current(IEnumerable<Observation> log)
    {
        // Root sequence of each observation: a correction belongs to the chain of what it corrects.
        var root = new Dictionary<long, long>();
        var latest = new Dictionary<long, Observation>();
        foreach (var observation in log.OrderBy(o => o.Sequence))
        {
            var chain = observation.Entry.Corrects is { } corrected && root.TryGetValue(corrected, out var r) ? r : observation.Sequence;
            root[observation.Sequence] = chain;
            latest[chain] = observation;
        }

        return latest.OrderBy(kv => kv.Key).Select(kv => kv.Value with { Sequence = kv.Key }).ToList();
    }
}
