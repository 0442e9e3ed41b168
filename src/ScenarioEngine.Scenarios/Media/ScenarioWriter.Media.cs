using System.Globalization;

namespace ScenarioEngine.Scenarios;

public static partial class ScenarioWriter
{
    private static ScenarioDocument WithMedia(ScenarioDocument doc, ScenarioDefinition s)
    {
        doc.MediaChannels = s.MediaChannels.Select(c => new MediaChannelDocument
        {
            Id = c.Id,
            Name = c.Name,
            Kind = c.Kind.ToString().ToLowerInvariant(),
            Author = c.Author,
        }).ToList();

        // Written as absolute date-times: an offset was resolved against scenarioStart on loading.
        doc.History = s.History.Select(a => new SeededArticleDocument
        {
            Id = a.Id,
            Channel = a.Channel,
            Published = a.Published.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            Subject = Empty(a.Subject),
            Message = Empty(a.Message),
            Attachments = a.Attachments.Count == 0 ? null : a.Attachments,
        }).ToList();
        return doc;
    }
}
