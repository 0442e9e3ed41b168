using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Hubs;

/// <summary>What the server calls on a phone. The method names are the wire contract (docs/device-protocol.md).</summary>
public interface IDeviceClient
{
    Task Deliver(DeliveredMessage message);
}

/// <summary>
/// The phones' hub. A connection joins its mailbox's group from its token alone; every call acts
/// on that mailbox and nothing else, so a device can never name another recipient.
/// </summary>
[Authorize(Policy = AuthPolicies.Device)]
public sealed class DeviceHub(IGrainFactory grains) : Hub<IDeviceClient>
{
    public const string Path = "/hubs/device";
    public const int MaxSequencesPerCall = 500;

    public static string MailboxGroup(RecipientAddress recipient) => $"mailbox:{recipient.GrainKey}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, MailboxGroup(Device.Recipient));
        ScenarioEngineTelemetry.DevicesConnected.Add(1);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        ScenarioEngineTelemetry.DevicesConnected.Add(-1);
        return Task.CompletedTask;
    }

    public Task<SyncResult> Sync(long afterSequence, int maxCount) =>
        Mailbox.ReadAfter(afterSequence, maxCount);

    public Task Received(long[] sequences)
    {
        if (sequences.Length > MaxSequencesPerCall)
        {
            throw new HubException($"At most {MaxSequencesPerCall} sequences per call.");
        }

        return Mailbox.MarkDelivered(sequences, Device.Identity);
    }

    public Task Acknowledge(long sequence) => Mailbox.Acknowledge(sequence, Device.Identity);

    public Task<ResponseReceipt> Respond(ResponseSubmission submission) =>
        Mailbox.Respond(submission ?? throw new HubException("A response is required."), Device.Identity);

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

    private DeviceClaims Device => DeviceClaims.From(Context.User);

    private IMailboxGrain Mailbox => grains.GetGrain<IMailboxGrain>(Device.Recipient.GrainKey);
}
