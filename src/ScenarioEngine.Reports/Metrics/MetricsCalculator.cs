using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;

namespace ScenarioEngine.Reports.Metrics;

/// <summary>Computes <see cref="ExerciseMetrics"/> from <see cref="ExerciseLogs"/>: a pure function, run after the fact.</summary>
public static class MetricsCalculator
{
    public static ExerciseMetrics Compute(ExerciseLogs logs)
    {
        var clock = new ClockMap(logs.Events);
        var injects = logs.Scenario.Injects.ToDictionary(i => i.Number, StringComparer.Ordinal);
        var fired = FirstFirings(logs.Events);
        var until = logs.Events.Count == 0 ? TimeSpan.Zero : logs.Events.Max(e => e.ScenarioTime);
        var firstResponse = logs.Responses
            .SelectMany(r => r.Responses.Select(x => (r.Recipient, x)))
            .GroupBy(x => (x.Recipient.Kind, x.Recipient.Id, x.x.InjectNumber))
            .ToDictionary(g => g.Key, g => g.Min(x => x.x.StoredAt));

        var deliveries = new List<DeliveryMetric>();
        foreach (var recipient in logs.Deliveries)
        {
            foreach (var progress in recipient.Deliveries)
            {
                var firedAt = progress.QueuedAt;
                var firedScenario = fired.TryGetValue(progress.InjectNumber, out var f) ? f : clock.ScenarioTimeAt(firedAt);
                var responded = firstResponse.TryGetValue((recipient.Recipient.Kind, recipient.Recipient.Id, progress.InjectNumber), out var r) ? r : progress.RespondedAt;
                var delay = responded is { } at ? clock.ScenarioTimeAt(at) - firedScenario : (TimeSpan?)null;
                var deadline = injects.TryGetValue(progress.InjectNumber, out var inject) ? inject.ResponseDeadline : null;
                deliveries.Add(new DeliveryMetric
                {
                    InjectNumber = progress.InjectNumber,
                    RecipientKind = recipient.Recipient.Kind,
                    RecipientId = recipient.Recipient.Id,
                    FiredAt = firedAt,
                    FiredScenarioTime = firedScenario,
                    ToDelivered = progress.DeliveredAt - firedAt,
                    ToSeen = progress.SeenAt - firedAt,
                    ToAcknowledged = progress.AcknowledgedAt - firedAt,
                    ToResponded = responded - firedAt,
                    ResponseCount = progress.ResponseCount,
                    ResponseScenarioDelay = delay,
                    Deadline = deadline,
                    DeadlineMet = deadline is not { } d ? null
                        : delay is { } late ? late <= d
                        : until - firedScenario > d ? false
                        : null,
                });
            }
        }

        var stoodDown = logs.Events.Where(e => e.Kind == ExerciseEvents.ContingencyNotNeeded && e.InjectNumber is not null).Select(e => e.InjectNumber!).ToHashSet();
        // A contingency is either marked so in the MSEL or triggered "if no response" (the sample's inject 7 is the latter).
        var contingencies = logs.Scenario.Injects.Where(i => i.Contingency || i.Trigger?.Kind == TriggerKind.IfNoResponse).Select(i => new ContingencyMetric
        {
            InjectNumber = i.Number,
            FiredAt = fired.TryGetValue(i.Number, out var at) ? at : null,
            StoodDown = stoodDown.Contains(i.Number),
        }).ToList();

        var disclosures = logs.Disclosures.Select(d => new DisclosureMetric
        {
            ActorId = d.ActorId,
            InjectNumber = d.InjectNumber,
            GateId = d.GateId,
            TeamId = d.TeamId,
            ScenarioTime = d.ScenarioTime,
            AfterCueCard = fired.TryGetValue(d.InjectNumber, out var at) ? d.ScenarioTime - at : null,
            GateOpen = d.GateOpen,
        }).OrderBy(d => d.ScenarioTime).ToList();

        var taskCapability = logs.Scenario.Objectives.SelectMany(o => o.CriticalTasks).ToDictionary(t => t.Id, t => t.Capability, StringComparer.Ordinal);
        // "Observed now" notes rate nothing: they are evidence in the observations table, not ratings.
        var ratings = ObservationCorrections.Current(logs.Observations).Where(o => o.Entry.Rating is not null).Select(o => new RatingMetric
        {
            Sequence = o.Sequence,
            ObjectiveId = o.Entry.ObjectiveId,
            CriticalTaskId = o.Entry.CriticalTaskId,
            Capability = o.Entry.CriticalTaskId is { } t && taskCapability.TryGetValue(t, out var c) ? c : null,
            TeamId = o.Entry.TeamId,
            Evaluator = o.Entry.Evaluator,
            Rating = o.Entry.Rating!.Value,
            Note = o.Entry.Note,
            InjectNumber = o.Entry.InjectNumber,
            ScenarioTime = o.ScenarioTime,
        }).ToList();

        return new ExerciseMetrics
        {
            Deliveries = deliveries.OrderBy(d => d.FiredScenarioTime).ThenBy(d => d.InjectNumber, StringComparer.Ordinal).ThenBy(d => d.RecipientId, StringComparer.Ordinal).ToList(),
            Contingencies = contingencies,
            Disclosures = disclosures,
            Ratings = ratings,
            LoggedUntil = until,
        };
    }

    /// <summary>
    /// The typical rating of a set of ratings: the mean of P=1…U=4 rounded half towards the worse
    /// rating.
    /// </summary>
    public static Rating? Typical(IEnumerable<Rating> ratings)
    {
        var list = ratings.ToList();
        return list.Count == 0 ? null : (Rating)(int)Math.Round(list.Average(r => (double)r), MidpointRounding.AwayFromZero);
    }

    private static Dictionary<string, TimeSpan> FirstFirings(IEnumerable<ExerciseEvent> events)
    {
        var fired = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber is not null).OrderBy(e => e.Sequence))
        {
            fired.TryAdd(e.InjectNumber!, e.ScenarioTime);
        }

        return fired;
    }
}
