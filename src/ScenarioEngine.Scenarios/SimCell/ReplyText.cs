namespace ScenarioEngine.Scenarios;

/// <summary>Fills a canned reply's placeholders ({team}, {persona}) in each language it is written in.</summary>
public static class ReplyText
{
    public static Dictionary<string, string> Fill(Dictionary<string, string> template, ScenarioDefinition scenario, string teamId, string personaId)
    {
        var team = scenario.Teams.Find(t => t.Id == teamId);
        var persona = scenario.FindPersona(personaId);
        return template.ToDictionary(
            t => t.Key,
            t => t.Value
                .Replace("{team}", In(team?.Name, t.Key, scenario.DefaultLanguage) ?? teamId, StringComparison.Ordinal)
                .Replace("{persona}", In(persona?.Name, t.Key, scenario.DefaultLanguage) ?? personaId, StringComparison.Ordinal),
            StringComparer.Ordinal);
    }

    private static string? In(Dictionary<string, string>? text, string language, string fallback) =>
        text is null ? null : text.TryGetValue(language, out var value) ? value : text.GetValueOrDefault(fallback);
}
