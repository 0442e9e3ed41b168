using ScenarioEngine.Delivery;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Aar;

/// <summary>One answer to one hotwash question. <see cref="TeamId"/> and <see cref="DeviceName"/> are null when the hotwash is anonymous.</summary>
public sealed record HotwashAnswer
{
    public required string QuestionId { get; init; }

    /// <summary>The text typed, or the id of the choice picked.</summary>
    public required string Answer { get; init; }

    public string? TeamId { get; init; }
    public string? DeviceName { get; init; }
}

/// <summary>What the participants said in the hotwash after ENDEX, ready for the report.</summary>
public sealed record HotwashResults
{
    public required HotwashDefinition Form { get; init; }

    /// <summary>How many forms came back (one per response, whichever team).</summary>
    public required int Respondents { get; init; }

    public required IReadOnlyList<HotwashAnswer> Answers { get; init; }

    /// <summary>
    /// Reads the hotwash answers out of the teams' responses. Anonymous answers lose team and
    /// device here and are ordered by question and text, not by time or team, so neither a column
    /// nor the order of the rows says who answered.
    /// </summary>
    public static HotwashResults? From(ExerciseLogs logs)
    {
        if (logs.Scenario.Hotwash is not { } form)
        {
            return null;
        }

        var responses = logs.Responses
            .SelectMany(r => r.Responses.Where(IsHotwash).Select(x => (Team: r.Recipient.Id, Response: x)))
            .ToList();
        var firstChoice = form.Questions.FirstOrDefault(q => q.Kind == ResponseFieldKind.Choice)?.Id;
        var answers = new List<HotwashAnswer>();
        foreach (var (team, response) in responses)
        {
            foreach (var question in form.Questions)
            {
                var answer = response.Fields?.GetValueOrDefault(question.Id)
                    ?? (question.Id == firstChoice ? response.Choice : null);
                if (string.IsNullOrWhiteSpace(answer))
                {
                    continue;
                }

                answers.Add(new HotwashAnswer
                {
                    QuestionId = question.Id,
                    Answer = answer.Trim(),
                    TeamId = form.Anonymous ? null : team,
                    DeviceName = form.Anonymous || response.DeviceName.Length == 0 ? null : response.DeviceName,
                });
            }
        }

        var order = form.Questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new HotwashResults
        {
            Form = form,
            Respondents = responses.Count,
            Answers = answers.OrderBy(a => order[a.QuestionId]).ThenBy(a => a.Answer, StringComparer.Ordinal).ToList(),
        };
    }

    public static bool IsHotwash(StoredResponse response) => response.InjectNumber == HotwashDefinition.InjectNumber;
}
