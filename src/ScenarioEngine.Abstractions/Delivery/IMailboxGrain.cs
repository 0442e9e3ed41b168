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

    /// <summary>
    /// Stores responses that arrived together, in order, with one log write and one progress write
    /// for all of them; every receipt comes back only once its response is stored.
    /// </summary>
    Task<IReadOnlyList<ResponseOutcome>> RespondAll(IReadOnlyList<DeviceResponse> responses);

    Task<IReadOnlyList<DeliveryProgress>> GetProgress();

    Task<IReadOnlyList<StoredResponse>> GetResponses(long afterSequence, int maxCount);

    /// <summary>
    /// Reads at most <paramref name="maxCount"/> (≤ 500) records of the response log after position
    /// <paramref name="after"/>, keeping only the responses to message <paramref name="forSequence"/>
    /// when it is given; says where to go on and whether more remain.
    /// </summary>
    Task<ResponsePage> ReadResponses(long after, int maxCount, long? forSequence);
}
