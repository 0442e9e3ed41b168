using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Media;
using ScenarioEngine.SimCell;
using ScenarioEngine.SitePlans;
using ScenarioEngine.Web.Actors;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Delivery;
using ScenarioEngine.Web.Evaluators;

namespace ScenarioEngine.Web.Hubs;

/// <summary>What the server calls on a phone. The method names are the wire contract (docs/device-protocol.md).</summary>
public interface IDeviceClient
{
    Task Deliver(DeliveredMessage message);

    Task Signal(SafetySignal signal);

    Task SignalCleared(string signalId);

    Task Revoked();

    /// <summary>Pushes may have been lost (the server side restarted): sync now.</summary>
    Task Resync();
}

/// <summary>
/// The phones' hub. A connection joins its mailbox's group and its exercise's group from its token
/// alone; every call acts on that mailbox and nothing else, so a device can never name another
/// recipient.
/// </summary>
[Authorize(Policy = AuthPolicies.Device)]
public sealed class DeviceHub(IGrainFactory grains, DeviceGrains deviceGrains, DeviceConnections connections, IAttachmentStore attachments, DeliveredSequences delivered, ResponseBatches responses, DeviceRateLimitHubFilter budget, EvaluatorObservations evaluation) : Hub<IDeviceClient>
{
    public const string Path = "/hubs/device";
    public const int MaxSequencesPerCall = 500;
    public const int MaxSignalsPerCall = 50;

    public static string MailboxGroup(RecipientAddress recipient) => $"mailbox:{recipient.GrainKey}";

    public static string ExerciseGroup(ExerciseId exercise) => $"exercise-devices:{exercise.Value}";

    public override async Task OnConnectedAsync()
    {
        var device = Device;
        if (!await Roster.Connected(device.Recipient, device.Identity, Context.ConnectionId))
        {
            throw new HubException(RevocationHubFilter.RevokedMessage);
        }

        connections.Add(device.DeviceId, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, MailboxGroup(device.Recipient));
        await Groups.AddToGroupAsync(Context.ConnectionId, ExerciseGroup(device.Recipient.Exercise));
        ScenarioEngineTelemetry.DevicesConnected.Add(1);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var device = Device;
        if (connections.Remove(device.DeviceId, Context))
        {
            ScenarioEngineTelemetry.DevicesConnected.Add(-1);
            await Roster.Disconnected(device.DeviceId, Context.ConnectionId);
        }
    }

    public Task<SyncResult> Sync(long afterSequence, int maxCount) =>
        Mailbox.ReadAfter(afterSequence, maxCount);

    /// <summary>
    /// The phone's self-healing call (on connect, on <c>Resync</c>, on an idle timer, when the page
    /// becomes visible): the signals in force and the mailbox page after what it holds, in one
    /// round trip, so a lost push of either is repaired without a reconnect.
    /// </summary>
    public async Task<ReconcileResult> Reconcile(long afterSequence, int maxCount)
    {
        var signals = Signals.GetSignals(Device.DeviceId);
        var mailbox = Mailbox.ReadAfter(afterSequence, maxCount);
        return new ReconcileResult { Signals = await signals, Mailbox = await mailbox };
    }

    /// <summary>The device confirms it holds these signals (pushed or reconciled): the control room sees them delivered.</summary>
    public Task SignalsReceived(string[] signalIds)
    {
        if (signalIds is null || signalIds.Length > MaxSignalsPerCall)
        {
            throw new HubException($"Send 1 to {MaxSignalsPerCall} signal ids per call.");
        }

        return Signals.SignalsReceived(Device.DeviceId, signalIds);
    }

    public Task Received(long[] sequences)
    {
        if (sequences is null || sequences.Length > MaxSequencesPerCall)
        {
            throw new HubException($"Send 1 to {MaxSequencesPerCall} sequences per call.");
        }

        var device = Device;
        return delivered.MarkDeliveredAsync(Mailbox, device.Recipient.GrainKey, sequences);
    }

    public Task Seen(long sequence) => Mailbox.MarkSeen(sequence);

    public Task Acknowledge(long sequence) => Mailbox.Acknowledge(sequence);

    public async Task<ResponseReceipt> Respond(ResponseSubmission submission)
    {
        RefuseEvaluator("Evaluators observe; they do not respond to injects.");
        if (submission is null)
        {
            throw new HubException("A response is required.");
        }

        await RequireUploaded(submission.AttachmentIds);
        var device = Device;
        return await responses.RespondAsync(Mailbox, device.Recipient.GrainKey, submission with { Location = await SharedLocation(submission.Location) }, device.Identity);
    }

