namespace ScenarioEngine.Delivery;

/// <summary>
/// One recipient's mailbox (a team or an actor), keyed by <see cref="RecipientAddress.GrainKey"/>.
/// Entries and responses live in append-only streams; the grain keeps cursors and progress.
/// </summary>
public interface IMailboxGrain : IGrainWithStringKey
{
    /// <summary>Appends once per inject: appending the same inject again returns its first sequence.</summary>
    Task<long> Append(DeliveredMessage message);

    Task<SyncResult> ReadAfter(long afterSequence, int maxCount);

    Task MarkDelivered(IReadOnlyList<long> sequences);

    Task MarkSeen(long sequence);

    Task Acknowledge(long sequence);

    Task<ResponseReceipt> Respond(ResponseSubmission submission, DeviceIdentity device);

    Task<IReadOnlyList<DeliveryProgress>> GetProgress();

    Task<IReadOnlyList<StoredResponse>> GetResponses(long afterSequence, int maxCount);

    /// <summary>
    /// Reads at most <paramref name="maxCount"/> (≤ 500) records of the response log after position
    /// <paramref name="after"/>, keeping only the responses to message <paramref name="forSequence"/>
    /// when it is given; says where to go on and whether more remain.
    /// </summary>
    Task<ResponsePage> ReadResponses(long after, int maxCount, long? forSequence);
}
