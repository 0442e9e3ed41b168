namespace ScenarioEngine.Scenarios;

public static partial class ScenarioValidator
{
    private static void CheckEvidence(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Evidence.Select(e => e.Id), i => locator.Scenario($"evidence[{i}].id"), problems);
        var attachments = scenario.Attachments.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Evidence.Count; i++)
        {
            var item = scenario.Evidence[i];
            var where = $"evidence[{i}]";
            text.Required(item.Name, locator.Scenario($"{where}.name"));
            text.Optional(item.HiddenAt, locator.Scenario($"{where}.hiddenAt"));
            text.Optional(item.Text, locator.Scenario($"{where}.text"));
            var site = scenario.Sites.Find(s => s.Id == item.Site);
            if (site is null)
            {
                problems.Add(locator.Scenario($"{where}.site"), Msg.NoSite, item.Site);
            }

            // A label that gives the team nothing would only puzzle it.
            if (item.Text.Count == 0 && item.Attachments.Count == 0)
            {
                problems.Add(locator.Scenario(where), Msg.EvidenceWithoutContent, item.Id);
            }

            foreach (var missing in item.Attachments.Where(a => !attachments.Contains(a)))
            {
                problems.Add(locator.Scenario($"{where}.attachments"), Msg.NoAttachment, missing);
            }

            CheckEvidenceCondition(scenario, item, site, locator.Scenario($"{where}.condition"), problems);
        }
    }

    private static void CheckEvidenceCondition(ScenarioDefinition scenario, EvidenceDefinition item, SiteDefinition? site, string where, ProblemList problems)
    {
        if (item.Condition is not { } condition)
        {
            return;
        }

        if ((condition.SiteState is null) == (condition.AfterInject is null))
        {
            problems.Add(where, Msg.EvidenceConditionOneOnly);
            return;
        }

        if (condition.SiteState is { } state && site is not null && !site.States.Contains(state, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{where}.siteState", Msg.NoSiteState, site.Id, state, string.Join(", ", site.States));
        }

        if (condition.AfterInject is { } inject && scenario.Injects.All(i => i.Number != inject))
        {
            problems.Add($"{where}.afterInject", Msg.NoInject, inject);
        }
    }

    private static void CheckEvidenceTrigger(ScenarioDefinition scenario, InjectDefinition inject, TriggerDefinition trigger, Func<string, string?, string> at, ProblemList problems)
    {
        if (scenario.FindEvidence(trigger.Evidence) is null)
        {
            problems.Add(at("trigger", null), Msg.NoEvidence, trigger.Evidence ?? string.Empty);
        }

        // It fires for the team that found the item: an inject that reaches no team would never fire.
        if (!inject.To.Everyone && inject.To.Teams.Count == 0 && inject.To.Roles.Count == 0)
        {
            problems.Add(at("trigger", null), Msg.EvidenceTriggerWithoutTeams, inject.Number);
        }
    }
}