    /// <summary>
    /// A location out of range refuses the whole call (a phone of ours never sends one); a valid one
    /// is kept only from a team's phone when the exercise asks for it, else dropped so nothing of it is stored.
    /// </summary>
    private async Task<GeoPoint?> SharedLocation(GeoPoint? location)
    {
        if (location is null)
        {
            return null;
        }

        GeoPoints.Require(location);
        return Device.Recipient.Kind == RecipientKind.Team && await grains.GetGrain<IExerciseGrain>(Device.Recipient.Exercise.Value).AsksForLocation() ? location : null;
    }

    private async Task RequireUploaded(List<string>? attachmentIds, bool byThisDevice = false)
    {
        foreach (var attachmentId in attachmentIds ?? [])
        {
            if (!AttachmentIds.IsValid(attachmentId) || await attachments.GetAsync(Device.Recipient.Exercise, attachmentId) is not { } stored
                || (byThisDevice && stored.DeviceId != Device.DeviceId))
            {
                throw new HubException($"Attachment '{attachmentId}' has not been uploaded from this phone; upload it first, then send.");
            }
        }
    }

    /// <summary>A player writes to a persona. Stored once per request id, then the receipt: the phone's outbox keeps it until then.</summary>
    public async Task<RequestReceipt> Request(PersonaRequest request)
    {
        var device = Device;
        if (device.Recipient.Kind != RecipientKind.Team)
        {
            throw new HubException("Only team devices write to personas.");
        }

        if (request is null)
        {
            throw new HubException("A request is required.");
        }

        // The request's photos go to the team's other phones, so they must be this phone's own uploads.
        await RequireUploaded(request.AttachmentIds, byThisDevice: true);
        return await grains.GetGrain<ISimCellQueueGrain>(device.Recipient.Exercise.Value).Request(device.Recipient.Id, request, device.Identity);
    }

    /// <summary>
    /// A team scans an evidence label (the code from its QR). Stored once per scan id and answered
    /// with a receipt, so the phone's outbox keeps the scan until then; a find arrives as a mailbox
    /// entry of kind <c>evidence</c> under the delivery rule.
    /// </summary>
    public Task<EvidenceReceipt> ScanEvidence(EvidenceScan scan)
    {
        var device = Device;
        if (device.Recipient.Kind != RecipientKind.Team)
        {
            throw new HubException("Only team devices scan evidence.");
        }

        return grains.GetGrain<IEvidenceGrain>(device.Recipient.Exercise.Value)
            .Scan(device.Recipient.Id, scan ?? throw new HubException("A scan is required."), device.Identity);
    }

    /// <summary>
    /// A team's statement to the press. It goes to the controllers' approval queue only: no device,
    /// not even the author team's others, sees it until a controller approves it.
    /// </summary>
    public async Task<StatementReceipt> PublishStatement(StatementSubmission statement)
    {
        var device = Device;
        if (device.Recipient.Kind != RecipientKind.Team)
        {
            throw new HubException("Only team devices publish statements.");
        }

        return await grains.GetGrain<IStatementsGrain>(device.Recipient.Exercise.Value).Submit(
            device.Recipient.Id, statement ?? throw new HubException("A statement is required."), device.Identity);
    }

    public Task Hello(DeviceHello hello) => Roster.Hello(Device.DeviceId, hello ?? new DeviceHello());

    public Task<IReadOnlyList<SafetySignal>> GetSignals() => Signals.GetSignals(Device.DeviceId);

    /// <summary>An actor asks for a controller; the call shows in the control room at once.</summary>
    public async Task CallController(ControllerCall call)
    {
        var device = Device;
        if (device.Recipient.Kind != RecipientKind.Actor)
        {
            throw new HubException("Only actors call the controller from their phone.");
        }

        await grains.GetGrain<IControllerCallsGrain>(device.Recipient.Exercise.Value).CallController(device.Identity, device.Recipient, call ?? throw new HubException("A call is required."));
    }

