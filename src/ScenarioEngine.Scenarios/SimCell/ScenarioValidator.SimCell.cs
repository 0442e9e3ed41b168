using System.Text.RegularExpressions;

namespace ScenarioEngine.Scenarios;

public static partial class ScenarioValidator
{
    private static void CheckPersonas(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Personas.Select(p => p.Id), i => locator.Scenario($"personas[{i}].id"), problems);
        text.Optional(scenario.ClassificationLine, locator.Scenario("classificationLine"));
        if (scenario.SimCell.ResponseTarget <= TimeSpan.Zero)
        {
            problems.Add(locator.Scenario("simCell.responseTarget"), Msg.DeadlineNotPositive);
        }

        var attachments = scenario.Attachments.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Personas.Count; i++)
        {
            var persona = scenario.Personas[i];
            text.Required(persona.Name, locator.Scenario($"personas[{i}].name"));
            text.Optional(persona.Organisation, locator.Scenario($"personas[{i}].organisation"));
            if (persona.Initials.Length is < 1 or > 3)
            {
                problems.Add(locator.Scenario($"personas[{i}].initials"), Msg.PersonaInitialsInvalid, persona.Initials);
            }

            if (!Colour().IsMatch(persona.Colour))
            {
                problems.Add(locator.Scenario($"personas[{i}].colour"), Msg.PersonaColourInvalid, persona.Colour);
            }

            Duplicates(persona.CannedReplies.Select(r => r.Id), j => locator.Scenario($"personas[{i}].cannedReplies[{j}].id"), problems);
            for (var j = 0; j < persona.CannedReplies.Count; j++)
            {
                var reply = persona.CannedReplies[j];
                var where = $"personas[{i}].cannedReplies[{j}]";
                text.Required(reply.Text, locator.Scenario($"{where}.text"));
                foreach (var missing in reply.Attachments.Where(a => !attachments.Contains(a)))
                {
                    problems.Add(locator.Scenario($"{where}.attachments"), Msg.NoAttachment, missing);
                }

                if (reply.Inject is { } inject && scenario.Injects.All(x => x.Number != inject))
                {
                    problems.Add(locator.Scenario($"{where}.inject"), Msg.NoInject, inject);
                }
            }
        }
    }

    private static void CheckFromPersona(ScenarioDefinition scenario, int index, IProblemLocator locator, ProblemList problems)
    {
        if (scenario.Injects[index].FromPersona is { } persona && scenario.FindPersona(persona) is null)
        {
            problems.Add(locator.Inject(index, "fromPersona"), Msg.NoPersona, persona);
        }
    }

    private static void CheckRequestTrigger(ScenarioDefinition scenario, InjectDefinition inject, TriggerDefinition trigger, Func<string, string?, string> at, ProblemList problems)
    {
        if (scenario.FindPersona(trigger.Persona) is null)
        {
            problems.Add(at("trigger", null), Msg.NoPersona, trigger.Persona ?? string.Empty);
        }

        if (trigger.Keywords?.Any(string.IsNullOrWhiteSpace) == true)
        {
            problems.Add(at("trigger", null), Msg.RequestKeywordBlank);
        }

        // It fires for the team that wrote: an inject that reaches no team would never fire.
        if (!inject.To.Everyone && inject.To.Teams.Count == 0 && inject.To.Roles.Count == 0)
        {
            problems.Add(at("trigger", null), Msg.RequestTriggerWithoutTeams, inject.Number);
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
