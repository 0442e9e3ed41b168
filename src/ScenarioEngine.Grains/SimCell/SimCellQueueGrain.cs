using Microsoft.Extensions.Logging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;

namespace ScenarioEngine.Grains.SimCell;

[GenerateSerializer]
public sealed class SimCellQueueState
{
    /// <summary>Only the unanswered requests: bounded by the desk's backlog, not by the week's traffic.</summary>
    [Id(0)] public Dictionary<long, OpenRequest> Open { get; set; } = [];
}

public sealed partial class SimCellQueueGrain(
    [PersistentState("simcell-queue", StorageNames.Grains)] IPersistentState<SimCellQueueState> state,
    IAppendOnlyLog log,
    IAttachmentStore attachments,
    TimeProvider time,
    ILogger<SimCellQueueGrain> logger) : Grain, ISimCellQueueGrain
{
    public const int MaxTextLength = 4_000;
    public const int MaxAttachments = 5;

    private long _cursor;
    private ScenarioDefinition? _scenario;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    private string Stream => $"{Exercise.Value}|simcell|requests";

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);

    public async Task<RequestReceipt> Request(string teamId, PersonaRequest request, DeviceIdentity device)
    {
        var scenario = await Scenario();
        Validate(request, scenario);
        var threadId = Threads.Id(teamId, request.PersonaId);
        var stored = new StoredRequest
        {
            Sequence = 0,
            RequestId = request.RequestId,
            TeamId = teamId,
            PersonaId = request.PersonaId,
            ThreadId = threadId,
            Text = request.Text,
            AttachmentIds = request.AttachmentIds ?? [],
            DeviceId = device.DeviceId,
            DeviceName = device.DisplayName,
            StoredAt = time.GetUtcNow(),
        };

        var (record, appended) = await AppendOnce(stored, $"{teamId}|{request.RequestId}");

        // Also on a duplicate: the mailbox append is idempotent by delivery id, and a crash between
        // the log and the mailbox is healed by the phone's retry.
        await GrainFactory.GetGrain<IMailboxGrain>(RecipientAddress.Team(Exercise, teamId).GrainKey).Append(MailboxEntry(record, scenario, await Photos(record)));
        if (!appended)
        {
            LogDuplicateRequest(logger, request.RequestId, teamId);
            return new RequestReceipt { RequestId = record.RequestId, ThreadId = record.ThreadId, StoredAt = record.StoredAt, Duplicate = true };
        }

        state.State.Open[record.Sequence] = new OpenRequest { Request = record };
        await state.WriteStateAsync();
        await Changed();
        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).RequestStored(
            new RequestNotice { TeamId = teamId, PersonaId = record.PersonaId, RequestId = record.RequestId, Text = record.Text });
        return new RequestReceipt { RequestId = record.RequestId, ThreadId = threadId, StoredAt = record.StoredAt, Duplicate = false };
    }

    public Task<IReadOnlyList<OpenRequest>> GetOpen() =>
        Task.FromResult<IReadOnlyList<OpenRequest>>(state.State.Open.Values.OrderBy(o => o.Request.Sequence).ToList());

    public async Task<ClaimResult> Claim(long sequence, string controller)
    {
        if (string.IsNullOrWhiteSpace(controller))
        {
            throw new ArgumentException("A claim needs the controller's name.", nameof(controller));
        }

        if (!state.State.Open.TryGetValue(sequence, out var open))
        {
            return new ClaimResult { Claimed = false, ClaimedBy = null };
        }

        if (open.ClaimedBy is { } holder)
        {
            return new ClaimResult { Claimed = holder == controller, ClaimedBy = holder };
        }

        state.State.Open[sequence] = open with { ClaimedBy = controller, ClaimedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await Changed();
        return new ClaimResult { Claimed = true, ClaimedBy = controller };
    }

    public async Task Unclaim(long sequence, string controller)
    {
        if (state.State.Open.TryGetValue(sequence, out var open) && open.ClaimedBy == controller)
        {
            state.State.Open[sequence] = open with { ClaimedBy = null, ClaimedAt = null };
            await state.WriteStateAsync();
            await Changed();
        }
    }

    public async Task Answered(long sequence)
    {
        if (state.State.Open.Remove(sequence))
        {
            await state.WriteStateAsync();
            await Changed();
        }
    }

    public async Task<IReadOnlyList<StoredRequest>> GetRequests(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(Stream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<StoredRequest>(r.Payload)).ToList();
    }

    /// <summary>
    /// The request as the team's mailbox holds it, so every phone of the team shows it in the thread
    /// (the delivery rule: a device learns only through its mailbox). It names the request id, so the
    /// phone that sent it shows it once.
    /// </summary>
    /// <summary>
    /// The photos the player sent, as the entry's attachments: the team's other phones see them in
    /// the thread and fetch them like any attachment of a message they hold.
    /// </summary>
    private async Task<List<AttachmentRef>> Photos(StoredRequest record)
    {
        var photos = new List<AttachmentRef>(record.AttachmentIds.Count);
        foreach (var attachmentId in record.AttachmentIds)
        {
            if (await attachments.GetAsync(Exercise, attachmentId) is { } stored)
            {
                photos.Add(new AttachmentRef { Id = attachmentId, FileName = attachmentId, ContentType = stored.ContentType, Size = stored.Content.Length });
            }
        }

        return photos;
    }

    private DeliveredMessage MailboxEntry(StoredRequest record, ScenarioDefinition scenario, List<AttachmentRef> photos)
    {
        var persona = scenario.FindPersona(record.PersonaId)!;
        var text = scenario.Languages.ToDictionary(l => l, _ => record.Text);
        var writer = string.IsNullOrWhiteSpace(record.DeviceName) ? scenario.Teams.Find(t => t.Id == record.TeamId)?.Name ?? [] : scenario.Languages.ToDictionary(l => l, _ => record.DeviceName);
        return new DeliveredMessage
        {
            Sequence = 0,
            DeliveryId = $"{RecipientAddress.Team(Exercise, record.TeamId).GrainKey}|request|{record.RequestId}",
            InjectNumber = $"Q{record.Sequence}",
            Kind = MessageKind.Request,
            From = writer,
            Persona = PersonaRef.Of(persona),
            ThreadId = record.ThreadId,
            RequestId = record.RequestId,
            Method = DeliveryMethod.Email,
            Subject = persona.Name,
            Message = text,
            Attachments = photos,
            FiredAt = record.StoredAt,
            ResponseRequested = false,
            ClassificationLine = ClassificationLines.Of(scenario),
        };
    }

    private async Task<(StoredRequest Record, bool Appended)> AppendOnce(StoredRequest request, string uniqueKey)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = request with { Sequence = _cursor + 1 };
            try
            {
                var result = await log.AppendAsync(Stream, record.Sequence, uniqueKey, LogJson.Serialize(record));
                if (result.Appended)
                {
                    _cursor = record.Sequence;
                    return (record, true);
                }

                var earlier = await log.ReadAfterAsync(Stream, result.Sequence - 1, 1);
                return (LogJson.Deserialize<StoredRequest>(earlier[0].Payload), false);
            }
            catch (SequenceConflictException) when (attempt == 0)
            {
                // A previous activation appended after this one read the tail.
                _cursor = await log.GetLastSequenceAsync(Stream);
            }
        }
    }

    private async Task<ScenarioDefinition> Scenario() =>
        _scenario ??= await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");

    private Task Changed() => GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(Exercise);

    private static void Validate(PersonaRequest request, ScenarioDefinition scenario)
    {
        if (string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > 100)
        {
            throw new ArgumentException("A request needs a client-made id of 1 to 100 characters.", nameof(request));
        }

        if (scenario.FindPersona(request.PersonaId) is null)
        {
            throw new ArgumentException($"There is no persona '{request.PersonaId}' to write to.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxTextLength)
        {
            throw new ArgumentException($"A request needs text of 1 to {MaxTextLength} characters.", nameof(request));
        }

        if (request.AttachmentIds is { } attachments && (attachments.Count > MaxAttachments || attachments.Any(a => !AttachmentIds.IsValid(a))))
        {
            throw new ArgumentException($"A request may carry at most {MaxAttachments} attachments, named by the ids they were uploaded under.", nameof(request));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} from team {TeamId} was already stored; the retry changed nothing")]
    private static partial void LogDuplicateRequest(ILogger logger, string requestId, string teamId);
}
