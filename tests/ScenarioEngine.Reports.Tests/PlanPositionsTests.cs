using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Reports.Metrics;
using ScenarioEngine.Reports.SitePlans;
using ScenarioEngine.SitePlans;

namespace ScenarioEngine.Reports.Tests;

/// <summary>Positions on site plans, computed from the logs alone: where each located response and scan falls, and when in exercise time.</summary>
public sealed class PlanPositionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly ExerciseId Exercise = new("plans");
    private static readonly SitePlanBounds Sauna = new() { North = 55.7560, West = 37.6080, South = 55.7540, East = 37.6120 };

    [Fact]
    public void Each_located_response_and_scan_lands_on_the_plans_it_falls_within_at_the_exercise_time_of_the_log()
    {
        // An actor's response is in the logs with a position, but only teams are placed on the plans.
        var logs = Logs(
            [Response("r-1", minutes: 20, At(55.7555, 37.6090)), Response("r-none", minutes: 25, null), Response("r-far", minutes: 70, At(59.93, 30.31))],
            [Scan("s-1", minutes: 75, At(55.7545, 37.6110))]);

        var positions = PlanPositions.Compute(logs, [Plan("sauna", Sauna)]);

        var markers = Assert.Single(positions.Plans).Markers;
        Assert.Equal([("r-1", PositionKind.Response, 0.25, 0.25, 20), ("s-1", PositionKind.Scan, 0.75, 0.75, 45)],
            markers.Select(m => (m.Position.Id, m.Position.Kind, Math.Round(m.X, 9), Math.Round(m.Y, 9), (int)m.Position.ExerciseTime.TotalMinutes)));
        Assert.StartsWith("Team A", markers[0].Position.TeamName["en"], StringComparison.Ordinal);
        // Paused from minute 30 to 60 of the wall clock: 70 minutes in is 40 minutes of exercise time.
        var far = Assert.Single(positions.Outside);
        Assert.Equal(("r-far", 40), (far.Id, (int)far.ExerciseTime.TotalMinutes));
    }

    [Fact]
    public void With_no_plan_every_position_is_outside_and_a_point_on_two_plans_is_on_both()
    {
        var logs = Logs([Response("r-1", minutes: 5, At(55.7555, 37.6090))], []);
        var wider = new SitePlanBounds { North = 55.76, West = 37.60, South = 55.74, East = 37.64 };

        Assert.Equal("r-1", Assert.Single(PlanPositions.Compute(logs, []).Outside).Id);
        var both = PlanPositions.Compute(logs, [Plan("sauna", Sauna), Plan("block", wider)]);
        Assert.All(both.Plans, p => Assert.Equal("r-1", Assert.Single(p.Markers).Position.Id));
        Assert.Empty(both.Outside);
    }

    [Theory]
    [InlineData(55.756, 37.608, 55.754, 37.612, null)]
    [InlineData(91, 37.608, 55.754, 37.612, "PlanLatitudeOutOfRange")]
    [InlineData(55.756, -181, 55.754, 37.612, "PlanLongitudeOutOfRange")]
    [InlineData(55.754, 37.608, 55.756, 37.612, "PlanCornersOrder")]
    [InlineData(55.756, 37.612, 55.754, 37.608, "PlanCornersOrder")]
    [InlineData(57.756, 37.608, 55.754, 37.612, "PlanTooLarge")]
    [InlineData(double.NaN, 37.608, 55.754, 37.612, "PlanLatitudeOutOfRange")]
    public void Corners_make_a_plan_only_in_range_north_west_of_south_east_and_small(double north, double west, double south, double east, string? problem) =>
        Assert.Equal(problem, new SitePlanBounds { North = north, West = west, South = south, East = east }.Problem());

    private static GeoPoint At(double latitude, double longitude) => new() { Latitude = latitude, Longitude = longitude, AccuracyMeters = 10 };

    private static StoredResponse Response(string id, int minutes, GeoPoint? location) => new()
    {
        ResponseId = id,
        Sequence = 1,
        InjectNumber = "13",
        DeviceId = "phone-1",
        DeviceName = "Anna",
        Text = "here",
        StoredAt = Start.AddMinutes(minutes),
        Location = location,
    };

    private static EvidenceScanRecord Scan(string id, int minutes, GeoPoint location) => new()
    {
        Sequence = 1,
        ScanId = id,
        TeamId = "team-a",
        DeviceId = "phone-1",
        DeviceName = "Anna",
        ItemId = "passports",
        SiteId = "sauna",
        Outcome = EvidenceScanOutcome.Found,
        ScannedAt = Start.AddMinutes(minutes),
        Location = location,
    };

    private static SitePlan Plan(string siteId, SitePlanBounds bounds) => new()
    {
        SiteId = siteId,
        AttachmentId = $"plan-{siteId}",
        ContentType = "image/png",
        Width = 800,
        Height = 700,
        Bounds = bounds,
        UploadedBy = "director",
        UploadedAt = Start,
        Size = 1000,
    };

    private static ExerciseLogs Logs(IReadOnlyList<StoredResponse> responses, IReadOnlyList<EvidenceScanRecord> scans) => new()
    {
        ExerciseId = Exercise.Value,
        Scenario = ScenarioLoader.LoadSample(),
        Events =
        [
            Event(1, 0, 0, ExerciseEvents.Started),
            Event(2, 30, 30, ExerciseEvents.Paused),
            Event(3, 60, 30, ExerciseEvents.Resumed),
        ],
        Deliveries = [],
        Responses = [new RecipientResponses(RecipientAddress.Team(Exercise, "team-a"), responses), new RecipientResponses(RecipientAddress.Actor(Exercise, "madam"), [Response("r-actor", 10, At(55.7555, 37.6090))])],
        Disclosures = [],
        Observations = [],
        EvidenceScans = scans,
    };

    private static ExerciseEvent Event(long sequence, int wallMinutes, int exerciseMinutes, string kind) => new()
    {
        Sequence = sequence,
        At = Start.AddMinutes(wallMinutes),
        ScenarioTime = TimeSpan.FromMinutes(exerciseMinutes),
        Kind = kind,
    };
}
