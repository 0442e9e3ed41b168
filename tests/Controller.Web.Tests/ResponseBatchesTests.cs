using ScenarioEngine.Delivery;
using ScenarioEngine.Web.Delivery;

namespace ScenarioEngine.Web.Tests;

/// <summary>Responses that arrive while their mailbox is busy go together as its next call; each caller still gets its own answer.</summary>
public sealed class ResponseBatchesTests
{
    private static readonly DeviceIdentity Vera = new("d1", "Vera");

    [Fact]
    public async Task A_lone_response_goes_at_once_and_those_arriving_meanwhile_go_together_as_the_next_call()
    {
        var release = new TaskCompletionSource();
        var mailbox = new RecordingMailbox { Hold = release.Task };
        var batches = new ResponseBatches();

        var lone = batches.RespondAsync(mailbox, "ex|team|a", Submission("r0"), Vera);
        var waiting = Enumerable.Range(1, 100).Select(i => batches.RespondAsync(mailbox, "ex|team|a", Submission($"r{i}"), Vera)).ToList();
        Assert.Equal(["r0"], Assert.Single(mailbox.Calls));
        Assert.DoesNotContain(waiting, w => w.IsCompleted);

        release.SetResult();
        var receipts = await Task.WhenAll(waiting.Prepend(lone));

        Assert.Equal(Enumerable.Range(0, 101).Select(i => $"r{i}"), receipts.Select(r => r.ResponseId));
        Assert.Equal([1, ResponseBatches.MaxBatch, 100 - ResponseBatches.MaxBatch], mailbox.Calls.Select(c => c.Count));
        Assert.Equal(Enumerable.Range(0, 101).Select(i => $"r{i}"), mailbox.Calls.SelectMany(c => c));
    }

    [Fact]
    public async Task A_refused_response_fails_only_its_own_caller()
    {
        var release = new TaskCompletionSource();
        var mailbox = new RecordingMailbox { Hold = release.Task, Refuse = "bad" };
        var batches = new ResponseBatches();

        var first = batches.RespondAsync(mailbox, "ex|team|a", Submission("r0"), Vera);
        var good = batches.RespondAsync(mailbox, "ex|team|a", Submission("good"), Vera);
        var bad = batches.RespondAsync(mailbox, "ex|team|a", Submission("bad"), Vera);
        release.SetResult();

        Assert.Equal("good", (await good).ResponseId);
        Assert.Equal("r0", (await first).ResponseId);
        Assert.Equal("bad was refused", (await Assert.ThrowsAsync<ArgumentException>(() => bad)).Message);
    }

    [Fact]
    public async Task A_failed_call_fails_its_batch_and_the_next_response_is_sent_again()
    {
        var mailbox = new RecordingMailbox { FailNext = true };
        var batches = new ResponseBatches();

        await Assert.ThrowsAsync<TimeoutException>(() => batches.RespondAsync(mailbox, "ex|team|a", Submission("r1"), Vera));
        var receipt = await batches.RespondAsync(mailbox, "ex|team|a", Submission("r1"), Vera);

        Assert.Equal("r1", receipt.ResponseId);
        Assert.Equal(["r1"], Assert.Single(mailbox.Calls));
    }

    [Fact]
    public async Task Mailboxes_do_not_wait_for_each_other()
    {
        var release = new TaskCompletionSource();
        var busy = new RecordingMailbox { Hold = release.Task };
        var free = new RecordingMailbox();
        var batches = new ResponseBatches();

        var held = batches.RespondAsync(busy, "ex|team|a", Submission("a1"), Vera);
        var other = await batches.RespondAsync(free, "ex|team|b", Submission("b1"), Vera);

        Assert.Equal("b1", other.ResponseId);
        Assert.False(held.IsCompleted);
        release.SetResult();
        await held;
    }

    private static ResponseSubmission Submission(string id) => new() { ResponseId = id, Sequence = 1, Text = "Seen the van." };

    private sealed class RecordingMailbox : IMailboxGrain
    {
        private readonly Lock _gate = new();

        public Task? Hold { get; set; }

        public bool FailNext { get; set; }

        public string? Refuse { get; init; }

        public List<List<string>> Calls { get; } = [];

        public async Task<IReadOnlyList<ResponseOutcome>> RespondAll(IReadOnlyList<DeviceResponse> responses)
        {
            lock (_gate)
            {
                if (FailNext)
                {
                    FailNext = false;
                    throw new TimeoutException("silo unavailable");
                }

                Calls.Add(responses.Select(r => r.Submission.ResponseId).ToList());
            }

            if (Hold is { } hold)
            {
                Hold = null;
                await hold;
            }

            return responses.Select(r => r.Submission.ResponseId == Refuse
                ? new ResponseOutcome { Refusal = $"{Refuse} was refused" }
                : new ResponseOutcome { Receipt = new ResponseReceipt { ResponseId = r.Submission.ResponseId, Sequence = 1, StoredAt = DateTimeOffset.UnixEpoch, Duplicate = false } })
                .ToList();
        }

        public Task<ResponseReceipt> Respond(ResponseSubmission submission, DeviceIdentity device) => throw new NotSupportedException();
        public Task<long> Append(DeliveredMessage message) => throw new NotSupportedException();
        public Task<SyncResult> ReadAfter(long afterSequence, int maxCount) => throw new NotSupportedException();
        public Task MarkDelivered(IReadOnlyList<long> sequences) => throw new NotSupportedException();
        public Task MarkSeen(long sequence) => throw new NotSupportedException();
        public Task Acknowledge(long sequence) => throw new NotSupportedException();
        public Task<IReadOnlyList<DeliveryProgress>> GetProgress() => throw new NotSupportedException();
        public Task<IReadOnlyList<StoredResponse>> GetResponses(long afterSequence, int maxCount) => throw new NotSupportedException();
        public Task<ResponsePage> ReadResponses(long after, int maxCount, long? forSequence) => throw new NotSupportedException();
    }
}
