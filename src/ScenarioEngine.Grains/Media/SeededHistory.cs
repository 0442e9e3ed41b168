using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Media;

/// <summary>The scenario's articles from before STARTEX, as each team's mailbox holds them.</summary>
public static class SeededHistory
{
    /// <summary>The number an article of the history carries in the delivery matrix and the after-action data.</summary>
    public static string Number(SeededArticle article) => $"H-{article.Id}";

    /// <summary>
    /// One team's copy, built only from what a team may see. Its delivery id names the article, so
    /// delivering the history again (a repeated create, then the move to ready) appends nothing.
    /// </summary>
    public static DeliveredMessage For(RecipientAddress team, ScenarioDefinition scenario, SeededArticle article, DateTimeOffset deliveredAt)
    {
        var channel = scenario.FindChannel(article.Channel);
        var persona = scenario.FindPersona(channel?.Author);
        return new DeliveredMessage
        {
            Sequence = 0,
            DeliveryId = $"{team.GrainKey}|history|{article.Id}",
            InjectNumber = Number(article),
            Kind = MessageKind.Article,
            From = persona?.Name ?? channel?.Name ?? [],
            Persona = PersonaRef.Of(persona),
            Channel = ChannelRef.Of(channel),
            PublishedAt = article.Published,
            Method = channel?.Kind == MediaChannelKind.Social ? DeliveryMethod.Social : DeliveryMethod.MediaReport,
            Subject = article.Subject,
            Message = article.Message,
            FiredAt = deliveredAt,
            ResponseRequested = false,
            Attachments = article.Attachments
                .Select(id => scenario.Attachments.Find(a => a.Id == id))
                .OfType<AttachmentDefinition>()
                .Select(a => new AttachmentRef { Id = a.Id, FileName = a.FileName, ContentType = a.ContentType, Size = a.Size, Title = a.Title })
                .ToList(),
            ClassificationLine = ClassificationLines.Of(scenario),
        };
    }
}
