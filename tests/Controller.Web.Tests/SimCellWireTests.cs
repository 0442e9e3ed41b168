using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Players write to personas and the SimCell answers, over real SignalR connections to a real web
/// node: a request is stored once, a reply is a mailbox entry of the asking team only, and nothing
/// the controllers hold back (canned replies, notes) reaches a phone before it is sent.
/// </summary>
public sealed class SimCellWireTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly ScenarioDefinition Sample = ScenarioLoader.LoadSample();

    [Fact]
    public async Task A_repeated_request_id_is_stored_once_and_queued_once()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        var request = new PersonaRequest { RequestId = "req-1", PersonaId = "bank", Text = "Please send the statements for account 40817." };

        var first = await phone.RequestAsync(request);
        var retry = await phone.RequestAsync(request);

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal("team-a/bank", first.ThreadId);
        Assert.Equal(first.StoredAt, retry.StoredAt);
        var queue = await QueueAsync(exerciseId);
        Assert.Equal("req-1", Assert.Single(queue).Request.RequestId);
        Assert.Single(await fixture.Controller.Http.GetFromJsonAsync<List<StoredRequest>>($"/api/exercises/{exerciseId}/simcell/requests", WebNode.Json) ?? []);
    }

    [Fact]
    public async Task A_reply_reaches_every_device_of_the_asking_team_and_no_other_team()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var asking = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var other = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        await asking.RequestAsync(new PersonaRequest { RequestId = "req-a", PersonaId = "bank", Text = "Statements, please." });
        var request = Assert.Single(await QueueAsync(exerciseId)).Request;

        var sent = await SendAsync(exerciseId, new SendReplyRequest("reply-1", "team-a", "bank", request.Sequence, "need-order", null, null));
        var pushed = await asking.WaitForPushAsync(m => m.Kind == MessageKind.Reply);
        // A teammate's phone that was off while the reply went out gets it from the mailbox on connecting (Reconcile/Sync).
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await teammate.SyncAsync();
        var synced = Assert.Single(teammate.Held, m => m.Kind == MessageKind.Reply);

        Assert.Equal("team-a/bank", pushed.ThreadId);
        Assert.Equal(pushed.DeliveryId, synced.DeliveryId);
        Assert.Equal(sent.MailboxSequence, synced.Sequence);
        Assert.Equal("bank", pushed.Persona?.Id);
        Assert.Contains("Team A", pushed.Message["en"], StringComparison.Ordinal);
        Assert.Equal("EXERCISE — EXERCISE — EXERCISE", pushed.ClassificationLine["en"]);
        Assert.Empty(await QueueAsync(exerciseId));
        Assert.False(await other.AnyPushWithinAsync(TimeSpan.FromMilliseconds(500)));
        Assert.DoesNotContain(await other.SyncAsync(), m => m.Kind == MessageKind.Reply);
        var deliveries = await fixture.Controller.GetDeliveriesAsync(exerciseId);
        Assert.Contains(deliveries.Single(d => d.Recipient.Id == "team-a").Deliveries, d => d.Sequence == sent.MailboxSequence && d.DeliveredAt is not null);
    }

    [Fact]
    public async Task Canned_replies_and_other_teams_threads_never_reach_a_device_on_the_wire()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        var phones = new Dictionary<string, DeviceClient>();
        foreach (var team in Sample.Teams)
        {
            phones[team.Id] = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, team.Id));
        }

        await phones["team-a"].RequestAsync(new PersonaRequest { RequestId = "a-1", PersonaId = "prosecutor", Text = "We need an order for the bank." });
        await phones["team-b"].RequestAsync(new PersonaRequest { RequestId = "b-1", PersonaId = "prosecutor", Text = "TEAM-B-SECRET-QUESTION" });
        var queue = await QueueAsync(exerciseId);
        await SendAsync(exerciseId, new SendReplyRequest("r-a", "team-a", "prosecutor", queue.Single(q => q.Request.TeamId == "team-a").Request.Sequence, null, new() { ["en"] = "TEAM-A-ONLY-ANSWER" }, null));
        await phones["team-a"].WaitForPushAsync(m => m.Kind == MessageKind.Reply);
        foreach (var phone in phones.Values)
        {
            await phone.SyncAsync();
        }

        var unsent = Sample.Personas.SelectMany(p => p.CannedReplies).SelectMany(r => r.Text.Values).Select(t => t.Split('{')[0]).Where(t => t.Length > 10);
        foreach (var (team, phone) in phones)
        {
            var wire = string.Join('\n', phone.RawFrames);
            Assert.All(unsent, text => Assert.DoesNotContain(Json(text), wire, StringComparison.Ordinal));
            Assert.DoesNotContain("cannedReplies", wire, StringComparison.OrdinalIgnoreCase);
            // A request is a mailbox entry of the writing team only.
            Assert.Equal(team == "team-b", wire.Contains("TEAM-B-SECRET-QUESTION", StringComparison.Ordinal));
            Assert.Equal(team == "team-a", wire.Contains("TEAM-A-ONLY-ANSWER", StringComparison.Ordinal));
            Assert.All(phone.Held.Where(m => m.ThreadId is not null), m => Assert.StartsWith($"{team}/", m.ThreadId, StringComparison.Ordinal));
            await phone.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_controllers_cannot_both_claim_or_answer_one_request()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-c"));
        await phone.RequestAsync(new PersonaRequest { RequestId = "c-1", PersonaId = "hotline", Text = "Can you call the tipster back?" });
        await phone.WaitForPushAsync(m => m.Kind == MessageKind.Request); // the team's own copy of its request
        var sequence = Assert.Single(await QueueAsync(exerciseId)).Request.Sequence;
        var queue = fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<ISimCellQueueGrain>(exerciseId);

        var claims = await Task.WhenAll(queue.Claim(sequence, "alice"), queue.Claim(sequence, "bob"));
        var winner = claims.Single(c => c.Claimed).ClaimedBy!;
        var loser = winner == "alice" ? "bob" : "alice";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IPersonaMessagesGrain>(exerciseId).Reply(
                new PersonaReply { ReplyId = "x", TeamId = "team-c", PersonaId = "hotline", RequestSequence = sequence, CannedReplyId = "caller-unreachable", Controller = loser }));

        Assert.Equal(winner, claims.Single(c => !c.Claimed).ClaimedBy);
        Assert.Contains(winner, refused.Message, StringComparison.Ordinal);
        Assert.Equal(winner, Assert.Single(await QueueAsync(exerciseId)).ClaimedBy);
        Assert.False(await phone.AnyPushWithinAsync(TimeSpan.FromMilliseconds(300)));
        var viaApi = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/replies",
            new SendReplyRequest("y", "team-c", "hotline", sequence, "caller-unreachable", null, null), WebNode.Json);
        Assert.Equal(HttpStatusCode.Conflict, viaApi.StatusCode);
    }

    [Fact]
    public async Task A_request_reaches_every_phone_of_the_writing_team_as_a_request_entry_once_and_no_other_team()
    {
        var (_, snapshot) = await CreateAsync();
        await using var writer = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var other = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        var request = new PersonaRequest { RequestId = "req-thread", PersonaId = "bank", Text = "TEAM-A-REQUEST: statements for account 40817." };

        await writer.RequestAsync(request);
        await writer.RequestAsync(request);
        var pushed = await teammate.WaitForPushAsync(m => m.Kind == MessageKind.Request);
        await writer.WaitForPushAsync(m => m.Kind == MessageKind.Request);
        await using var lateTeammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await lateTeammate.SyncAsync();
        var synced = lateTeammate.Held;

        Assert.Equal("req-thread", pushed.RequestId);
        Assert.Equal("team-a/bank", pushed.ThreadId);
        Assert.Equal("bank", pushed.Persona?.Id);
        Assert.StartsWith("Anna", pushed.From["en"], StringComparison.Ordinal);
        Assert.Equal(request.Text, pushed.Message["ru"]);
        Assert.Equal("EXERCISE — EXERCISE — EXERCISE", pushed.ClassificationLine["en"]);
        Assert.Equal(pushed.DeliveryId, Assert.Single(synced, m => m.Kind == MessageKind.Request).DeliveryId);
        Assert.False(await other.AnyPushWithinAsync(TimeSpan.FromMilliseconds(500)));
        await other.SyncAsync();
        Assert.DoesNotContain(other.Held, m => m.Kind == MessageKind.Request);
        Assert.DoesNotContain("TEAM-A-REQUEST", string.Join('\n', other.RawFrames), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_join_answer_gives_a_participant_the_personas_to_write_to_and_the_marking_without_canned_replies()
    {
        var (_, snapshot) = await CreateAsync();

        var participant = await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));

        Assert.Equal(Sample.Personas.Select(p => p.Id), participant.Personas.Select(p => p.Id));
        Assert.Equal("EXERCISE — EXERCISE — EXERCISE", participant.ClassificationLine["en"]);
        Assert.Equal("УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ", participant.ClassificationLine["ru"]);
    }

    [Fact]
    public async Task A_request_to_an_unknown_persona_is_refused_and_changes_nothing()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));

        await Assert.ThrowsAnyAsync<Exception>(() => phone.RequestAsync(new PersonaRequest { RequestId = "r", PersonaId = "ghost", Text = "Hello?" }));

        Assert.Empty(await QueueAsync(exerciseId));
    }

    [Fact]
    public async Task A_photo_sent_with_a_request_is_on_the_teams_request_entry_teammates_fetch_it_and_no_other_team_can()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var writer = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var other = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
        var photoId = $"photo-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, "/api/devices/attachments/" + photoId, writer, photo)).StatusCode);
        var othersPhoto = $"photo-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, "/api/devices/attachments/" + othersPhoto, other, photo)).StatusCode);

        // A phone may send only its own uploads: another team's photo id gets it nothing.
        await Assert.ThrowsAnyAsync<Exception>(() => writer.RequestAsync(new PersonaRequest { RequestId = "stolen", PersonaId = "bank", Text = "Look", AttachmentIds = [othersPhoto] }));
        await writer.RequestAsync(new PersonaRequest { RequestId = "with-photo", PersonaId = "bank", Text = "The receipt we found.", AttachmentIds = [photoId] });

        var entry = await teammate.WaitForPushAsync(m => m.Kind == MessageKind.Request && m.RequestId == "with-photo");
        var attachment = Assert.Single(entry.Attachments);
        Assert.Equal((photoId, "image/jpeg", (long)photo.Length), (attachment.Id, attachment.ContentType, attachment.Size));
        var path = DeviceAttachmentsApi.Path.Replace("{sequence:long}", entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{attachmentId}", photoId, StringComparison.Ordinal);
        var fetched = await Send(HttpMethod.Get, path, teammate);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(photo, await fetched.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, path, other)).StatusCode);
        Assert.DoesNotContain(await other.SyncAsync(), m => m.Kind == MessageKind.Request);
        Assert.Equal([photoId], Assert.Single(await QueueAsync(exerciseId)).Request.AttachmentIds);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, DeviceClient device, byte[]? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        }

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", device.Session.Token);
        return await fixture.Node.Http.SendAsync(request);
    }

    private async Task<(string, Exercises.ExerciseSnapshot)> CreateAsync()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        return (exerciseId, await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null));
    }

    private async Task<List<OpenRequest>> QueueAsync(string exerciseId) =>
        await fixture.Controller.Http.GetFromJsonAsync<List<OpenRequest>>($"/api/exercises/{exerciseId}/simcell/queue", WebNode.Json) ?? [];

    private async Task<StoredReply> SendAsync(string exerciseId, SendReplyRequest reply)
    {
        var response = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/replies", reply, WebNode.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<StoredReply>(WebNode.Json))!;
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, WebNode.Json)[1..^1];
}
