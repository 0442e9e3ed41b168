using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.SitePlans;

namespace ScenarioEngine.Grains.Delivery;

[GenerateSerializer]
public sealed class MailboxState
{
    /// <summary>One entry per inject in this mailbox: bounded by the MSEL, not by the traffic.</summary>
    [Id(0)] public Dictionary<long, DeliveryProgress> Progress { get; set; } = [];

    /// <summary>
    /// The response-log sequence whose effects (progress, the exercise's response triggers) are
    /// applied. Behind the log's tail when a response was stored but its progress write failed;
    /// null in state written before this existed, when every stored response was applied.
    /// </summary>
    [Id(1)] public long? ResponsesApplied { get; set; }
}

public sealed partial class MailboxGrain(
    [PersistentState("mailbox", StorageNames.Grains)] IPersistentState<MailboxState> state,
    IAppendOnlyLog log,
    TimeProvider time,
    ILogger<MailboxGrain> logger) : Grain, IMailboxGrain
{
    public const int MaxPageSize = Paging.MaxPageSize;
    public const int MaxResponseLength = 8_000;
    public const int MaxResponseFields = 50;
    public const int MaxChoiceLength = 100;
    public const int MaxAttachments = 5;

    private RecipientAddress _address;

    // Looked up once: Orleans finds a grain interface's type by reflection on every GetGrain, which a
    // B3 profile at 2,000 responses/s showed as 6 % of the web node's CPU when done per response.
    private IWebNodeNotifierGrain _notifier = null!;
    private IExerciseGrain _exercise = null!;
    private long _lastSequence;
    private long _lastResponseSequence;

    private string EntryStream => $"{_address.GrainKey}|entries";
    private string ResponseStream => $"{_address.GrainKey}|responses";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _address = RecipientAddress.Parse(this.GetPrimaryKeyString());
        _notifier = GrainFactory.GetGrain<IWebNodeNotifierGrain>(0);
        _exercise = GrainFactory.GetGrain<IExerciseGrain>(_address.Exercise.Value);
        _lastSequence = await log.GetLastSequenceAsync(EntryStream, cancellationToken);
        _lastResponseSequence = await log.GetLastSequenceAsync(ResponseStream, cancellationToken);
        state.State.ResponsesApplied ??= _lastResponseSequence;
    }

    public async Task<long> Append(DeliveredMessage message)
    {
        using var activity = ScenarioEngineTelemetry.Source.StartActivity("mailbox.append");
        activity?.SetTag("scenarioengine.recipient", _address.GrainKey);
        activity?.SetTag("scenarioengine.inject", message.InjectNumber);

        // An inject reaches a mailbox once; replies and requests are many per thread, each once by its delivery id.
        var uniqueKey = message.Kind is MessageKind.Reply or MessageKind.Request ? message.DeliveryId : message.InjectNumber;
        var (stored, appended) = await AppendWithFreshCursor(
            EntryStream, () => _lastSequence, s => _lastSequence = s, uniqueKey,
            sequence => message with { Sequence = sequence });
        if (!appended)
        {
            return stored.Sequence;
        }

        // The push below is one-way and follows at once, so the entry is recorded as sent with it.
        var now = time.GetUtcNow();
        var progress = new DeliveryProgress
        {
            Sequence = stored.Sequence,
            InjectNumber = message.InjectNumber,
            QueuedAt = now,
            SentAt = now,
            TraceParent = activity?.Id,
        };
        state.State.Progress[stored.Sequence] = progress;
        await state.WriteStateAsync();
        ScenarioEngineTelemetry.DeliveryTransitions.Add(1, new KeyValuePair<string, object?>("state", "sent"));

        await _notifier.MessageAppended(_address, stored);
        await _notifier.ProgressChanged(new DeliveryProgressChanged(_address, progress));
        return stored.Sequence;
    }

    public async Task<SyncResult> ReadAfter(long afterSequence, int maxCount)
    {
        var pageSize = Math.Clamp(maxCount, 1, MaxPageSize);
        var records = await log.ReadAfterAsync(EntryStream, Math.Max(0, afterSequence), pageSize + 1);
        return new SyncResult
        {
            Messages = records.Take(pageSize).Select(r => LogJson.Deserialize<DeliveredMessage>(r.Payload)).ToList(),
            LastSequence = _lastSequence,
            HasMore = records.Count > pageSize,
        };
    }

    public async Task MarkDelivered(IReadOnlyList<long> sequences)
    {
        var now = time.GetUtcNow();
        var changed = new List<DeliveryProgress>();
        foreach (var sequence in sequences.Distinct())
        {
            var progress = await GetProgress(sequence);
            if (progress.DeliveredAt is null)
            {
                using var step = StartStep("delivery.received", progress);
                changed.Add(Record(progress with { DeliveredAt = now }, "delivered"));
                ScenarioEngineTelemetry.FireToDelivered.Record((now - progress.QueuedAt).TotalMilliseconds);
            }
        }

        await SaveAndAnnounce(changed);
    }

    public async Task MarkSeen(long sequence)
    {
        var progress = await GetProgress(sequence);
        if (progress.SeenAt is not null)
        {
            return;
        }

        using var step = StartStep("delivery.seen", progress);
        var now = time.GetUtcNow();
        await SaveAndAnnounce([Record(progress with { DeliveredAt = progress.DeliveredAt ?? now, SeenAt = now }, "seen")]);
    }

    public async Task Acknowledge(long sequence)
    {
        var progress = await GetProgress(sequence);
        if (progress.AcknowledgedAt is not null)
        {
            return;
        }

        using var step = StartStep("delivery.acknowledge", progress);
        var now = time.GetUtcNow();
        ScenarioEngineTelemetry.FireToAcknowledged.Record((now - progress.QueuedAt).TotalMilliseconds);
        await SaveAndAnnounce([Record(progress with { DeliveredAt = progress.DeliveredAt ?? now, SeenAt = progress.SeenAt ?? now, AcknowledgedAt = now }, "acknowledged")]);
    }

    public async Task<ResponseReceipt> Respond(ResponseSubmission submission, DeviceIdentity device)
    {
        var outcome = (await RespondAll([new DeviceResponse(submission, device)]))[0];
        return outcome.Receipt ?? throw new ArgumentException(outcome.Refusal);
    }

    public async Task<IReadOnlyList<ResponseOutcome>> RespondAll(IReadOnlyList<DeviceResponse> responses)
    {
        var outcomes = new ResponseOutcome[responses.Count];
        var accepted = new List<(int Index, StoredResponse Response)>(responses.Count);
        DeliveryProgress? first = null;
        var now = time.GetUtcNow();
        for (var i = 0; i < responses.Count; i++)
        {
            var (submission, device) = responses[i];
            try
            {
                ValidateResponse(submission);
                var progress = await GetProgress(submission.Sequence);
                first ??= progress;

                // An anonymous hotwash answer is stored without its device: what is never kept cannot leak
                // through an export, a controller's view or a backup. The team stays (it is this mailbox).
                var anonymous = progress.InjectNumber == Scenarios.HotwashDefinition.InjectNumber && await IsAnonymous(submission.Sequence);
                accepted.Add((i, new StoredResponse
                {
                    ResponseId = submission.ResponseId,
                    Sequence = submission.Sequence,
                    InjectNumber = progress.InjectNumber,
                    DeviceId = anonymous ? string.Empty : device.DeviceId,
                    DeviceName = anonymous ? string.Empty : device.DisplayName,
                    Text = submission.Text,
                    Choice = submission.Choice,
                    Fields = submission.Fields,
                    AttachmentIds = submission.AttachmentIds,
                    Location = anonymous ? null : submission.Location,
                    StoredAt = now,
                }));
            }
            catch (ArgumentException e)
            {
                outcomes[i] = new ResponseOutcome { Refusal = e.Message };
            }
        }

        if (accepted.Count == 0)
        {
            return outcomes;
        }

        using var step = StartStep("delivery.respond", first!);
        step?.SetTag("scenarioengine.responses", accepted.Count);
        var results = await AppendResponses(accepted.Select(a => new LogItem(a.Response.ResponseId, LogJson.Serialize(a.Response))).ToList());
        var appended = new List<(long Sequence, StoredResponse Response)>(accepted.Count);
        for (var k = 0; k < accepted.Count; k++)
        {
            var (index, response) = accepted[k];
            if (results[k].Appended)
            {
                ScenarioEngineTelemetry.ResponsesStored.Add(1);
                appended.Add((results[k].Sequence, response));
            }
            else
            {
                // The receipt of a retry is the first one's: same stored time, so the phone's record does not change.
                LogDuplicateResponse(logger, response.ResponseId, _address.GrainKey);
                response = LogJson.Deserialize<StoredResponse>((await log.ReadAfterAsync(ResponseStream, results[k].Sequence - 1, 1))[0].Payload);
            }

            outcomes[index] = new ResponseOutcome
            {
                Receipt = new ResponseReceipt { ResponseId = response.ResponseId, Sequence = response.Sequence, StoredAt = response.StoredAt, Duplicate = !results[k].Appended },
            };
        }

        // These responses' effects, and those of any stored before them whose progress write failed:
        // a retry of such a response is a duplicate in the log but must still end as responded.
        await ApplyStoredResponses(appended);
        return outcomes;
    }

    /// <summary>
    /// One log write for all of them, at the cursor + 1. If another writer moved the tail (a
    /// previous activation that died after appending), the cursor is re-read and the write tried once more.
    /// </summary>
    private async Task<IReadOnlyList<AppendResult>> AppendResponses(IReadOnlyList<LogItem> items)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var results = await log.AppendAllAsync(ResponseStream, _lastResponseSequence + 1, items);
                _lastResponseSequence = Math.Max(_lastResponseSequence, results.Where(r => r.Appended).Select(r => r.Sequence).DefaultIfEmpty(0).Max());
                return results;
            }
            catch (SequenceConflictException) when (attempt == 0)
            {
                _lastResponseSequence = await log.GetLastSequenceAsync(ResponseStream);
            }
        }
    }

    private async Task<bool> IsAnonymous(long sequence)
    {
        var records = await log.ReadAfterAsync(EntryStream, sequence - 1, 1);
        return records.Count == 1 && LogJson.Deserialize<DeliveredMessage>(records[0].Payload).Anonymous;
    }

    /// <summary>
    /// Applies the responses in the log past <see cref="MailboxState.ResponsesApplied"/>: progress
    /// to responded, then (one-way, after the write) the exercise's response triggers, which ignore
    /// an inject already triggered. A failed write leaves state as it was, so the next try redoes it.
    /// <paramref name="justAppended"/> are the responses this call stored, in sequence order: when they
    /// are exactly what is left to apply (the usual case), they are not read back from the log.
    /// </summary>
    private async Task ApplyStoredResponses(IReadOnlyList<(long Sequence, StoredResponse Response)>? justAppended = null)
    {
        while ((state.State.ResponsesApplied ?? 0) < _lastResponseSequence)
        {
            var applied = state.State.ResponsesApplied ?? 0;
            IReadOnlyList<(long Sequence, StoredResponse Response)> page;
            if (justAppended is { Count: > 0 } known && IsRunFrom(known, applied + 1) && known[^1].Sequence == _lastResponseSequence)
            {
                page = known;
            }
            else
            {
                var records = await log.ReadAfterAsync(ResponseStream, applied, MaxPageSize);
                if (records.Count == 0)
                {
                    return;
                }

                page = records.Select(r => (r.Sequence, LogJson.Deserialize<StoredResponse>(r.Payload))).ToList();
            }

            justAppended = null;
            var responses = page.Select(p => p.Response).ToList();
            var before = new Dictionary<long, DeliveryProgress?>();
            var changed = new Dictionary<long, DeliveryProgress>();
            foreach (var response in responses)
            {
                var progress = changed.GetValueOrDefault(response.Sequence) ?? await GetProgress(response.Sequence);
                before.TryAdd(response.Sequence, state.State.Progress.GetValueOrDefault(response.Sequence));
                changed[response.Sequence] = progress with
                {
                    DeliveredAt = progress.DeliveredAt ?? response.StoredAt,
                    SeenAt = progress.SeenAt ?? response.StoredAt,
                    AcknowledgedAt = progress.AcknowledgedAt ?? response.StoredAt,
                    RespondedAt = progress.RespondedAt ?? response.StoredAt,
                    ResponseCount = progress.ResponseCount + 1,
                };
            }

            foreach (var progress in changed.Values)
            {
                state.State.Progress[progress.Sequence] = progress;
            }

            state.State.ResponsesApplied = page[^1].Sequence;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.ResponsesApplied = applied;
                foreach (var (sequence, progress) in before)
                {
                    if (progress is null)
                    {
                        state.State.Progress.Remove(sequence);
                    }
                    else
                    {
                        state.State.Progress[sequence] = progress;
                    }
                }

                throw;
            }

            foreach (var progress in changed.Values)
            {
                ScenarioEngineTelemetry.DeliveryTransitions.Add(1, new KeyValuePair<string, object?>("state", "responded"));
                await _notifier.ProgressChanged(new DeliveryProgressChanged(_address, progress));
            }

            if (_address.Kind == RecipientKind.Team)
            {
                foreach (var response in responses)
                {
                    await _exercise.ResponseStored(new ResponseNotice
                    {
                        Recipient = _address,
                        InjectNumber = response.InjectNumber,
                        ResponseId = response.ResponseId,
                        Text = response.Text,
                        Fields = response.Fields,
                        Choice = response.Choice,
                    });
                }
            }
        }
    }

    public Task<IReadOnlyList<DeliveryProgress>> GetProgress() =>
        Task.FromResult<IReadOnlyList<DeliveryProgress>>(state.State.Progress.Values.OrderBy(p => p.Sequence).ToList());

    public async Task<IReadOnlyList<StoredResponse>> GetResponses(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(ResponseStream, afterSequence, Math.Clamp(maxCount, 1, MaxPageSize));
        return records.Select(r => LogJson.Deserialize<StoredResponse>(r.Payload)).ToList();
    }

    public async Task<ResponsePage> ReadResponses(long after, int maxCount, long? forSequence)
    {
        var count = Math.Clamp(maxCount, 1, MaxPageSize);
        after = Math.Max(after, 0);

        // One record past the page says whether more remain, without a second read.
        var records = await log.ReadAfterAsync(ResponseStream, after, count + 1);
        var page = records.Take(count).ToList();
        var responses = page.Select(r => LogJson.Deserialize<StoredResponse>(r.Payload))
            .Where(r => forSequence is not { } sequence || r.Sequence == sequence)
            .ToList();
        return new ResponsePage { Responses = responses, Next = page.Count > 0 ? page[^1].Sequence : after, HasMore = records.Count > count };
    }

    /// <summary>
    /// Appends at the cursor + 1. If another writer moved the tail (a previous activation that
    /// died after appending), the cursor is re-read from the stream and the append tried once more.
    /// Returns the record as stored: the new one, or the earlier one with the same unique key.
    /// </summary>
    private async Task<(T Stored, bool Appended)> AppendWithFreshCursor<T>(
        string stream, Func<long> cursor, Action<long> setCursor, string uniqueKey, Func<long, T> recordAt)
    {
        for (var attempt = 0; ; attempt++)
        {
            var sequence = cursor() + 1;
            var record = recordAt(sequence);
            try
            {
                var result = await log.AppendAsync(stream, sequence, uniqueKey, LogJson.Serialize(record));
                if (result.Appended)
                {
                    setCursor(sequence);
                    return (record, true);
                }

                var earlier = await log.ReadAfterAsync(stream, result.Sequence - 1, 1);
                return (LogJson.Deserialize<T>(earlier[0].Payload), false);
            }
            catch (SequenceConflictException) when (attempt == 0)
            {
                setCursor(await log.GetLastSequenceAsync(stream));
            }
        }
    }

    private async Task<DeliveryProgress> GetProgress(long sequence)
    {
        if (sequence < 1 || sequence > _lastSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"This mailbox has no message {sequence}.");
        }

        if (state.State.Progress.TryGetValue(sequence, out var progress))
        {
            return progress;
        }

        // The entry reached the log but the activation died before saving its progress: rebuild it from the entry.
        var entry = LogJson.Deserialize<DeliveredMessage>((await log.ReadAfterAsync(EntryStream, sequence - 1, 1))[0].Payload);
        return new DeliveryProgress { Sequence = sequence, InjectNumber = entry.InjectNumber, QueuedAt = entry.FiredAt };
    }

    private static bool IsRunFrom(IReadOnlyList<(long Sequence, StoredResponse Response)> responses, long first)
    {
        for (var i = 0; i < responses.Count; i++)
        {
            if (responses[i].Sequence != first + i)
            {
                return false;
            }
        }

        return true;
    }

    private Activity? StartStep(string name, DeliveryProgress progress)
    {
        var activity = ScenarioEngineTelemetry.Source.StartActivity(name, ActivityKind.Internal, progress.TraceParent);
        activity?.SetTag("scenarioengine.recipient", _address.GrainKey);
        activity?.SetTag("scenarioengine.inject", progress.InjectNumber);
        return activity;
    }

    private DeliveryProgress Record(DeliveryProgress progress, string stateName)
    {
        state.State.Progress[progress.Sequence] = progress;
        ScenarioEngineTelemetry.DeliveryTransitions.Add(1, new KeyValuePair<string, object?>("state", stateName));
        return progress;
    }

    private async Task SaveAndAnnounce(IReadOnlyList<DeliveryProgress> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        await state.WriteStateAsync();
        foreach (var progress in changed)
        {
            await _notifier.ProgressChanged(new DeliveryProgressChanged(_address, progress));
        }
    }

    private static void ValidateResponse(ResponseSubmission submission)
    {
        if (string.IsNullOrWhiteSpace(submission.ResponseId) || submission.ResponseId.Length > 100)
        {
            throw new ArgumentException("A response needs a client-made id of 1 to 100 characters.", nameof(submission));
        }

        if (submission.Text is { Length: > MaxResponseLength })
        {
            throw new ArgumentException($"A response's text may be at most {MaxResponseLength} characters.", nameof(submission));
        }

        if (submission.Fields is { } fields && (fields.Count > MaxResponseFields
            || fields.Any(f => string.IsNullOrWhiteSpace(f.Key) || f.Key.Length > 100 || f.Value is null || f.Value.Length > MaxResponseLength)))
        {
            throw new ArgumentException($"A response may have at most {MaxResponseFields} fields, each with an id of 1 to 100 characters and a value of at most {MaxResponseLength}.", nameof(submission));
        }

        if (submission.Choice is { Length: > MaxChoiceLength })
        {
            throw new ArgumentException($"A choice may be at most {MaxChoiceLength} characters.", nameof(submission));
        }

        if (submission.AttachmentIds is { } attachments && (attachments.Count > MaxAttachments || attachments.Any(a => !AttachmentIds.IsValid(a))))
        {
            throw new ArgumentException($"A response may carry at most {MaxAttachments} attachments, named by the ids they were uploaded under.", nameof(submission));
        }

        // Whether the exercise asks for location is the hub's check (it asks the exercise grain, which
        // may be waiting on this mailbox); the range is checked here too, where the record is made.
        GeoPoints.Require(submission.Location);

        if (string.IsNullOrWhiteSpace(submission.Text) && submission.Choice is null && submission.Fields is not { Count: > 0 } && submission.AttachmentIds is not { Count: > 0 })
        {
            throw new ArgumentException("A response needs text, a choice, fields or a photo.", nameof(submission));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Response {ResponseId} to {Recipient} was already stored; the retry changed nothing")]
    private static partial void LogDuplicateResponse(ILogger logger, string responseId, string recipient);
}
