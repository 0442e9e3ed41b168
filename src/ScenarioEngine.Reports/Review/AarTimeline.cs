using ScenarioEngine.Exercises;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Review;

public enum MarkKind
{
    Inject,
    Response,
    Disclosure,
    Signal,
    Observation,
}

public enum LaneKind
{
    /// <summary>What concerns everyone: safety signals, observations of no team.</summary>
    Exercise,
    Team,
    Site,
}

/// <summary>One swim lane: the exercise, a team or a site.</summary>
public sealed record TimelineLane(string Id, LaneKind Kind, string RefId);

/// <summary>
/// One thing on the timeline, in exercise time. <see cref="TeamId"/> and <see cref="SiteId"/> say
/// whom it concerns (a disclosure is at a site and to a team), so a filter by either finds it.
/// </summary>
public sealed record TimelineMark
{
    public required MarkKind Kind { get; init; }
    public required string Lane { get; init; }
    public required TimeSpan At { get; init; }
    public required string Label { get; init; }
    public string? TeamId { get; init; }
    public string? SiteId { get; init; }
    public string? InjectNumber { get; init; }
    public Evaluation.Rating? Rating { get; init; }
}

/// <summary>What the AAR view shows: a team, a site, the kinds of mark, a window of exercise time.</summary>
public sealed record TimelineFilter
{
    public string? TeamId { get; init; }
    public string? SiteId { get; init; }
    public IReadOnlySet<MarkKind> Kinds { get; init; } = Enum.GetValues<MarkKind>().ToHashSet();
    public TimeSpan From { get; init; } = TimeSpan.MinValue;
    public TimeSpan To { get; init; } = TimeSpan.MaxValue;

    public bool Admits(TimelineMark mark) =>
        Kinds.Contains(mark.Kind) && mark.At >= From && mark.At <= To
        && (TeamId is null || mark.TeamId == TeamId || (mark.TeamId is null && mark.Lane == AarTimeline.ExerciseLane))
        && (SiteId is null || mark.SiteId == SiteId || (mark.SiteId is null && mark.Lane == AarTimeline.ExerciseLane));

    public bool Shows(TimelineLane lane) => lane.Kind switch
    {
        LaneKind.Team => SiteId is null && (TeamId is null || lane.RefId == TeamId),
        LaneKind.Site => TeamId is null && (SiteId is null || lane.RefId == SiteId),
        _ => true,
    };
}

/// <summary>
/// The exercise as swim lanes (the exercise, each team, each site) of injects, responses,
/// disclosures, safety signals and observations, made from the logs alone like the report.
/// </summary>
public sealed record AarTimeline
{
    public const string ExerciseLane = "exercise";

    public required IReadOnlyList<TimelineLane> Lanes { get; init; }

    /// <summary>In time order.</summary>
    public required IReadOnlyList<TimelineMark> Marks { get; init; }

    /// <summary>Exercise time of the last thing logged.</summary>
    public required TimeSpan End { get; init; }

    public static string TeamLane(string id) => $"team:{id}";

    public static string SiteLane(string id) => $"site:{id}";

    public static AarTimeline Build(ExerciseLogs logs, ExerciseMetrics metrics)
    {
        var scenario = logs.Scenario;
        var clock = new ClockMap(logs.Events);
        var siteOfActor = scenario.Actors.Where(a => a.Site is not null).ToDictionary(a => a.Id, a => a.Site!, StringComparer.Ordinal);
        var lanes = new List<TimelineLane> { new(ExerciseLane, LaneKind.Exercise, ExerciseLane) };
        lanes.AddRange(scenario.Teams.Select(t => new TimelineLane(TeamLane(t.Id), LaneKind.Team, t.Id)));
        lanes.AddRange(scenario.Sites.Select(s => new TimelineLane(SiteLane(s.Id), LaneKind.Site, s.Id)));
        var known = lanes.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        string Lane(string lane) => known.Contains(lane) ? lane : ExerciseLane;

        (string Lane, string? Team, string? Site) Place(RecipientKind kind, string id) => kind == RecipientKind.Team
            ? (Lane(TeamLane(id)), id, null)
            : siteOfActor.TryGetValue(id, out var site) ? (Lane(SiteLane(site)), null, site) : (ExerciseLane, null, null);

        var marks = new List<TimelineMark>();
        // One inject mark per lane it reached: an inject to three actors at one site is one mark there.
        foreach (var group in metrics.Deliveries.Select(d => (d, p: Place(d.RecipientKind, d.RecipientId))).GroupBy(x => (x.d.InjectNumber, x.p.Lane)))
        {
            var (first, place) = group.OrderBy(x => x.d.FiredScenarioTime).First();
            marks.Add(new TimelineMark
            {
                Kind = MarkKind.Inject,
                Lane = place.Lane,
                At = first.FiredScenarioTime,
                Label = first.InjectNumber,
                TeamId = place.Team,
                SiteId = place.Site,
                InjectNumber = first.InjectNumber,
            });
        }

        foreach (var recipient in logs.Responses)
        {
            var place = Place(recipient.Recipient.Kind, recipient.Recipient.Id);
            marks.AddRange(recipient.Responses.Select(r => new TimelineMark
            {
                Kind = MarkKind.Response,
                Lane = place.Lane,
                At = clock.ScenarioTimeAt(r.StoredAt),
                Label = $"{r.InjectNumber} · {r.DeviceName}",
                TeamId = place.Team,
                SiteId = place.Site,
                InjectNumber = r.InjectNumber,
            }));
        }

        marks.AddRange(metrics.Disclosures.Select(d =>
        {
            var site = siteOfActor.GetValueOrDefault(d.ActorId);
            return new TimelineMark
            {
                Kind = MarkKind.Disclosure,
                Lane = site is null ? Lane(TeamLane(d.TeamId)) : Lane(SiteLane(site)),
                At = d.ScenarioTime,
                Label = $"{d.InjectNumber} · {d.GateId} → {d.TeamId}",
                TeamId = d.TeamId,
                SiteId = site,
                InjectNumber = d.InjectNumber,
            };
        }));

        marks.AddRange(logs.Events.Where(e => e.Kind is ExerciseEvents.SignalRaised or ExerciseEvents.SignalCleared).Select(e => new TimelineMark
        {
            Kind = MarkKind.Signal,
            Lane = ExerciseLane,
            At = e.ScenarioTime,
            Label = $"{e.Kind} {e.Detail}".Trim(),
        }));

        marks.AddRange(metrics.Ratings.Select(r => new TimelineMark
        {
            Kind = MarkKind.Observation,
            Lane = r.TeamId is { } team ? Lane(TeamLane(team)) : ExerciseLane,
            At = r.ScenarioTime,
            Label = $"#{r.Sequence} {r.ObjectiveId} {r.CriticalTaskId} {r.Rating} · {r.Evaluator}".Replace("  ", " ", StringComparison.Ordinal),
            TeamId = r.TeamId,
            InjectNumber = r.InjectNumber,
            Rating = r.Rating,
        }));

        var ordered = marks.OrderBy(m => m.At).ThenBy(m => m.Kind).ToList();
        var end = new[] { metrics.LoggedUntil, ordered.Count == 0 ? TimeSpan.Zero : ordered[^1].At }.Max();
        return new AarTimeline { Lanes = lanes, Marks = ordered, End = end };
    }
}
