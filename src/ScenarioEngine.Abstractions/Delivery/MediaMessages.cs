using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Delivery;

// The simulated media's part of the device wire contract (docs/device-protocol.md), in its own
// file. [Id]s from 50 leave 40–49 to the SimCell's part.
public sealed partial record DeliveredMessage
{
    /// <summary>On an <see cref="MessageKind.Article"/>: the channel that published it; null for a team's statement or an inject naming none.</summary>
    [Id(50)] public ChannelRef? Channel { get; init; }

    /// <summary>On an article of the seeded history: when it appeared in the simulated world, before STARTEX. Null means at <see cref="FiredAt"/>.</summary>
    [Id(51)] public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>On a team's approved statement (an article) and on a <see cref="MessageKind.StatementRejected"/>: the id the author's phone made, so it matches its own statement.</summary>
    [Id(52)] public string? StatementId { get; init; }
}

/// <summary>A media channel as a device sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelRef
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public required MediaChannelKind Kind { get; init; }

    public static ChannelRef? Of(MediaChannelDefinition? channel) =>
        channel is null ? null : new ChannelRef { Id = channel.Id, Name = channel.Name, Kind = channel.Kind };
}
