using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;

namespace ScenarioEngine.Grains.SimCell;

/// <summary>Replies live in the append-only log; the grain keeps only its cursor.</summary>
public sealed partial class PersonaMessagesGrain(IAppendOnlyLog log, TimeProvider time) : Grain, IPersonaMessagesGrain
{
    public const int MaxTextLength = 8_000;

    private long _cursor;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    private string Stream => $"{Exercise.Value}|simcell|replies";

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);

    public async Task<StoredReply> Reply(PersonaReply reply)
    {
        var scenario = await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");
        var persona = scenario.FindPersona(reply.PersonaId) ?? throw new ArgumentException($"There is no persona '{reply.PersonaId}'.", nameof(reply));
        if (scenario.Teams.All(t => t.Id != reply.TeamId))
        {
            throw new ArgumentException($"There is no team '{reply.TeamId}'.", nameof(reply));
        }

        var (text, attachments) = Content(reply, persona, scenario);
        var queue = GrainFactory.GetGrain<ISimCellQueueGrain>(Exercise.Value);
        if (reply.RequestSequence is { } requestSequence && await queue.Claim(requestSequence, reply.Controller) is { Claimed: false, ClaimedBy: { } holder })
        {
            // The grain decides who answers: a second controller's reply is refused, not sent twice.
            throw new InvalidOperationException($"{holder} is answering this request.");
        }

        var threadId = Threads.Id(reply.TeamId, reply.PersonaId);
        var sequence = _cursor + 1;
        var now = time.GetUtcNow();
        var team = RecipientAddress.Team(Exercise, reply.TeamId);
        var message = MessageFor(scenario, persona, threadId, $"R{sequence}", $"{team.GrainKey}|reply|{reply.ReplyId}", text, attachments, now);

        // The mailbox first: its append is idempotent by delivery id, and the log's by reply id,
        // so a repeated submit (or a retry after a crash between the two) delivers once and is recorded once.
        var mailboxSequence = await GrainFactory.GetGrain<IMailboxGrain>(team.GrainKey).Append(message);
        var stored = new StoredReply { Sequence = sequence, Reply = reply, ThreadId = threadId, Text = text, SentAt = now, MailboxSequence = mailboxSequence };
        var result = await AppendAtTail(stored);
        if (!result.Appended)
        {
            return LogJson.Deserialize<StoredReply>((await log.ReadAfterAsync(Stream, result.Sequence - 1, 1))[0].Payload);
        }

        if (reply.RequestSequence is { } answered)
        {
            await queue.Answered(answered);
        }

        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).RecordMessageSent(
            ExerciseEvents.ReplySent, message.InjectNumber, reply.Controller, $"{persona.Id} → {reply.TeamId}");
        return stored;
    }

    public async Task<IReadOnlyList<StoredReply>> GetReplies(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(Stream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<StoredReply>(r.Payload)).ToList();
    }

    /// <summary>A mailbox entry in a team's thread with the persona: built only from what the team may see.</summary>
    private static DeliveredMessage MessageFor(
        ScenarioDefinition scenario, PersonaDefinition persona, string threadId, string number, string deliveryId,
        Dictionary<string, string> text, IEnumerable<string> attachments, DateTimeOffset now) => new()
        {
            Sequence = 0,
            DeliveryId = deliveryId,
            InjectNumber = number,
            Kind = MessageKind.Reply,
            From = persona.Name,
            Persona = PersonaRef.Of(persona),
            ThreadId = threadId,
            Method = DeliveryMethod.Email,
            Subject = persona.Name,
            Message = text,
            FiredAt = now,
            ResponseRequested = false,
            Attachments = attachments
                .Select(id => scenario.Attachments.Find(a => a.Id == id))
                .OfType<AttachmentDefinition>()
                .Select(a => new AttachmentRef { Id = a.Id, FileName = a.FileName, ContentType = a.ContentType, Size = a.Size, Title = a.Title })
                .ToList(),
            ClassificationLine = ClassificationLines.Of(scenario),
        };

    private static (Dictionary<string, string> Text, List<string> Attachments) Content(PersonaReply reply, PersonaDefinition persona, ScenarioDefinition scenario)
    {
        if (string.IsNullOrWhiteSpace(reply.ReplyId) || reply.ReplyId.Length > 100)
        {
            throw new ArgumentException("A reply needs an id of 1 to 100 characters.", nameof(reply));
        }

        var canned = reply.CannedReplyId is null ? null
            : persona.CannedReplies.Find(r => r.Id == reply.CannedReplyId) ?? throw new ArgumentException($"Persona '{persona.Id}' has no canned reply '{reply.CannedReplyId}'.", nameof(reply));
        var template = canned?.Text ?? Everywhere(reply.Text, scenario.Languages);
        if (template.Count == 0 || template.Values.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTextLength))
        {
            throw new ArgumentException($"A reply needs a canned reply or text of 1 to {MaxTextLength} characters.", nameof(reply));
        }

        var attachments = (canned?.Attachments ?? []).Concat(reply.Attachments).Distinct(StringComparer.Ordinal).ToList();
        if (attachments.Any(a => scenario.Attachments.All(x => x.Id != a)))
        {
            throw new ArgumentException("A reply may attach only the scenario's documents.", nameof(reply));
        }

        return (ReplyText.Fill(template, scenario, reply.TeamId, persona.Id), attachments);
    }

    /// <summary>Free text typed once is shown in every language rather than missing in some.</summary>
    private static Dictionary<string, string> Everywhere(Dictionary<string, string> text, List<string> languages) =>
        text.Count == 1 ? languages.ToDictionary(l => l, _ => text.Values.Single()) : text;

    private async Task<AppendResult> AppendAtTail(StoredReply stored)
    {
        try
        {
            var result = await log.AppendAsync(Stream, stored.Sequence, stored.Reply.ReplyId, LogJson.Serialize(stored));
            _cursor = result.Appended ? stored.Sequence : _cursor;
            return result;
        }
        catch (SequenceConflictException)
        {
            // A previous activation appended after this one read the tail: once more at the real tail.
            _cursor = await log.GetLastSequenceAsync(Stream);
            return await AppendAtTail(stored with { Sequence = _cursor + 1 });
        }
    }
}
