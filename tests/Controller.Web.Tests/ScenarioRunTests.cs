using System.Net;
using System.Net.Http.Json;
using System.Text;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>A scenario run end to end on an accelerated clock through real SignalR devices (issue 3).</summary>
public sealed class ScenarioRunTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Accelerated_run_branches_on_the_teams_choice_and_drops_the_contingency_it_no_longer_needs()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), TestScenarios.Branching);
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"));

        await Controller.StartAsync(id);
        await Post(id, "clock/speed", new { speed = 60 });
        var tip = await teamA.WaitForPushAsync(m => m.InjectNumber == "1", TimeSpan.FromSeconds(20));
        await teamA.InvokeAsync<ResponseReceipt>("Respond", new ResponseSubmission
        {
            ResponseId = Guid.NewGuid().ToString(),
            Sequence = tip.Sequence,
            Fields = new Dictionary<string, string> { ["decision"] = "observe" },
        });
        var branch = await teamA.WaitForPushAsync(m => m.InjectNumber is "2" or "3", TimeSpan.FromSeconds(20));
        var followUp = await teamA.WaitForPushAsync(m => m.InjectNumber == "5", TimeSpan.FromSeconds(30));

        Assert.Equal("2", branch.InjectNumber);
        Assert.Equal(["decision"], tip.ResponseForm!.Fields.Select(f => f.Id));
        Assert.Equal(TimeSpan.FromMinutes(10), tip.RespondWithin);
        Assert.Equal(3, followUp.Sequence);
        Assert.False(await teamB.AnyPushWithinAsync(Quiet));
        var snapshot = await Controller.GetAsync(id);
        Assert.Equal(
            [("1", InjectStatus.Fired), ("2", InjectStatus.Fired), ("3", InjectStatus.Pending), ("4", InjectStatus.Skipped), ("5", InjectStatus.Fired), ("6", InjectStatus.Pending)],
            snapshot.Injects.Where(i => i.Number != "C1").Select(i => (i.Number, i.Status)));
        var events = await Controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{id}/events", WebNode.Json);
        Assert.Contains(events!, e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "2");
        Assert.Contains(events!, e => e.Kind == ExerciseEvents.ContingencyNotNeeded && e.InjectNumber == "4");
        Assert.Contains(events!, e => e.Kind == ExerciseEvents.SpeedChanged);
    }

    [Fact]
    public async Task Silent_team_gets_the_contingency_to_the_other_team_and_a_site_raid_triggers_its_inject()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), TestScenarios.Branching);
        var id = exercise.ExerciseId;
        await using var teamB = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-b"));

        await Controller.StartAsync(id);
        await Post(id, "clock/jump", new { at = "0:01:00" });
        await Post(id, "clock/jump", new { at = "0:12:00" });
        var contingency = await teamB.WaitForPushAsync(m => m.InjectNumber == "4", TimeSpan.FromSeconds(20));
        await Post(id, "sites/warehouse/state", new { state = "raided" });
        var raid = await teamB.WaitForPushAsync(m => m.InjectNumber == "6", TimeSpan.FromSeconds(20));

        Assert.Equal((1L, 2L), (contingency.Sequence, raid.Sequence));
        Assert.Equal("raided", (await Controller.GetAsync(id)).Sites.Single().State);
    }

    [Fact]
    public async Task Held_inject_waits_until_released_and_a_skipped_one_never_fires_by_itself()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), TestScenarios.Branching);
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await Post(id, "injects/1/hold", new { });
        await Post(id, "injects/4/skip", new { });

        await Controller.StartAsync(id);
        await Post(id, "clock/jump", new { at = "0:30:00" });
        Assert.False(await teamA.AnyPushWithinAsync(Quiet));
        await Post(id, "injects/1/release", new { });
        var released = await teamA.WaitForPushAsync(m => m.InjectNumber == "1");

        Assert.Equal(1, released.Sequence);
        var snapshot = await Controller.GetAsync(id);
        Assert.Equal(InjectStatus.Skipped, snapshot.Injects.Single(i => i.Number == "4").Status);
        Assert.Null(snapshot.Injects.Single(i => i.Number == "4").DueAt);
    }

    [Fact]
    public async Task Actor_marks_a_disclosure_from_a_cue_card_and_the_controller_sees_to_which_team()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), TestScenarios.Branching);
        await using var guard = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "guard"), "Guard actor");
        await using var teamA = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await Controller.StartAsync(exercise.ExerciseId);
        var card = await guard.WaitForPushAsync(m => m.InjectNumber == "C1");
        var record = await guard.InvokeAsync<DisclosureRecord>("MarkDisclosed", new DisclosureReport { Sequence = card.Sequence, GateId = "keys", TeamId = "team-a", Note = "asked twice" });
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            teamA.InvokeAsync<DisclosureRecord>("MarkDisclosed", new DisclosureReport { Sequence = 1, GateId = "keys", TeamId = "team-a" }));

        Assert.Equal(MessageKind.CueCard, card.Kind);
        Assert.Equal("The boss has the keys.", card.Disclosures.Single().Fact["en"]);
        Assert.False(record.GateOpen);
        Assert.Contains("Only actors", refused.Message, StringComparison.Ordinal);
        var seen = await Controller.Http.GetFromJsonAsync<List<DisclosureRecord>>($"/api/exercises/{exercise.ExerciseId}/disclosures", WebNode.Json);
        var one = Assert.Single(seen!);
        Assert.Equal(("guard", "keys", "team-a", "C1"), (one.ActorId, one.GateId, one.TeamId, one.InjectNumber));
        Assert.DoesNotContain(teamA.RawFrames, frame => frame.Contains("boss has the keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disclosure_reported_twice_with_one_disclosure_id_is_stored_once()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), TestScenarios.Branching);
        await using var guard = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "guard"), "Guard actor");
        await Controller.StartAsync(exercise.ExerciseId);
        var card = await guard.WaitForPushAsync(m => m.InjectNumber == "C1");
        var report = new DisclosureReport { Sequence = card.Sequence, GateId = "keys", TeamId = "team-a", DisclosureId = "d-1" };

        var first = await guard.InvokeAsync<DisclosureRecord>("MarkDisclosed", report);
        var retried = await guard.InvokeAsync<DisclosureRecord>("MarkDisclosed", report);
        await guard.InvokeAsync<DisclosureRecord>("MarkDisclosed", report with { DisclosureId = null, Note = "an old app sends no id" });

        Assert.Equal((first.At, "d-1"), (retried.At, retried.DisclosureId));
        var stored = await Controller.Http.GetFromJsonAsync<List<DisclosureRecord>>($"/api/exercises/{exercise.ExerciseId}/disclosures", WebNode.Json);
        Assert.Equal(["d-1", null], stored!.Select(d => d.DisclosureId));
    }

    [Fact]
    public async Task Msel_spreadsheet_imports_into_a_draft_and_a_bad_one_is_refused_whole_in_russian()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var created = await Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId = id, scenarioYaml = TestScenarios.TwoTeamsOneActor, draft = true }, WebNode.Json);
        created.EnsureSuccessStatusCode();
        const string good = "№;Время;Кому;Тема (en);Тема (ru);Сообщение (en);Сообщение (ru)\r\n1;0:05;Группа А;Tip;Наводка;Text;Текст\r\n2;;Группа Б;Lead;Данные;Text;Текст\r\n";
        const string bad = "№;Время;Кому;Тема (en);Тема (ru);Сообщение (en);Сообщение (ru)\r\n1;скоро;Группа Я;Tip;Наводка;Text;Текст\r\n";

        var refused = await Import(id, bad);
        var imported = await Import(id, good);
        var ready = await Controller.Http.PostAsync($"/api/exercises/{id}/ready", null);
        var exported = await Controller.Http.GetStringAsync($"/api/exercises/{id}/msel?format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("строка 2, столбец B (Время)", body, StringComparison.Ordinal);
        Assert.Contains("строка 2, столбец C (Кому)", body, StringComparison.Ordinal);
        imported.EnsureSuccessStatusCode();
        ready.EnsureSuccessStatusCode();
        var snapshot = await Controller.GetAsync(id);
        Assert.Equal((ClockStatus.Ready, 2), (snapshot.Status, snapshot.Injects.Count));
        Assert.Contains("Наводка", exported, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Import(string id, string csv)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new("text/csv");
        return await Controller.Http.PostAsync($"/api/exercises/{id}/msel?fileName=msel.csv&lang=ru", content);
    }

    private async Task Post(string id, string action, object body)
    {
        var response = await Controller.Http.PostAsJsonAsync($"/api/exercises/{id}/{action}", body, WebNode.Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {action}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
