using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Exercises;

// What the exercise records in its append-only streams (events, disclosures, attachment bytes)
// and what it shows a controller.
public sealed partial class ExerciseGrain
{
    private const int MaxDisclosureNoteLength = 2_000;

    public async Task<IReadOnlyList<RecipientDeliveries>> GetDeliveries()
    {
        var recipients = Scenario.Teams.Select(t => RecipientAddress.Team(Id, t.Id))
            .Concat(Scenario.Actors.Select(a => RecipientAddress.Actor(Id, a.Id)));
        var progress = await Task.WhenAll(recipients.Select(async r =>
            new RecipientDeliveries(r, await GrainFactory.GetGrain<IMailboxGrain>(r.GrainKey).GetProgress())));
        return progress;
    }

    public async Task<IReadOnlyList<ExerciseEvent>> GetEvents(long afterSequence, int maxCount)
    {
        _ = Scenario;
        var records = await log.ReadAfterAsync(EventStream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<ExerciseEvent>(r.Payload)).ToList();
    }

    public async Task<EventTail> GetLatestEvents(int maxCount)
    {
        _ = Scenario;
        // Sequences run 1.._eventCursor without gaps (AppendEvent), so the tail starts at a known
        // place and nothing before it is read.
        var earlier = Math.Max(0, _eventCursor - Math.Max(0, maxCount));
        var events = new List<ExerciseEvent>((int)(_eventCursor - earlier));
        for (var after = earlier; after < _eventCursor;)
        {
            var page = await log.ReadAfterAsync(EventStream, after, (int)Math.Min(Paging.MaxPageSize, _eventCursor - after));
            if (page.Count == 0)
            {
                break;
            }

            events.AddRange(page.Select(r => LogJson.Deserialize<ExerciseEvent>(r.Payload)));
            after = page[^1].Sequence;
        }

        return new EventTail { Events = events, Earlier = earlier };
    }

    public async Task<DisclosureRecord> RecordDisclosure(string actorId, DisclosureReport report, string deviceName)
    {
        if (Scenario.Actors.All(a => a.Id != actorId))
        {
            throw new KeyNotFoundException($"Exercise '{Id}' has no actor '{actorId}'.");
        }

        if (Scenario.Teams.All(t => t.Id != report.TeamId))
        {
            throw new ArgumentException($"There is no team '{report.TeamId}'.", nameof(report));
        }

        if (report.Note is { Length: > MaxDisclosureNoteLength })
        {
            throw new ArgumentException($"A disclosure note may be at most {MaxDisclosureNoteLength} characters.", nameof(report));
        }

        if (report.DisclosureId is { } id && (string.IsNullOrWhiteSpace(id) || id.Length > 100))
        {
            throw new ArgumentException("A disclosure id, when given, has 1 to 100 characters.", nameof(report));
        }

        // The gate must be on a cue card this actor actually holds: the mailbox entry is the proof.
        var page = await GrainFactory.GetGrain<IMailboxGrain>(RecipientAddress.Actor(Id, actorId).GrainKey).ReadAfter(report.Sequence - 1, 1);
        var card = page.Messages.FirstOrDefault(m => m.Sequence == report.Sequence)
            ?? throw new ArgumentException($"This actor has no message {report.Sequence}.", nameof(report));
        var gate = card.Disclosures.Find(g => g.Id == report.GateId)
            ?? throw new ArgumentException($"Cue card {card.InjectNumber} has no disclosure '{report.GateId}'.", nameof(report));

        var now = time.GetUtcNow();
        var record = new DisclosureRecord
        {
            ActorId = actorId,
            InjectNumber = card.InjectNumber,
            GateId = gate.Id,
            TeamId = report.TeamId,
            Note = report.Note,
            At = now,
            ScenarioTime = Clock.ScenarioTimeAt(now),
            GateOpen = gate.AfterInject is null || StatusOf(gate.AfterInject) == InjectStatus.Fired,
            DeviceName = deviceName,
            DisclosureId = report.DisclosureId,
        };

        // Scoped to the actor, so one actor's id can never hide another's report.
        var uniqueKey = report.DisclosureId is { } disclosureId ? $"{actorId}|{disclosureId}" : null;
        var appended = await log.AppendAsync(DisclosureStream, _disclosureCursor + 1, uniqueKey, LogJson.Serialize(record));
        if (!appended.Appended)
        {
            var earlier = await log.ReadAfterAsync(DisclosureStream, appended.Sequence - 1, 1);
            return LogJson.Deserialize<DisclosureRecord>(earlier[0].Payload);
        }

        _disclosureCursor++;
        await AppendEvent(ExerciseEvents.Disclosure, card.InjectNumber, $"{actorId}: {gate.Id} → {report.TeamId}");
        await NotifyChanged();
        return record;
    }

