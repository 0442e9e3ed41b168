namespace ScenarioEngine.SimCell;

/// <summary>What a controller sends as a persona: a reply in one team's thread.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonaReply
{
    /// <summary>Made by the desk when the reply is composed, so a double submit is stored once.</summary>
    [Id(0)] public required string ReplyId { get; init; }
    [Id(1)] public required string TeamId { get; init; }
    [Id(2)] public required string PersonaId { get; init; }

    /// <summary>The request answered; null for a message the persona starts.</summary>
    [Id(3)] public long? RequestSequence { get; init; }

    /// <summary>A canned reply of the persona, its placeholders filled in for the team; or <see cref="Text"/>.</summary>
    [Id(4)] public string? CannedReplyId { get; init; }

    /// <summary>Free text, per language; a single entry is shown in every language.</summary>
    [Id(5)] public Dictionary<string, string> Text { get; init; } = [];
    [Id(6)] public List<string> Attachments { get; init; } = [];
    [Id(7)] public required string Controller { get; init; }
}

/// <summary>A sent reply as stored in the exercise's append-only reply log.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredReply
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required PersonaReply Reply { get; init; }
    [Id(2)] public required string ThreadId { get; init; }
    [Id(3)] public required Dictionary<string, string> Text { get; init; }
    [Id(4)] public required DateTimeOffset SentAt { get; init; }

    /// <summary>The reply's entry in the team's mailbox.</summary>
    [Id(5)] public required long MailboxSequence { get; init; }
}

/// <summary>
/// Sends as personas (keyed by exercise id): each reply goes to the reply log, then into the
/// team's mailbox under the delivery rule, then closes the request it answers.
/// </summary>
public interface IPersonaMessagesGrain : IGrainWithStringKey
{
    Task<StoredReply> Reply(PersonaReply reply);

    Task<IReadOnlyList<StoredReply>> GetReplies(long afterSequence, int maxCount);

    /// <summary>Sends an ad-hoc inject as a persona to each of its teams' threads; logged in the exercise's event log with who sent it.</summary>
    Task<StoredAdHoc> Improvise(AdHocMessage message);

    Task<IReadOnlyList<StoredAdHoc>> GetAdHoc(long afterSequence, int maxCount);
}

/// <summary>A message a controller improvises as a persona to any set of teams: an ad-hoc inject.</summary>
[GenerateSerializer, Immutable]
public sealed record AdHocMessage
{
    /// <summary>Made by the desk when the message is composed, so a double submit is sent once.</summary>
    [Id(0)] public required string MessageId { get; init; }
    [Id(1)] public required string PersonaId { get; init; }
    [Id(2)] public required List<string> Teams { get; init; }

    /// <summary>Per language; a single entry is shown in every language. {team} and {persona} are filled in per team.</summary>
    [Id(3)] public required Dictionary<string, string> Text { get; init; }
    [Id(4)] public List<string> Attachments { get; init; } = [];
    [Id(5)] public required string Controller { get; init; }
}

/// <summary>An ad-hoc inject as stored in the exercise's append-only log of them.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredAdHoc
{
    [Id(0)] public required long Sequence { get; init; }

    /// <summary>"A1", "A2"…: the number it carries on the timeline, in the delivery matrix and in the after-action data.</summary>
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public required AdHocMessage Message { get; init; }
    [Id(3)] public required DateTimeOffset SentAt { get; init; }

    /// <summary>Each team's mailbox entry.</summary>
    [Id(4)] public required Dictionary<string, long> MailboxSequences { get; init; }
}
