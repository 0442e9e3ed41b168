using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests.Delivery;

[Collection(GrainClusterCollection.Name)]
public sealed class MailboxGrainTests(GrainCluster cluster)
{
    private static readonly DeviceIdentity Vera = new("d1", "Vera");

    [Fact]
    public async Task Appending_an_inject_twice_keeps_one_entry_and_pushes_it_once()
    {
        var (_, mailbox) = NewActorMailbox();

        var first = await mailbox.Append(Message("3"));
        var again = await mailbox.Append(Message("3"));
        var second = await mailbox.Append(Message("4"));

        Assert.Equal((1L, 1L, 2L), (first, again, second));
        var page = await mailbox.ReadAfter(0, 10);
        Assert.Equal(["3", "4"], page.Messages.Select(m => m.InjectNumber));
        Assert.Equal((2L, false), (page.LastSequence, page.HasMore));
        var stored = page.Messages.Select(m => m.DeliveryId).ToHashSet();
        await Wait.Until(() => cluster.Node.Appended.Count(m => stored.Contains(m.DeliveryId)) >= 2);
        Assert.Single(cluster.Node.Appended, m => m.DeliveryId == page.Messages[0].DeliveryId);
    }

    [Fact]
    public async Task Delivery_moves_forward_only_and_acknowledging_implies_delivered_and_seen()
    {
        var (_, mailbox) = NewActorMailbox();
        await mailbox.Append(Message("1"));
        await mailbox.Append(Message("2"));

        await mailbox.MarkDelivered([1]);
        await mailbox.Acknowledge(2);
        await mailbox.MarkDelivered([1, 2]);

        var progress = await mailbox.GetProgress();
        Assert.NotNull(progress[0].DeliveredAt);
        Assert.Null(progress[0].AcknowledgedAt);
        Assert.True(progress[1] is { DeliveredAt: not null, SeenAt: not null, AcknowledgedAt: not null });
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => mailbox.MarkSeen(3));
    }

    [Fact]
    public async Task Response_retried_with_its_id_is_stored_once_and_every_response_is_read_across_pages()
    {
        var (_, mailbox) = NewActorMailbox();
        await mailbox.Append(Message("1"));

        var stored = await mailbox.Respond(new ResponseSubmission { ResponseId = "r1", Sequence = 1, Text = "first" }, Vera);
        var retried = await mailbox.Respond(new ResponseSubmission { ResponseId = "r1", Sequence = 1, Text = "first" }, Vera);
        for (var i = 2; i <= 5; i++)
        {
            await mailbox.Respond(new ResponseSubmission { ResponseId = $"r{i}", Sequence = 1, Text = "more" }, Vera);
        }

        Assert.Equal((false, true, stored.StoredAt), (stored.Duplicate, retried.Duplicate, retried.StoredAt));
        // Pages of two: 2 + 2 + 1, the short page ends the read.
        var all = await Paging.ReadAllToListAsync(mailbox.GetResponses, pageSize: 2);
        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], all.Select(r => r.ResponseId));
    }

    [Fact]
    public async Task Responses_stored_together_are_each_stored_once_in_order_and_a_malformed_one_refuses_only_itself()
    {
        var (_, mailbox) = NewActorMailbox();
        await mailbox.Append(Message("1"));
        var first = await mailbox.Respond(new ResponseSubmission { ResponseId = "r1", Sequence = 1, Text = "first" }, Vera);
        var oleg = new DeviceIdentity("d2", "Oleg");

        var outcomes = await mailbox.RespondAll(
        [
            new(new ResponseSubmission { ResponseId = "r2", Sequence = 1, Text = "second" }, Vera),
            new(new ResponseSubmission { ResponseId = "r1", Sequence = 1, Text = "first, sent again" }, Vera),
            new(new ResponseSubmission { ResponseId = "empty", Sequence = 1 }, oleg),
            new(new ResponseSubmission { ResponseId = "r3", Sequence = 9, Text = "to a message that is not there" }, oleg),
            new(new ResponseSubmission { ResponseId = "r4", Sequence = 1, Text = "fourth" }, oleg),
            new(new ResponseSubmission { ResponseId = "r4", Sequence = 1, Text = "fourth, twice in one batch" }, oleg),
        ]);

        Assert.Equal((false, true, false, true), (outcomes[0].Receipt!.Duplicate, outcomes[1].Receipt!.Duplicate, outcomes[4].Receipt!.Duplicate, outcomes[5].Receipt!.Duplicate));
        Assert.Equal(first.StoredAt, outcomes[1].Receipt!.StoredAt);
        Assert.Contains("needs text, a choice, fields or a photo", outcomes[2].Refusal);
        Assert.Contains("no message 9", outcomes[3].Refusal);
        Assert.True(outcomes[2].Receipt is null && outcomes[3].Receipt is null);

        var all = await Paging.ReadAllToListAsync(mailbox.GetResponses, pageSize: 10);
        Assert.Equal(["r1", "r2", "r4"], all.Select(r => r.ResponseId));
        Assert.Equal(["Vera", "Vera", "Oleg"], all.Select(r => r.DeviceName));
        Assert.Equal(3, Assert.Single(await mailbox.GetProgress()).ResponseCount);
    }

    private (RecipientAddress Address, IMailboxGrain Mailbox) NewActorMailbox()
    {
        // An actor's mailbox: responses there tell no exercise grain, so no scenario is needed.
        var address = RecipientAddress.Actor(new ExerciseId(GrainCluster.NewExerciseId()), "witness");
        return (address, cluster.Grains.GetGrain<IMailboxGrain>(address.GrainKey));
    }

    private static DeliveredMessage Message(string injectNumber) => new()
    {
        Sequence = 0,
        DeliveryId = $"delivery-{injectNumber}-{Guid.NewGuid():N}",
        InjectNumber = injectNumber,
        Kind = MessageKind.CueCard,
        From = new() { ["en"] = "Control" },
        Method = DeliveryMethod.InPerson,
        Subject = new() { ["en"] = "Cue" },
        Message = new() { ["en"] = "Say nothing." },
        FiredAt = DateTimeOffset.UtcNow,
        ResponseRequested = false,
    };
}
