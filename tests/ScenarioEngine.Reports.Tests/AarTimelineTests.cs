using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Reports.Aar;
using ScenarioEngine.Reports.Metrics;
using ScenarioEngine.Reports.Review;

namespace ScenarioEngine.Reports.Tests;

public sealed class AarTimelineTests
{
    private static readonly Lazy<(ExerciseLogs Logs, ExerciseMetrics Metrics)> Small = new(() =>
    {
        var logs = SyntheticExercise.Create(ScenarioLoader.LoadSample(), injects: 12, teams: 3, devices: 9, responses: 40, observations: 30);
        return (logs, MetricsCalculator.Compute(logs));
    });

    [Fact]
    public void Timeline_has_the_exercise_lane_then_a_lane_per_team_and_site_and_a_mark_per_response_observation_and_disclosure()
    {
        var (logs, metrics) = Small.Value;

        var timeline = AarTimeline.Build(logs, metrics);

        Assert.Equal(
            [AarTimeline.ExerciseLane, .. logs.Scenario.Teams.Select(t => AarTimeline.TeamLane(t.Id)), .. logs.Scenario.Sites.Select(s => AarTimeline.SiteLane(s.Id))],
            timeline.Lanes.Select(l => l.Id));
        Assert.Equal(logs.Responses.Sum(r => r.Responses.Count), timeline.Marks.Count(m => m.Kind == MarkKind.Response));
        Assert.Equal(metrics.Ratings.Count, timeline.Marks.Count(m => m.Kind == MarkKind.Observation));
        Assert.Equal(metrics.Disclosures.Count, timeline.Marks.Count(m => m.Kind == MarkKind.Disclosure));
        Assert.Equal(timeline.Marks.OrderBy(m => m.At).Select(m => m.At), timeline.Marks.Select(m => m.At));
        Assert.All(timeline.Marks.Where(m => m.Kind == MarkKind.Response && m.TeamId is not null), m => Assert.Equal(AarTimeline.TeamLane(m.TeamId!), m.Lane));
    }

    [Fact]
    public void Team_filter_keeps_that_teams_lane_and_the_exercise_lane_and_only_marks_concerning_that_team()
    {
        var (logs, metrics) = Small.Value;
        var timeline = AarTimeline.Build(logs, metrics);
        var team = logs.Scenario.Teams[1].Id;
        var filter = new TimelineFilter { TeamId = team, Kinds = new HashSet<MarkKind> { MarkKind.Response, MarkKind.Observation } };

        var lanes = timeline.Lanes.Where(filter.Shows).Select(l => l.Id).ToList();
        var marks = timeline.Marks.Where(filter.Admits).ToList();

        Assert.Equal([AarTimeline.ExerciseLane, AarTimeline.TeamLane(team)], lanes);
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.True(m.TeamId == team || (m.TeamId is null && m.Lane == AarTimeline.ExerciseLane)));
        Assert.All(marks, m => Assert.Contains(m.Kind, filter.Kinds));
    }

    [Fact]
    public void Svg_of_a_300_inject_5000_response_exercise_stays_bounded_and_its_marks_account_for_every_event_in_the_window()
    {
        var logs = SyntheticExercise.Create(null, injects: 300, teams: 30, devices: 300, responses: 5_000, observations: 2_000, days: 5);
        var timeline = AarTimeline.Build(logs, MetricsCalculator.Compute(logs));
        var filter = new TimelineFilter();

        var svg = TimelineSvg.Render(timeline, filter, l => l.RefId, k => k.ToString(), width: 1100);

        var document = XDocument.Parse(svg);
        var marks = document.Descendants().Where(e => e.Attribute("class")?.Value == "mark").ToList();
        var plotWidth = 1100 - TimelineSvg.LabelWidth;
        Assert.True(marks.Count <= timeline.Lanes.Count * 5 * (plotWidth / 4 + 2), $"{marks.Count} shapes");
        Assert.Equal(timeline.Marks.Count, marks.Sum(m => int.Parse(m.Attribute("data-count")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(timeline.Lanes.Count, document.Descendants().Count(e => e.Attribute("data-lane") is not null));
        Assert.True(svg.Length < 2_000_000, $"{svg.Length} characters");
    }

    [Fact]
    public void Window_of_the_scrubber_draws_only_the_marks_inside_it()
    {
        var (logs, metrics) = Small.Value;
        var timeline = AarTimeline.Build(logs, metrics);
        var from = timeline.End / 4;
        var filter = new TimelineFilter { From = from, To = from + (timeline.End / 4) };

        var svg = TimelineSvg.Render(timeline, filter, l => l.RefId, k => k.ToString());

        var counted = Regex.Matches(svg, "data-count=\"(\\d+)\"").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(timeline.Marks.Count(m => m.At >= filter.From && m.At <= filter.To), counted);
        Assert.True(counted < timeline.Marks.Count);
    }

    [Fact]
    public void Ratings_grid_has_the_scenarios_objectives_in_order_by_its_teams_and_leaves_unrated_cells_empty()
    {
        var (logs, metrics) = Small.Value;
        var rated = metrics.Ratings.Where(r => r.TeamId == logs.Scenario.Teams[0].Id).ToList();
        var only = metrics with { Ratings = rated.Where(r => r.ObjectiveId == logs.Scenario.Objectives[0].Id).ToList() };

        var grid = RatingsGrid.Build(logs.Scenario, only);

        Assert.Equal(logs.Scenario.Objectives.Select(o => o.Id), grid.Objectives.Select(o => o.Id));
        Assert.Equal(logs.Scenario.Teams.Select(t => t.Id), grid.Teams.Select(t => t.Id));
        Assert.Equal(MetricsCalculator.Typical(only.Ratings.Select(r => r.Rating)), grid.Cells[0, 0]);
        Assert.NotNull(grid.Cells[0, 0]);
        Assert.Null(grid.Cells[0, 1]);
        Assert.Null(grid.Cells[1, 0]);
    }

    [Fact]
    public void Ratings_grid_of_an_objective_and_team_filter_is_that_one_cell()
    {
        var (logs, metrics) = Small.Value;
        var objective = logs.Scenario.Objectives[^1].Id;
        var team = logs.Scenario.Teams[^1].Id;

        var grid = RatingsGrid.Build(logs.Scenario, metrics, team, objective);

        Assert.Equal(1, grid.Cells.GetLength(0));
        Assert.Equal(1, grid.Cells.GetLength(1));
        Assert.Equal(MetricsCalculator.Typical(metrics.Ratings.Where(r => r.ObjectiveId == objective && r.TeamId == team).Select(r => r.Rating)), grid.Cells[0, 0]);
    }
}
