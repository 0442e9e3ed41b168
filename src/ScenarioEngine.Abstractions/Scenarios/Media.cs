namespace ScenarioEngine.Scenarios;

// The simulated media of a scenario (issue 14 §5), in its own file; [Id]s from 50 leave 40–49 to the
// personas' part and keep other branches' additions from colliding.
public sealed partial record ScenarioDefinition
{
    /// <summary>Newspapers, TV and social networks whose articles the teams read in their news feed.</summary>
    [Id(50)] public List<MediaChannelDefinition> MediaChannels { get; init; } = [];

    /// <summary>Articles dated before STARTEX that every team's feed holds from the start, so the world feels lived in.</summary>
    [Id(51)] public List<SeededArticle> History { get; init; } = [];

    public MediaChannelDefinition? FindChannel(string? id) => id is null ? null : MediaChannels.Find(c => c.Id == id);
}

public sealed partial record InjectDefinition
{
    /// <summary>On a mediaReport or social inject: the channel that publishes it; its author stands in for an empty <see cref="FromPersona"/>.</summary>
    [Id(50)] public string? Channel { get; init; }
}

public enum MediaChannelKind
{
    Newspaper,
    Tv,
    Social,
}

[GenerateSerializer, Immutable]
public sealed record MediaChannelDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public required MediaChannelKind Kind { get; init; }

    /// <summary>The persona who writes for the channel: the by-line of its articles.</summary>
    [Id(3)] public required string Author { get; init; }
}

/// <summary>An article published before STARTEX, at an absolute scenario date-time.</summary>
[GenerateSerializer, Immutable]
public sealed record SeededArticle
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Channel { get; init; }

    /// <summary>When the article appeared in the simulated world: before the scenario's start.</summary>
    [Id(2)] public required DateTimeOffset Published { get; init; }
    [Id(3)] public Dictionary<string, string> Subject { get; init; } = [];
    [Id(4)] public Dictionary<string, string> Message { get; init; } = [];

    /// <summary>Ids of <see cref="ScenarioDefinition.Attachments"/> shown with the article.</summary>
    [Id(5)] public List<string> Attachments { get; init; } = [];
}
