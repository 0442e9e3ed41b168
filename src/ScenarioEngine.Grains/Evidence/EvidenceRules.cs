using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Evidence;

/// <summary>Whether an item can be found now, and what a team that finds it receives. Pure.</summary>
public static class EvidenceRules
{
    /// <summary>The number of a team's evidence entry: the mailbox stores one entry per number, so scanning twice gives one entry.</summary>
    public static string EntryNumber(string itemId) => $"EV-{itemId}";

    /// <summary>No condition; or the item's site is in the named state; or the named inject has fired.</summary>
    public static bool Findable(EvidenceDefinition item, ExerciseSnapshot exercise) => item.Condition switch
    {
        null => true,
        { SiteState: { } state } => string.Equals(exercise.Sites.FirstOrDefault(s => s.Id == item.Site)?.State, state, StringComparison.OrdinalIgnoreCase),
        { AfterInject: { } number } => exercise.Injects.FirstOrDefault(i => i.Number == number)?.Status == InjectStatus.Fired,
        _ => true,
    };

    /// <summary>
    /// The team's mailbox entry for a found item, built from the fields a player may see: the
    /// hiding place is not among them.
    /// </summary>
    public static DeliveredMessage EntryFor(RecipientAddress team, ScenarioDefinition scenario, EvidenceDefinition item, DateTimeOffset foundAt) => new()
    {
        Sequence = 0,
        DeliveryId = $"{team.GrainKey}|{EntryNumber(item.Id)}",
        InjectNumber = EntryNumber(item.Id),
        Kind = MessageKind.Evidence,
        From = scenario.Sites.Find(s => s.Id == item.Site)?.Name ?? [],
        ClassificationLine = ClassificationLines.Of(scenario),
        Method = DeliveryMethod.InPerson,
        Subject = item.Name,
        Message = item.Text,
        FiredAt = foundAt,
        ResponseRequested = false,
        Attachments = item.Attachments
            .Select(id => scenario.Attachments.Find(a => a.Id == id))
            .OfType<AttachmentDefinition>()
            .Select(a => new AttachmentRef { Id = a.Id, FileName = a.FileName, ContentType = a.ContentType, Size = a.Size, Title = a.Title })
            .ToList(),
    };
}
