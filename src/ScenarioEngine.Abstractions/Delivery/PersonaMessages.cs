using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Delivery;

// The simulation cell's part of the device wire contract (docs/device-protocol.md), kept in its
// own file. [Id]s from 40 leave room for other branches' additions to DeliveredMessage.
public sealed partial record DeliveredMessage
{
    /// <summary>The persona the message comes from, for the avatar; null when it names none.</summary>
    [Id(40)] public PersonaRef? Persona { get; init; }

    /// <summary>On a <see cref="MessageKind.Reply"/>: the team's thread with the persona.</summary>
    [Id(41)] public string? ThreadId { get; init; }

    /// <summary>The scenario's marking ("EXERCISE — EXERCISE — EXERCISE"), per language, shown with the message.</summary>
    [Id(42)] public Dictionary<string, string> ClassificationLine { get; init; } = [];

    /// <summary>On a <see cref="MessageKind.Request"/>: the device-made id, so the phone that sent it matches its own outbox item.</summary>
    [Id(43)] public string? RequestId { get; init; }
}

/// <summary>A persona as a device may see it: never its canned replies.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonaRef
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Organisation { get; init; } = [];
    [Id(3)] public required PersonaKind Kind { get; init; }
    [Id(4)] public required string Initials { get; init; }
    [Id(5)] public required string Colour { get; init; }

    public static PersonaRef? Of(PersonaDefinition? persona) => persona is null ? null : new PersonaRef
    {
        Id = persona.Id,
        Name = persona.Name,
        Organisation = persona.Organisation,
        Kind = persona.Kind,
        Initials = persona.Initials,
        Colour = persona.Colour,
    };
}

/// <summary>A player's message to a persona. <see cref="RequestId"/> is made by the device and makes retries safe.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonaRequest
{
    [Id(0)] public required string RequestId { get; init; }
    [Id(1)] public required string PersonaId { get; init; }
    [Id(2)] public required string Text { get; init; }

    /// <summary>Files uploaded beforehand through PUT /api/devices/attachments/{id}.</summary>
    [Id(3)] public List<string>? AttachmentIds { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record RequestReceipt
{
    [Id(0)] public required string RequestId { get; init; }
    [Id(1)] public required string ThreadId { get; init; }
    [Id(2)] public required DateTimeOffset StoredAt { get; init; }

    /// <summary>True when this id had been stored before: the retry changed nothing.</summary>
    [Id(3)] public required bool Duplicate { get; init; }
}

public static class Threads
{
    /// <summary>One thread per team and persona; ids never contain '|', so '/' separates them unambiguously.</summary>
    public static string Id(string teamId, string personaId) => $"{teamId}/{personaId}";
}
