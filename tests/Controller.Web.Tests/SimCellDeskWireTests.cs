using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Hubs;
using ScenarioEngine.Web.SimCell;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The desk's side of the SimCell over real SignalR devices: ad-hoc injects as a persona, onRequest
/// triggers firing for the team that wrote, and the read-only view of what a team's phones hold.
/// </summary>
public sealed class SimCellDeskWireTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    /// <summary>The bank's statement, owed to a team ten minutes of exercise time after it asks for one.</summary>
    private static readonly InjectDefinition Statement = new()
    {
        Number = "B1",
        To = new AudienceDefinition { Everyone = true },
        FromPersona = "bank",
        Method = DeliveryMethod.Email,
        Subject = new() { ["en"] = "Account statement 40817", ["ru"] = "Выписка по счёту 40817" },
        Message = new() { ["en"] = "Attached is the statement you asked for.", ["ru"] = "Во вложении запрошенная выписка." },
        Trigger = new TriggerDefinition { Kind = TriggerKind.OnRequest, Persona = "bank", Keywords = ["statement", "выписк"], Delay = TimeSpan.FromMinutes(10) },
    };

    private IGrainFactory Grains => fixture.Node.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task An_improvised_message_as_a_persona_is_a_numbered_ad_hoc_inject_delivered_to_the_chosen_teams_and_logged_with_its_sender()
    {
        var (exerciseId, snapshot) = await CreateSampleAsync();
        await using var alpha = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var bravo = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        await using var charlie = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-c"));

        var response = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/adhoc",
            new SendAdHocRequest("adhoc-1", "journalist", ["team-a", "team-b"], new() { ["en"] = "{team}, will you comment on the raid tonight?" }, null), WebNode.Json);
        var repeat = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/adhoc",
            new SendAdHocRequest("adhoc-1", "journalist", ["team-a", "team-b"], new() { ["en"] = "{team}, will you comment on the raid tonight?" }, null), WebNode.Json);
        var sent = (await response.Content.ReadFromJsonAsync<StoredAdHoc>(WebNode.Json))!;
        var toAlpha = await alpha.WaitForPushAsync(m => m.InjectNumber == sent.Number);
        var toBravo = await bravo.WaitForPushAsync(m => m.InjectNumber == sent.Number);

        Assert.Equal("A1", sent.Number);
        Assert.Equal(sent.Number, (await repeat.Content.ReadFromJsonAsync<StoredAdHoc>(WebNode.Json))!.Number);
        Assert.Equal(WebNode.ControllerUser, sent.Message.Controller);
        Assert.Equal(MessageKind.Reply, toAlpha.Kind);
        Assert.Equal("team-a/journalist", toAlpha.ThreadId);
        Assert.Equal("team-b/journalist", toBravo.ThreadId);
        Assert.StartsWith(snapshot.JoinCodes.Single(c => c.Recipient.Id == "team-a").RecipientName["en"], toAlpha.Message["en"], StringComparison.Ordinal);
        Assert.False(await charlie.AnyPushWithinAsync(TimeSpan.FromMilliseconds(500)));
        await alpha.AcknowledgeAsync(toAlpha.Sequence);

        var events = await fixture.Controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{exerciseId}/events", WebNode.Json) ?? [];
        var logged = Assert.Single(events, e => e.Kind == ExerciseEvents.AdHocInjectSent);
        Assert.Equal("A1", logged.InjectNumber);
        Assert.Equal(WebNode.ControllerUser, logged.By);
        Assert.Contains("team-a, team-b", logged.Detail, StringComparison.Ordinal);
        var deliveries = await fixture.Controller.GetDeliveriesAsync(exerciseId);
        Assert.Contains(deliveries.Single(d => d.Recipient.Id == "team-a").Deliveries, d => d.InjectNumber == "A1" && d.AcknowledgedAt is not null);
        Assert.Contains(deliveries.Single(d => d.Recipient.Id == "team-b").Deliveries, d => d.InjectNumber == "A1");
        Assert.DoesNotContain(deliveries.Single(d => d.Recipient.Id == "team-c").Deliveries, d => d.InjectNumber == "A1");

        // The after-action data reads the same logs: the ad-hoc inject is on its timeline and in its deliveries.
        var aar = await fixture.Controller.Http.GetStringAsync($"/api/exercises/{exerciseId}/aar?format=json");
        Assert.Contains("\"inject.adhoc\"", aar, StringComparison.Ordinal);
        Assert.Contains("\"A1\"", aar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ad_hoc_message_to_no_team_or_an_unknown_team_is_refused()
    {
        var (exerciseId, _) = await CreateSampleAsync();

        var none = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/adhoc",
            new SendAdHocRequest("x-1", "journalist", [], new() { ["en"] = "Hello" }, null), WebNode.Json);
        var unknown = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/adhoc",
            new SendAdHocRequest("x-2", "journalist", ["team-z"], new() { ["en"] = "Hello" }, null), WebNode.Json);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Empty(await fixture.Controller.Http.GetFromJsonAsync<List<StoredAdHoc>>($"/api/exercises/{exerciseId}/simcell/adhoc", WebNode.Json) ?? []);
    }

    [Fact]
    public async Task A_request_with_a_keyword_fires_the_onRequest_inject_for_that_team_alone_after_its_delay_in_exercise_time()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var package = ScenarioLoader.LoadSamplePackage();
        await Grains.GetGrain<IExerciseGrain>(exerciseId).CreateFrom(package.Scenario with { Injects = [.. package.Scenario.Injects, Statement] }, package.Attachments, draft: false);
        var snapshot = await fixture.Controller.StartAsync(exerciseId);
        await using var asking = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var chatting = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));

        await chatting.RequestAsync(new PersonaRequest { RequestId = "b-1", PersonaId = "bank", Text = "Who runs the account?" });
        await asking.RequestAsync(new PersonaRequest { RequestId = "a-1", PersonaId = "bank", Text = "Please send the STATEMENT for 40817." });
        // The team's own copy of its request comes at once (it is in the team's thread); the inject must not.
        await asking.WaitForPushAsync(m => m.Kind == MessageKind.Request && m.RequestId == "a-1");
        var triggered = await WaitForEventAsync(exerciseId, e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "B1");
        Assert.False(await asking.AnyPushWithinAsync(TimeSpan.FromMilliseconds(300)), "Due ten minutes of exercise time after the ask, not at once.");

        await Jump(exerciseId, triggered.ScenarioTime + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var statement = await asking.WaitForPushAsync(m => m.InjectNumber == "B1");

        Assert.Equal("bank", statement.Persona?.Id);
        Assert.Contains("team-a", triggered.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(await chatting.SyncAsync(), m => m.InjectNumber == "B1");
        var fired = Assert.Single(await Events(exerciseId), e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "B1");
        Assert.True(fired.ScenarioTime >= triggered.ScenarioTime + TimeSpan.FromMinutes(10));

        // Team B asks for a statement in Russian later: the same inject is owed to team B now, once.
        await chatting.RequestAsync(new PersonaRequest { RequestId = "b-2", PersonaId = "bank", Text = "Пришлите, пожалуйста, выписку." });
        var second = await WaitForEventAsync(exerciseId, e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "B1" && e.Detail!.Contains("team-b", StringComparison.Ordinal));
        await Jump(exerciseId, second.ScenarioTime + TimeSpan.FromMinutes(11));
        await chatting.WaitForPushAsync(m => m.InjectNumber == "B1");
        await asking.RequestAsync(new PersonaRequest { RequestId = "a-2", PersonaId = "bank", Text = "Another statement, please." });
        await using var third = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-c"));
        await third.RequestAsync(new PersonaRequest { RequestId = "c-1", PersonaId = "bank", Text = "Statement please" });
        await WaitForEventAsync(exerciseId, e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "B1" && e.Detail!.Contains("team-c", StringComparison.Ordinal));
        var owedTo = (await Events(exerciseId)).Where(e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "B1").Select(e => e.Detail!.Split(' ')[3]).ToList();
        Assert.Equal(["team-a", "team-b", "team-c"], owedTo);
    }

    [Fact]
    public async Task The_team_view_holds_what_the_teams_phones_would_sync_and_marks_nothing_delivered()
    {
        var (exerciseId, snapshot) = await CreateSampleAsync();
        await using (var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a")))
        {
            await phone.RequestAsync(new PersonaRequest { RequestId = "q-1", PersonaId = "prosecutor", Text = "We need an order for the bank." });
        }

        // The team's phones are all off now: whatever the view reads must stay undelivered.
        var sequence = (await fixture.Controller.Http.GetFromJsonAsync<List<OpenRequest>>($"/api/exercises/{exerciseId}/simcell/queue", WebNode.Json))!.Single().Request.Sequence;
        await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/simcell/replies",
            new SendReplyRequest("r-1", "team-a", "prosecutor", sequence, null, new() { ["en"] = "The order is signed." }, null), WebNode.Json);

        var view = await fixture.Controller.Http.GetFromJsonAsync<TeamView>($"/api/exercises/{exerciseId}/teams/team-a/view", WebNode.Json);
        var missing = await fixture.Controller.Http.GetAsync($"/api/exercises/{exerciseId}/teams/team-z/view");

        var reply = Assert.Single(view!.Inbox, m => m.Kind == MessageKind.Reply);
        Assert.Equal("The order is signed.", reply.Message["en"]);
        var thread = Assert.Single(view.Threads);
        Assert.Equal("team-a/prosecutor", thread.ThreadId);
        Assert.Equal([true, false], thread.Entries.Select(e => e.FromTeam));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var progress = (await fixture.Controller.GetDeliveriesAsync(exerciseId)).Single(d => d.Recipient.Id == "team-a").Deliveries.Single(d => d.InjectNumber == reply.InjectNumber);
        Assert.Equal((null, null), (progress.DeliveredAt, progress.SeenAt));
    }

    private async Task<(string, ExerciseSnapshot)> CreateSampleAsync()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        return (exerciseId, await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null));
    }

    private async Task Jump(string exerciseId, TimeSpan to)
    {
        var response = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/clock/jump", new TimeRequest(TimeText.FormatOffset(to)), WebNode.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<ExerciseEvent>> Events(string exerciseId) =>
        await fixture.Controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{exerciseId}/events", WebNode.Json) ?? [];

    // The request's receipt does not wait for trigger evaluation (a one-way call): the control room
    // hears "exercise changed" on its hub when the trigger is logged, and reads the log then.
    private async Task<ExerciseEvent> WaitForEventAsync(string exerciseId, Func<ExerciseEvent, bool> match)
    {
        var changed = Channel.CreateUnbounded<string>();
        await using var control = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Node.BaseAddress, ControlHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(fixture.Controller.Token);
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        control.On<string>(nameof(IControlClient.ExerciseChanged), id => changed.Writer.TryWrite(id));
        await control.StartAsync();
        await control.InvokeAsync(nameof(ControlHub.Watch), exerciseId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            if ((await Events(exerciseId)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await changed.Reader.ReadAsync(timeout.Token);
        }
    }
}
