using ScenarioEngine.Delivery;
using ScenarioEngine.Media;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Media;

/// <summary>The mailbox entries a decision on a team's statement makes: built only from what teams may see.</summary>
public static class StatementArticles
{
    /// <summary>The approved statement as an article of one team's news feed, by-lined with the author team.</summary>
    public static DeliveredMessage Published(RecipientAddress team, ScenarioDefinition scenario, StoredStatement statement, DateTimeOffset now) => new()
    {
        Sequence = 0,
        DeliveryId = $"{team.GrainKey}|statement|{statement.Sequence}",
        InjectNumber = statement.Number,
        Kind = MessageKind.Article,
        From = AuthorTeam(scenario, statement),
        Method = DeliveryMethod.MediaReport,
        Subject = scenario.Languages.ToDictionary(l => l, _ => Headline(statement.Text)),
        Message = scenario.Languages.ToDictionary(l => l, _ => statement.Text),
        FiredAt = now,
        ResponseRequested = false,
        StatementId = statement.StatementId,
        ClassificationLine = ClassificationLines.Of(scenario),
    };

    /// <summary>To the author team only: why the statement was not published.</summary>
    public static DeliveredMessage Rejected(RecipientAddress team, ScenarioDefinition scenario, StoredStatement statement, string reason, DateTimeOffset now) => new()
    {
        Sequence = 0,
        DeliveryId = $"{team.GrainKey}|statement-rejected|{statement.Sequence}",
        InjectNumber = statement.Number,
        Kind = MessageKind.StatementRejected,
        From = AuthorTeam(scenario, statement),
        Method = DeliveryMethod.Document,
        Subject = scenario.Languages.ToDictionary(l => l, _ => Headline(statement.Text)),
        Message = scenario.Languages.ToDictionary(l => l, _ => reason),
        FiredAt = now,
        ResponseRequested = false,
        StatementId = statement.StatementId,
        ClassificationLine = ClassificationLines.Of(scenario),
    };

    private static Dictionary<string, string> AuthorTeam(ScenarioDefinition scenario, StoredStatement statement) =>
        scenario.Teams.Find(t => t.Id == statement.TeamId)?.Name ?? scenario.Languages.ToDictionary(l => l, _ => statement.TeamId);

    /// <summary>The statement's first line, cut at a word near 80 characters.</summary>
    public static string Headline(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        if (line.Length <= 80)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', 80);
        return $"{line[..(cut > 40 ? cut : 80)]}…";
    }
}
