using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Delivery;

public enum MessageKind
{
    Inject,
    CueCard,

    /// <summary>A persona's reply in a team's thread, or an ad-hoc message as a persona; carries <see cref="DeliveredMessage.ThreadId"/>.</summary>
    Reply,

    /// <summary>
    /// A player's request to a persona, as a mailbox entry of the writer's team so every phone of
    /// the team shows it in the thread; carries <see cref="DeliveredMessage.ThreadId"/> and <see cref="DeliveredMessage.RequestId"/>.
    /// </summary>
    Request,

    /// <summary>An article of the simulated news feed: a team's copy of an inject whose method is <see cref="DeliveryMethod.MediaReport"/> or <see cref="DeliveryMethod.Social"/>.</summary>
    Article,

    /// <summary>The feedback form after ENDEX (the scenario's hotwash), answered like a response form.</summary>
    Hotwash,

    /// <summary>An evidence prop a team found by scanning its label: the item's name, its site as the sender, its text and attachments. One per item and team.</summary>
    Evidence,
    /// <summary>To the author team only: a controller did not approve its statement; <see cref="DeliveredMessage.Message"/> says why, <see cref="DeliveredMessage.Subject"/> quotes the statement.</summary>
    StatementRejected,
}

/// <summary>
/// What a device receives: one mailbox entry. It is built only from fields a recipient may see,
/// so controller notes, expected actions and objectives cannot leak through it by construction.
/// </summary>
[GenerateSerializer, Immutable]
public sealed partial record DeliveredMessage
{
    /// <summary>Position in the recipient's mailbox, from 1, without gaps.</summary>
    [Id(0)] public required long Sequence { get; init; }

    /// <summary>Stable across re-sends: a device de-duplicates by it.</summary>
    [Id(1)] public required string DeliveryId { get; init; }

    [Id(2)] public required string InjectNumber { get; init; }
    [Id(3)] public required MessageKind Kind { get; init; }
    [Id(4)] public required Dictionary<string, string> From { get; init; }
    [Id(5)] public required DeliveryMethod Method { get; init; }
    [Id(6)] public required Dictionary<string, string> Subject { get; init; }
    [Id(7)] public required Dictionary<string, string> Message { get; init; }
    [Id(8)] public required DateTimeOffset FiredAt { get; init; }
    [Id(9)] public required bool ResponseRequested { get; init; }

    /// <summary>What to fill in when responding; null means free text only.</summary>
    [Id(10)] public ResponseForm? ResponseForm { get; init; }

    /// <summary>Scenario time after <see cref="FiredAt"/> by which a response is expected.</summary>
    [Id(11)] public TimeSpan? RespondWithin { get; init; }

    /// <summary>Files sent with the message; a device fetches each from /api/devices/messages/{sequence}/attachments/{id}.</summary>
    [Id(12)] public List<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>Only on an actor's cue card: what the actor may reveal, and when.</summary>
    [Id(13)] public List<DisclosureGate> Disclosures { get; init; } = [];

    /// <summary>Only on the hotwash: its answers are stored without who gave them, so the phone says so.</summary>
    [Id(14)] public bool Anonymous { get; init; }
}

/// <summary>An attachment as a device sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record AttachmentRef
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string FileName { get; init; }
    [Id(2)] public required string ContentType { get; init; }
    [Id(3)] public required long Size { get; init; }
    [Id(4)] public Dictionary<string, string> Title { get; init; } = [];
}

/// <summary>The answer to a device's "I hold everything up to N; what else is there?".</summary>
[GenerateSerializer, Immutable]
public sealed record SyncResult
{
    [Id(0)] public required IReadOnlyList<DeliveredMessage> Messages { get; init; }
    [Id(1)] public required long LastSequence { get; init; }

    /// <summary>True when more entries remain after <see cref="Messages"/>: the device asks again.</summary>
    [Id(2)] public required bool HasMore { get; init; }
}

/// <summary>A participant's answer to an inject. <see cref="ResponseId"/> is made by the device and makes retries safe.</summary>
[GenerateSerializer, Immutable]
public sealed record ResponseSubmission
{
    [Id(0)] public required string ResponseId { get; init; }
    [Id(1)] public required long Sequence { get; init; }
    [Id(2)] public string? Text { get; init; }

    /// <summary>Answers to the inject's response form, by field id (a choice field holds the choice id).</summary>
    [Id(3)] public Dictionary<string, string>? Fields { get; init; }

    /// <summary>Photos uploaded beforehand through PUT /api/devices/attachments/{id}.</summary>
    [Id(4)] public List<string>? AttachmentIds { get; init; }

    /// <summary>
    /// The chosen option's id, for a device that does not name the field: it answers the form's
    /// first choice field unless <see cref="Fields"/> already does.
    /// </summary>
    [Id(5)] public string? Choice { get; init; }

    /// <summary>
    /// Where the phone was when its user tapped send, only when the exercise asks for it and the
    /// user agreed; an exercise that does not ask stores none, whatever the phone sends.
    /// </summary>
    [Id(6)] public Evaluation.GeoPoint? Location { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ResponseReceipt
{
    [Id(0)] public required string ResponseId { get; init; }
    [Id(1)] public required long Sequence { get; init; }
    [Id(2)] public required DateTimeOffset StoredAt { get; init; }

    /// <summary>True when this id had been stored before: the retry changed nothing.</summary>
    [Id(3)] public required bool Duplicate { get; init; }
}

/// <summary>A response as stored in the recipient's append-only response stream.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredResponse
{
    [Id(0)] public required string ResponseId { get; init; }
    [Id(1)] public required long Sequence { get; init; }
    [Id(2)] public required string InjectNumber { get; init; }
    [Id(3)] public required string DeviceId { get; init; }
    [Id(4)] public required string DeviceName { get; init; }
    [Id(5)] public string? Text { get; init; }
    [Id(6)] public required DateTimeOffset StoredAt { get; init; }
    [Id(7)] public Dictionary<string, string>? Fields { get; init; }
    [Id(8)] public List<string>? AttachmentIds { get; init; }
    [Id(9)] public string? Choice { get; init; }

    /// <summary>Where it was sent from (see <see cref="ResponseSubmission.Location"/>); null when not shared.</summary>
    [Id(10)] public Evaluation.GeoPoint? Location { get; init; }
}

/// <summary>
/// One page of a team's response log, read in the order the responses were stored. Positions in
/// the log are not response or message numbers: pass <see cref="Next"/> back as the cursor.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResponsePage
{
    /// <summary>The responses of this page (those to the asked message only, when one was named).</summary>
    [Id(0)] public required IReadOnlyList<StoredResponse> Responses { get; init; }

    /// <summary>The log position this page read up to: the cursor for the next page.</summary>
    [Id(1)] public required long Next { get; init; }

    /// <summary>True when the log holds more after <see cref="Next"/>: ask again from there.</summary>
    [Id(2)] public required bool HasMore { get; init; }
}

/// <summary>Who sent something to a mailbox grain, taken from the device's token.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceIdentity([property: Id(0)] string DeviceId, [property: Id(1)] string DisplayName);
