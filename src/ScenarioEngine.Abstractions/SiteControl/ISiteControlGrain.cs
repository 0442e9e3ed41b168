namespace ScenarioEngine.SiteControl;

/// <summary>What a site controller may do at its site (issue 17 section 2).</summary>
public enum SiteCommandKind
{
    /// <summary>Answer an actor's "need controller" call; only calls of actors at this site.</summary>
    AnswerCall,

    /// <summary>Move the site to one of its states; injects waiting on <c>onSiteState</c> fire.</summary>
    SetState,

    /// <summary>STOP for this site only: its actors and the teams on site at that moment.</summary>
    Stop,

    /// <summary>Lift a STOP raised for this site.</summary>
    ClearStop,

    /// <summary>A team arrived: it is on site, and a site STOP reaches its phones.</summary>
    TeamArrived,

    TeamLeft,
}

/// <summary>
/// One command from a site controller's outbox. <see cref="CommandId"/> is made by the tablet when
/// the controller taps, and kept until a receipt comes back, so a command sent again after a
/// dropped connection is applied once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SiteCommand
{
    [Id(0)] public required string CommandId { get; init; }
    [Id(1)] public required SiteCommandKind Kind { get; init; }
    [Id(2)] public string? CallId { get; init; }
    [Id(3)] public string? State { get; init; }
    [Id(4)] public string? TeamId { get; init; }
    [Id(5)] public string? SignalId { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record SiteCommandReceipt
{
    [Id(0)] public required string CommandId { get; init; }
    [Id(1)] public required SiteCommandKind Kind { get; init; }
    [Id(2)] public required DateTimeOffset AppliedAt { get; init; }

    /// <summary>True when this id had been applied before: nothing was done again.</summary>
    [Id(3)] public bool Repeated { get; init; }

    /// <summary>For <see cref="SiteCommandKind.Stop"/>: the signal raised (its id is the command's).</summary>
    [Id(4)] public string? SignalId { get; init; }
}

/// <summary>
/// One site of one exercise as its site controllers run it (key <see cref="Key"/>): the teams on
/// site and the ids of the commands already applied. Small and bounded: the latest
/// <c>MaxRemembered</c> command ids only, far more than a tablet's outbox ever holds.
/// </summary>
public interface ISiteControlGrain : IGrainWithStringKey
{
    static string Key(ExerciseId exercise, string siteId) => $"{exercise.Value}|{siteId}";

    Task<SiteCommandReceipt> Apply(SiteCommand command, string by);

    Task<IReadOnlyList<string>> GetTeamsOnSite();
}
