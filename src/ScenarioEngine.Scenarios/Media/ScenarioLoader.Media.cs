namespace ScenarioEngine.Scenarios;

public static partial class ScenarioLoader
{
    private static ScenarioDefinition WithMedia(ScenarioDefinition scenario, ScenarioDocument doc, FieldReader reader, ProblemList problems) => scenario with
    {
        MediaChannels = (doc.MediaChannels ?? []).Select((c, i) => new MediaChannelDefinition
        {
            Id = reader.Id(c.Id, $"mediaChannels[{i}]"),
            Name = c.Name ?? [],
            Kind = ChannelKindOf(c.Kind, $"mediaChannels[{i}].kind", problems),
            Author = c.Author?.Trim() ?? string.Empty,
        }).ToList(),
        History = (doc.History ?? []).Select((a, i) => new SeededArticle
        {
            Id = reader.Id(a.Id, $"history[{i}]"),
            Channel = a.Channel?.Trim() ?? string.Empty,
            Published = PublishedAt(a, scenario.ScenarioStart, $"history[{i}]", problems),
            Subject = a.Subject ?? [],
            Message = a.Message ?? [],
            Attachments = a.Attachments ?? [],
        }).ToList(),
    };

    private static MediaChannelKind ChannelKindOf(string? text, string where, ProblemList problems)
    {
        if (text is not null && Enum.TryParse<MediaChannelKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
        {
            return kind;
        }

        problems.Add(where, Msg.ChannelKindInvalid, text ?? string.Empty, string.Join(", ", Enum.GetNames<MediaChannelKind>().Select(n => n.ToLowerInvariant())));
        return MediaChannelKind.Newspaper;
    }

    /// <summary>
    /// A seeded article is dated in the scenario's world: an offset before STARTEX needs the
    /// scenario's own start date to become one, and either way it must lie before that start.
    /// </summary>
    private static DateTimeOffset PublishedAt(SeededArticleDocument doc, DateTimeOffset? start, string where, ProblemList problems)
    {
        if ((doc.At is null) == (doc.Published is null))
        {
            problems.Add(where, Msg.ArticleNeedsDate);
            return DateTimeOffset.MinValue;
        }

        if (doc.Published is { } text)
        {
            if (!TimeText.TryParseDateTime(text, out var published))
            {
                problems.Add($"{where}.published", Msg.DateTimeInvalid, text);
                return DateTimeOffset.MinValue;
            }

            if (start is { } s && published >= s)
            {
                problems.Add($"{where}.published", Msg.ArticleNotBeforeStart, text);
            }

            return published;
        }

        var at = doc.At!.Trim();
        if (!at.StartsWith('-') || !TimeText.TryParseOffset(at[1..], out var before) || before <= TimeSpan.Zero)
        {
            problems.Add($"{where}.at", Msg.ArticleNotBeforeStart, at);
            return DateTimeOffset.MinValue;
        }

        if (start is not { } startex)
        {
            problems.Add($"{where}.at", Msg.ArticleOffsetNeedsScenarioStart);
            return DateTimeOffset.MinValue;
        }

        return startex - before;
    }
}
