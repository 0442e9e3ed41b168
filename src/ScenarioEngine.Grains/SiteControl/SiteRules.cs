using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.SiteControl;

/// <summary>What belongs to a site, decided from the scenario alone (no Orleans types), so the rules are tested without a cluster.</summary>
public static class SiteRules
{
    public static IReadOnlyList<string> ActorIds(ScenarioDefinition scenario, string siteId) =>
        scenario.Actors.Where(a => a.Site == siteId).Select(a => a.Id).ToList();

    /// <summary>Whom a site's STOP is for: the actors of the site and the teams on site at that moment.</summary>
    public static IReadOnlyList<RecipientAddress> StopRecipients(ExerciseId exercise, ScenarioDefinition scenario, string siteId, IEnumerable<string> teamsOnSite) =>
        ActorIds(scenario, siteId).Select(a => RecipientAddress.Actor(exercise, a))
            .Concat(teamsOnSite.Where(t => scenario.Teams.Exists(d => d.Id == t)).Select(t => RecipientAddress.Team(exercise, t)))
            .ToList();

    /// <summary>A call belongs to a site when an actor of that site made it; a site controller sees and answers only those.</summary>
    public static bool IsAtSite(ControllerCallRecord call, ScenarioDefinition scenario, string siteId) =>
        call.Recipient.Kind == RecipientKind.Actor && scenario.Actors.Exists(a => a.Id == call.Recipient.Id && a.Site == siteId);

    /// <summary>The STOP text per scenario language, naming the site so a phone shows where play stopped; languages without a template get English.</summary>
    public static Dictionary<string, string> StopMessage(ScenarioDefinition scenario, SiteDefinition site)
    {
        var message = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in scenario.Languages.Append("en").Distinct(StringComparer.Ordinal))
        {
            var name = site.Name.GetValueOrDefault(language) ?? site.Name.GetValueOrDefault(scenario.DefaultLanguage) ?? site.Id;
            message[language] = language == "ru"
                ? $"СТОП на объекте «{name}». Игра на этом объекте немедленно прекращается. Оставайтесь на месте и ждите указаний."
                : $"STOP at {name}. All play at this site stops now. Stay where you are and wait for instructions.";
        }

        return message;
    }
}