    /// <summary>
    /// One page of this device's team's responses to message <paramref name="sequence"/>, from all its
    /// devices: at most <paramref name="maxCount"/> (≤ 500) records of the team's response log after
    /// position <paramref name="after"/> (0 at first) are read, so no call costs more than a page.
    /// The phone asks again from <see cref="ResponsePage.Next"/> while <see cref="ResponsePage.HasMore"/>.
    /// </summary>
    public async Task<ResponsePage> GetResponsePage(long sequence, long after, int maxCount)
    {
        RefuseEvaluator("Evaluators read no team's responses from the phone.");
        var page = await Mailbox.ReadResponses(after, maxCount, sequence);
        return page with { Responses = WithoutLocations(page.Responses) };
    }

    /// <summary>A user agreed to share where they were with the control room, not with their teammates' phones.</summary>
    private static List<StoredResponse> WithoutLocations(IEnumerable<StoredResponse> responses) =>
        responses.Select(r => r.Location is null ? r : r with { Location = null }).ToList();

    /// <summary>
    /// Every response of this device's team to message <paramref name="sequence"/>, for apps from
    /// before <see cref="GetResponsePage"/>: read page by page here, and each page spends one call of
    /// the device's budget, so a long log costs its caller, not the node.
    /// </summary>
    public async Task<IReadOnlyList<StoredResponse>> GetResponses(long sequence)
    {
        RefuseEvaluator("Evaluators read no team's responses from the phone.");
        var responses = new List<StoredResponse>();
        var after = 0L;
        while (true)
        {
            var page = await Mailbox.ReadResponses(after, Paging.MaxPageSize, sequence);
            responses.AddRange(WithoutLocations(page.Responses));
            if (!page.HasMore)
            {
                return responses;
            }

            if (!budget.TrySpend(Device.DeviceId))
            {
                throw new HubException(DeviceRateLimitHubFilter.TooManyMessage);
            }

            after = page.Next;
        }
    }

    public Task AcknowledgeSignal(string signalId) => Signals.AcknowledgeSignal(Device.DeviceId, signalId ?? string.Empty);

    /// <summary>An actor notes that they revealed a gated fact from a cue card they hold, and to which team.</summary>
    public Task<DisclosureRecord> MarkDisclosed(DisclosureReport report)
    {
        if (Device.Recipient.Kind != RecipientKind.Actor)
        {
            throw new HubException("Only actors mark disclosures.");
        }

        return grains.GetGrain<IExerciseGrain>(Device.Recipient.Exercise.Value)
            .RecordDisclosure(Device.Recipient.Id, report ?? throw new HubException("A disclosure is required."), Device.DisplayName);
    }

    /// <summary>An actor's cue cards still to come, titles and due times only, with the clock they are timed by.</summary>
    public async Task<UpcomingCueCards> GetUpcomingCueCards()
    {
        if (Device.Recipient.Kind != RecipientKind.Actor)
        {
            throw new HubException("Only actors have cue cards.");
        }

        var snapshot = await grains.GetGrain<IExerciseGrain>(Device.Recipient.Exercise.Value).GetSnapshot()
            ?? throw new HubException("The exercise does not exist.");
        return UpcomingCueCardList.For(snapshot, Device.Recipient);
    }

    /// <summary>An evaluator's phone: whom it watches, the critical tasks it rates, what is in play. Subjects only, never messages.</summary>
    public Task<EvaluatorBrief> GetEvaluatorBrief() => evaluation.BriefAsync(EvaluatorRecipient());

    /// <summary>An evaluator's rating or "observed now" note, from the phone's outbox: stored once per observation id, answered with a receipt.</summary>
    public Task<ObservationReceipt> Observe(ObservationSubmission submission) =>
        evaluation.ObserveAsync(EvaluatorRecipient(), submission ?? throw new HubException("An observation is required."));

    private RecipientAddress EvaluatorRecipient() =>
        Device.Recipient is { Kind: RecipientKind.Evaluator } recipient ? recipient : throw new HubException("Only evaluators' devices record observations.");

    private void RefuseEvaluator(string why)
    {
        if (Device.Recipient.Kind == RecipientKind.Evaluator)
        {
            throw new HubException(why);
        }
    }

    private DeviceClaims Device => DeviceClaims.Of(Context);

    private IMailboxGrain Mailbox => deviceGrains.Mailbox(Device.Recipient);

    private IDeviceRosterGrain Roster => deviceGrains.Roster(Device.Recipient.Exercise);

    private ISafetySignalsGrain Signals => deviceGrains.Signals(Device.Recipient.Exercise);
}