    public async Task<IReadOnlyList<DisclosureRecord>> GetDisclosures()
    {
        _ = Scenario;
        var records = await Paging.ReadAllToListAsync<LogRecord>(
            async (after, count) => await log.ReadAfterAsync(DisclosureStream, after, count), Paging.MaxPageSize);
        return records.Select(r => LogJson.Deserialize<DisclosureRecord>(r.Payload)).ToList();
    }

    public async Task<AttachmentContent?> GetAttachment(string attachmentId)
    {
        if (Scenario.Attachments.Find(a => a.Id == attachmentId) is not { } attachment)
        {
            return null;
        }

        var records = await log.ReadAfterAsync(AttachmentStream(attachmentId), 0, 1);
        return records.Count == 0 ? null : new AttachmentContent { Attachment = attachment, Content = LogJson.Deserialize<byte[]>(records[0].Payload) };
    }

    public async Task RecordAction(string kind, string by, string? detail)
    {
        _ = Scenario;
        if (!ExerciseEvents.RecordedFromOutside.Contains(kind))
        {
            throw new ArgumentException($"'{kind}' is not an action recorded from outside the exercise.", nameof(kind));
        }

        await AppendEvent(kind, detail: detail, by: by);
        await NotifyChanged();
    }

    public async Task RecordMessageSent(string kind, string messageNumber, string by, string? detail)
    {
        _ = Scenario;
        if (kind is not (ExerciseEvents.ReplySent or ExerciseEvents.AdHocInjectSent or ExerciseEvents.StatementSubmitted or ExerciseEvents.StatementApproved or ExerciseEvents.StatementRejected))
        {
            throw new ArgumentException($"'{kind}' is not a message the SimCell sends.", nameof(kind));
        }

        await AppendEvent(kind, messageNumber, detail, by);
        await NotifyChanged();
    }

    private async Task AppendEvent(string kind, string? injectNumber = null, string? detail = null, string? by = null)
    {
        var now = time.GetUtcNow();
        var entry = new ExerciseEvent
        {
            Sequence = _eventCursor + 1,
            At = now,
            ScenarioTime = Clock.ScenarioTimeAt(now),
            Kind = kind,
            InjectNumber = injectNumber,
            Detail = detail,
            By = by,
        };
        await log.AppendAsync(EventStream, entry.Sequence, uniqueKey: null, LogJson.Serialize(entry));
        _eventCursor = entry.Sequence;
    }

    private ExerciseSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        return new ExerciseSnapshot
        {
            ExerciseId = Id.Value,
            Title = Scenario.Title,
            Status = Clock.Status,
            ScenarioTime = Clock.ScenarioTimeAt(now),
            Speed = Clock.Speed,
            Injects = Scenario.Injects.Select(i =>
            {
                var progress = Progress(i.Number);
                return new InjectView
                {
                    Number = i.Number,
                    Subject = i.Subject,
                    At = i.At,
                    Status = progress.Status,
                    FiredAt = progress.FiredAt,
                    Recipients = InjectAudience.Recipients(Id, Scenario, i).Select(r => r.GrainKey).ToList(),
                    ControllerNotes = i.ControllerNotes,
                    ExpectedAction = i.ExpectedAction,
                    Trigger = i.Trigger,
                    Contingency = i.Contingency,
                    Enabled = i.Enabled,
                    DueAt = InjectSchedule.DueAt(i, state.State.Injects),
                    FiredBy = progress.FiredBy,
                    Objectives = i.Objectives,
                    RetimedTo = progress.RetimedTo,
                };
            }).ToList(),
            JoinCodes = state.State.JoinCodes,
            AsOf = now,
            Sites = Scenario.Sites.Select(s => new SiteStateView
            {
                Id = s.Id,
                Name = s.Name,
                State = state.State.SiteStates.GetValueOrDefault(s.Id),
                States = s.States,
            }).ToList(),
            OnBreak = Clock.OnBreak,
        };
    }
}
