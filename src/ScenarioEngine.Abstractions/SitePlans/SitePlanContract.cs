using ScenarioEngine.Evaluation;

namespace ScenarioEngine.SitePlans;

/// <summary>
/// The site plans of one exercise (key: the exercise id): per site, an image a controller
/// uploaded and where its corners lie on the earth, so positions from phones can be drawn on it
/// with no online map. The image bytes are in the attachment store; this keeps only what names them.
/// </summary>
public interface ISitePlansGrain : IGrainWithStringKey
{
    /// <summary>Replaces the site's plan. Throws <see cref="ArgumentException"/> for an unknown site or corners out of range.</summary>
    Task<SitePlan> Set(SitePlan plan);

    /// <summary>Every site's plan, in scenario order of the sites.</summary>
    Task<IReadOnlyList<SitePlan>> List();
}

/// <summary>A north-up plan image of a site and the latitude and longitude of its edges.</summary>
[GenerateSerializer, Immutable]
public sealed record SitePlan
{
    [Id(0)] public required string SiteId { get; init; }

    /// <summary>Where the image is in the attachment store; a new upload gets a new id, so a cached image is never stale.</summary>
    [Id(1)] public required string AttachmentId { get; init; }
    [Id(2)] public required string ContentType { get; init; }
    [Id(3)] public required int Width { get; init; }
    [Id(4)] public required int Height { get; init; }
    [Id(5)] public required SitePlanBounds Bounds { get; init; }
    [Id(6)] public required string UploadedBy { get; init; }
    [Id(7)] public required DateTimeOffset UploadedAt { get; init; }
    [Id(8)] public required long Size { get; init; }
}

/// <summary>
/// The plan's edges: the top-left corner is (<see cref="North"/>, <see cref="West"/>), the
/// bottom-right (<see cref="South"/>, <see cref="East"/>). A site is small, so the plan is taken as
/// a flat, north-up rectangle: a position's place on it is linear in latitude and longitude.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SitePlanBounds
{
    /// <summary>No plan of one site spans more: wider corners are a typo (a digit slipped), not a site.</summary>
    public const double MaxSpanDegrees = 1.0;

    [Id(0)] public required double North { get; init; }
    [Id(1)] public required double West { get; init; }
    [Id(2)] public required double South { get; init; }
    [Id(3)] public required double East { get; init; }

    /// <summary>Null when the corners make a plan; else the key of the problem (SitePlanStrings / ApiStrings).</summary>
    public string? Problem()
    {
        if (!double.IsFinite(North) || !double.IsFinite(South) || North is < -90 or > 90 || South is < -90 or > 90)
        {
            return "PlanLatitudeOutOfRange";
        }

        if (!double.IsFinite(West) || !double.IsFinite(East) || West is < -180 or > 180 || East is < -180 or > 180)
        {
            return "PlanLongitudeOutOfRange";
        }

        // The antimeridian crossing (west > east) is left out: no site of these drills straddles it.
        if (North <= South || East <= West)
        {
            return "PlanCornersOrder";
        }

        return North - South > MaxSpanDegrees || East - West > MaxSpanDegrees ? "PlanTooLarge" : null;
    }

    /// <summary>Where <paramref name="point"/> falls on the plan, as fractions of its width and height from the top-left; null when outside.</summary>
    public (double X, double Y)? Project(GeoPoint point)
    {
        var x = (point.Longitude - West) / (East - West);
        var y = (North - point.Latitude) / (North - South);
        return x is >= 0 and <= 1 && y is >= 0 and <= 1 ? (x, y) : null;
    }
}
