using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

/// <summary>A response as trigger evaluation sees it: which inject it answers, from which team, what it says.</summary>
/// <param name="Choice">A choice sent without naming its field: it answers the form's first choice field.</param>
public sealed record ResponseFacts(string InjectNumber, string TeamId, string? Text, IReadOnlyDictionary<string, string>? Fields, string? Choice = null);

/// <summary>
/// Which event triggers a response or a site change satisfies. Pure: the grain records the
/// result (a triggered moment, a contingency no longer needed) and the clock does the firing.
/// </summary>
public static class TriggerEvaluator
{
    /// <summary>Pending injects whose response trigger this response satisfies.</summary>
    public static IEnumerable<InjectDefinition> TriggeredByResponse(
        ScenarioDefinition scenario, IReadOnlyDictionary<string, InjectProgress> progress, ResponseFacts response) =>
        Waiting(scenario, progress, TriggerKind.OnResponse).Where(i => Satisfies(scenario, i, response));

    /// <summary>Pending contingencies that this response makes unnecessary: the expected response arrived.</summary>
    public static IEnumerable<InjectDefinition> ContingenciesAnswered(
        ScenarioDefinition scenario, IReadOnlyDictionary<string, InjectProgress> progress, ResponseFacts response) =>
        Waiting(scenario, progress, TriggerKind.IfNoResponse).Where(i => Satisfies(scenario, i, response));

    /// <summary>True when any of <paramref name="responses"/> satisfies the contingency's condition: it must not fire.</summary>
    public static bool ExpectedResponseArrived(ScenarioDefinition scenario, InjectDefinition contingency, IEnumerable<ResponseFacts> responses) =>
        responses.Any(r => Satisfies(scenario, contingency, r));

    public static IEnumerable<InjectDefinition> TriggeredBySiteState(
        ScenarioDefinition scenario, IReadOnlyDictionary<string, InjectProgress> progress, string siteId, string state) =>
        Waiting(scenario, progress, TriggerKind.OnSiteState)
            .Where(i => i.Trigger!.Site == siteId && string.Equals(i.Trigger.SiteState, state, StringComparison.OrdinalIgnoreCase));

    /// <summary>Does <paramref name="response"/> answer the inject <paramref name="dependent"/> waits on, from a team in scope, matching its condition?</summary>
    public static bool Satisfies(ScenarioDefinition scenario, InjectDefinition dependent, ResponseFacts response)
    {
        var trigger = dependent.Trigger;
        if (trigger?.Inject != response.InjectNumber)
        {
            return false;
        }

        if (trigger.From == ResponseScope.SameTeam && !InjectAudience.TeamIds(scenario, dependent).Contains(response.TeamId))
        {
            return false;
        }

        var answered = scenario.Injects.Find(i => i.Number == trigger.Inject);
        return Matches(trigger.Condition, answered?.ResponseForm, response.Text, response.Fields, response.Choice);
    }

    public static bool Matches(ResponseCondition condition, ResponseForm? form, string? text, IReadOnlyDictionary<string, string>? fields, string? choice = null)
    {
        switch (condition.Kind)
        {
            case ConditionKind.ChoiceEquals:
                var field = condition.Field ?? form?.Fields.FirstOrDefault(f => f.Kind == ResponseFieldKind.Choice)?.Id;
                var chosen = field is null ? choice ?? text : fields?.GetValueOrDefault(field) ?? choice;
                return chosen is not null && string.Equals(chosen.Trim(), condition.Value, StringComparison.OrdinalIgnoreCase);
            case ConditionKind.FieldContains:
                var value = condition.Field is null ? text : fields?.GetValueOrDefault(condition.Field);
                return value is not null && condition.Value is not null && value.Contains(condition.Value, StringComparison.OrdinalIgnoreCase);
            default:
                return true;
        }
    }

    private static IEnumerable<InjectDefinition> Waiting(ScenarioDefinition scenario, IReadOnlyDictionary<string, InjectProgress> progress, TriggerKind kind) =>
        scenario.Injects.Where(i =>
            i.Enabled
            && i.Trigger?.Kind == kind
            && progress.GetValueOrDefault(i.Number) is null or { Status: InjectStatus.Pending, TriggeredAt: null });
}
