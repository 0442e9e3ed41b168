using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Scenarios;

public static partial class ScenarioValidator
{
    private static void CheckMedia(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.MediaChannels.Select(c => c.Id), i => locator.Scenario($"mediaChannels[{i}].id"), problems);
        for (var i = 0; i < scenario.MediaChannels.Count; i++)
        {
            var channel = scenario.MediaChannels[i];
            text.Required(channel.Name, locator.Scenario($"mediaChannels[{i}].name"));
            if (scenario.FindPersona(channel.Author) is null)
            {
                problems.Add(locator.Scenario($"mediaChannels[{i}].author"), Msg.ChannelAuthorUnknown, channel.Author);
            }
        }

        Duplicates(scenario.History.Select(a => a.Id), i => locator.Scenario($"history[{i}].id"), problems);
        var attachments = scenario.Attachments.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scenario.History.Count; i++)
        {
            var article = scenario.History[i];
            if (scenario.FindChannel(article.Channel) is null)
            {
                problems.Add(locator.Scenario($"history[{i}].channel"), Msg.NoChannel, article.Channel);
            }

            text.Required(article.Subject, locator.Scenario($"history[{i}].subject"));
            text.Optional(article.Message, locator.Scenario($"history[{i}].message"));
            foreach (var missing in article.Attachments.Where(a => !attachments.Contains(a)))
            {
                problems.Add(locator.Scenario($"history[{i}].attachments"), Msg.NoAttachment, missing);
            }
        }
    }

    /// <summary>A channel publishes articles: only a mediaReport or social inject names one, and social posts go on social networks.</summary>
    private static void CheckChannel(ScenarioDefinition scenario, int index, IProblemLocator locator, ProblemList problems)
    {
        var inject = scenario.Injects[index];
        if (inject.Channel is not { } id)
        {
            return;
        }

        if (scenario.FindChannel(id) is not { } channel)
        {
            problems.Add(locator.Inject(index, "channel"), Msg.NoChannel, id);
        }
        else if (inject.Method is not (DeliveryMethod.MediaReport or DeliveryMethod.Social))
        {
            problems.Add(locator.Inject(index, "channel"), Msg.ChannelOnlyOnMedia, id);
        }
        else if ((inject.Method == DeliveryMethod.Social) != (channel.Kind == MediaChannelKind.Social))
        {
            problems.Add(locator.Inject(index, "channel"), Msg.ChannelKindMismatch, id, channel.Kind.ToString().ToLowerInvariant(), inject.Method == DeliveryMethod.Social ? "social" : "mediaReport");
        }
    }
}
