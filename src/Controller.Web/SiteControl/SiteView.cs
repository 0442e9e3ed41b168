using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;

namespace ScenarioEngine.Web.SiteControl;

/// <summary>One site as its site controller sees it: nothing of any other site.</summary>
public sealed record SiteView
{
    public required string ExerciseId { get; init; }
    public required string SiteId { get; init; }
    public required Dictionary<string, string> Name { get; init; }
    public required ClockStatus Clock { get; init; }
    public string? State { get; init; }
    public required IReadOnlyList<string> States { get; init; }
    public required IReadOnlyList<SiteActorView> Actors { get; init; }

    /// <summary>Disclosures the site's actors made, newest first.</summary>
    public required IReadOnlyList<DisclosureRecord> Disclosures { get; init; }

    /// <summary>Every team of the exercise, marked on site or not (a site controller checks teams in and out).</summary>
    public required IReadOnlyList<SiteTeamView> Teams { get; init; }

    /// <summary>STOP signals raised for this site and still in force, with who has acknowledged.</summary>
    public required IReadOnlyList<SafetySignalStatus> Stops { get; init; }

    /// <summary>
    /// Extension point for issue 17 section 1 (evidence props, branch `evidence`): the evidence found
    /// at this site. The scenario model has no evidence items yet, so <see cref="SiteViews.Build"/>
    /// leaves it empty; fill it there from the evidence log once the model has them.
    /// </summary>
    public IReadOnlyList<SiteEvidenceFound> Evidence { get; init; } = [];
}

public sealed record SiteEvidenceFound(string ItemId, Dictionary<string, string> Name, string TeamId, DateTimeOffset At);

public sealed record SiteActorView
{
    public required string Id { get; init; }
    public required Dictionary<string, string> Name { get; init; }
    public required Dictionary<string, string> Role { get; init; }

    /// <summary>A device of the actor is connected now.</summary>
    public required bool Online { get; init; }

    /// <summary>The latest cue card the actor's phone was sent.</summary>
    public SiteCueCard? Current { get; init; }

    /// <summary>The actor's next cue card not fired yet, the one due soonest (held ones included: a controller may release them).</summary>
    public SiteCueCard? Next { get; init; }

    /// <summary>The actor's "need controller" calls, newest first.</summary>
    public required IReadOnlyList<ControllerCallRecord> Calls { get; init; }
}

public sealed record SiteCueCard
{
    public required string Number { get; init; }
    public required Dictionary<string, string> Subject { get; init; }
    public required Dictionary<string, string> Message { get; init; }
    public DeliveryState? Delivery { get; init; }
    public InjectStatus? Status { get; init; }

    /// <summary>Scenario time it fires at by itself, when known (a triggered card has none until its trigger happens).</summary>
    public TimeSpan? DueAt { get; init; }
}

public sealed record SiteTeamView(string Id, Dictionary<string, string> Name, bool OnSite, int DevicesOnline);
