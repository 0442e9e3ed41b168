using ScenarioEngine.Delivery;
using ScenarioEngine.Web.Delivery;

namespace ScenarioEngine.Web.Tests;

/// <summary>The web node reports each mailbox entry delivered once, however many of the team's devices confirm it.</summary>
public sealed class DeliveredSequencesTests
{
    [Fact]
    public async Task Confirmations_from_a_whole_team_reach_the_mailbox_once_per_entry()
    {
        var mailbox = new CountingMailbox();
        var delivered = new DeliveredSequences();

        await delivered.MarkDeliveredAsync(mailbox, "ex|team|a", [1, 2]);
        await Task.WhenAll(Enumerable.Range(0, 199).Select(i => delivered.MarkDeliveredAsync(mailbox, "ex|team|a", [1, 2])));
        await delivered.MarkDeliveredAsync(mailbox, "ex|team|a", [2, 3]);
        await delivered.MarkDeliveredAsync(mailbox, "ex|team|b", [1]);

        Assert.Equal(3, mailbox.Calls);
        Assert.Equal([1, 2, 3, 1], mailbox.Marked);
    }

    [Fact]
    public async Task Confirmations_arriving_while_the_first_is_recorded_wait_for_it_instead_of_calling_again()
    {
        var release = new TaskCompletionSource();
        var mailbox = new CountingMailbox { Hold = release.Task };
        var delivered = new DeliveredSequences();

        var confirmations = Enumerable.Range(0, 100)
            .Select(i => delivered.MarkDeliveredAsync(mailbox, "ex|team|a", [7]))
            .ToList();
        Assert.DoesNotContain(confirmations, c => c.IsCompleted);
        release.SetResult();
        await Task.WhenAll(confirmations);

        Assert.Equal(1, mailbox.Calls);
        Assert.Equal([7], mailbox.Marked);
    }

    [Fact]
    public async Task A_confirmation_the_mailbox_refused_is_passed_on_again_next_time()
    {
        var mailbox = new CountingMailbox { FailNext = true };
        var delivered = new DeliveredSequences();

        await Assert.ThrowsAsync<TimeoutException>(() => delivered.MarkDeliveredAsync(mailbox, "ex|team|a", [1]));
        await delivered.MarkDeliveredAsync(mailbox, "ex|team|a", [1]);

        Assert.Equal([1], mailbox.Marked);
    }

    private sealed class CountingMailbox : IMailboxGrain
    {
        private readonly Lock _gate = new();

        public bool FailNext { get; set; }

        public Task? Hold { get; init; }

        public int Calls { get; private set; }

        public List<long> Marked { get; } = [];

        public async Task MarkDelivered(IReadOnlyList<long> sequences)
        {
            await Task.Yield();
            if (Hold is not null)
            {
                await Hold;
            }

            lock (_gate)
            {
                if (FailNext)
                {
                    FailNext = false;
                    throw new TimeoutException("silo unavailable");
                }

                Calls++;
                Marked.AddRange(sequences);
            }
        }

        public Task<long> Append(DeliveredMessage message) => throw new NotSupportedException();
        public Task<SyncResult> ReadAfter(long afterSequence, int maxCount) => throw new NotSupportedException();
        public Task MarkSeen(long sequence) => throw new NotSupportedException();
        public Task Acknowledge(long sequence) => throw new NotSupportedException();
        public Task<ResponseReceipt> Respond(ResponseSubmission submission, DeviceIdentity device) => throw new NotSupportedException();
        public Task<IReadOnlyList<ResponseOutcome>> RespondAll(IReadOnlyList<DeviceResponse> responses) => throw new NotSupportedException();
        public Task<IReadOnlyList<DeliveryProgress>> GetProgress() => throw new NotSupportedException();
        public Task<IReadOnlyList<StoredResponse>> GetResponses(long afterSequence, int maxCount) => throw new NotSupportedException();

        public Task<ResponsePage> ReadResponses(long after, int maxCount, long? forSequence) => throw new NotSupportedException();
    }
}
