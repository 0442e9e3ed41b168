using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Aar;

/// <summary>
/// The heatmap's data: the typical rating of each objective (rows, in the scenario's order, first
/// on top) and team (columns, in the scenario's order); null where nobody rated that team on it.
/// </summary>
public sealed record RatingsGrid(IReadOnlyList<ObjectiveDefinition> Objectives, IReadOnlyList<TeamDefinition> Teams, Rating?[,] Cells)
{
    public static RatingsGrid Build(ScenarioDefinition scenario, ExerciseMetrics metrics, string? teamId = null, string? objectiveId = null)
    {
        var objectives = scenario.Objectives.Where(o => objectiveId is null || o.Id == objectiveId).ToList();
        var teams = scenario.Teams.Where(t => teamId is null || t.Id == teamId).ToList();
        var byCell = metrics.Ratings.Where(r => r.TeamId is not null).ToLookup(r => (r.ObjectiveId, r.TeamId!));
        var cells = new Rating?[objectives.Count, teams.Count];
        for (var o = 0; o < objectives.Count; o++)
        {
            for (var t = 0; t < teams.Count; t++)
            {
                cells[o, t] = MetricsCalculator.Typical(byCell[(objectives[o].Id, teams[t].Id)].Select(r => r.Rating));
            }
        }

        return new RatingsGrid(objectives, teams, cells);
    }
}
