using System.Net;
using System.Net.Http.Json;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.SiteControl;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;
using ScenarioEngine.Web.SiteControl;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Site controllers (issue 17 section 2) against a real node, with real SignalR devices: the
/// account <c>test-site-controller</c> controls site-1 of the exercise <c>site-drill</c> only.
/// The tests of this class share that exercise (the account is bound to its id), so each looks at
/// what its own commands did.
/// </summary>
public sealed class SiteControllerTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    /// <summary>Two sites; inject R waits for site-1 to be raided; the witness has a card now and one at 1:00.</summary>
    public const string SiteDrill =
        """
        id: site-drill
        title: { en: "Site drill", ru: "Учение на объектах" }
        languages: [en, ru]
        defaultLanguage: en
        sites:
          - id: site-1
            name: { en: "Warehouse", ru: "Склад" }
            states: [quiet, raided]
          - id: site-2
            name: { en: "Farm", ru: "Ферма" }
            states: [quiet, raided]
        actors:
          - id: witness
            name: { en: "Witness", ru: "Свидетель" }
            role: { en: "Night guard", ru: "Ночной сторож" }
            site: site-1
            cueCards:
              - number: "C1"
                at: "0:00:00"
                subject: { en: "Who you are", ru: "Кто вы" }
                message: { en: "You saw the van arrive at night.", ru: "Вы видели, как ночью приехал фургон." }
              - number: "C2"
                at: "1:00:00"
                subject: { en: "Get nervous", ru: "Занервничайте" }
                message: { en: "Ask whether you will be protected.", ru: "Спросите, защитят ли вас." }
          - id: farmer
            name: { en: "Farmer", ru: "Фермер" }
            site: site-2
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        injects:
          - number: "R"
            to: { teams: [team-a] }
            trigger: { onSiteState: { site: site-1, state: raided } }
            subject: { en: "Raid under way", ru: "Идёт штурм" }
            message: { en: "Secure the ground floor.", ru: "Обеспечьте контроль первого этажа." }
        """;

    private const string Drill = WebNode.SiteControllerExercise;

    [Fact]
    public async Task Site_controller_reads_its_own_site_and_is_refused_every_other_site_exercise_and_endpoint()
    {
        await RunningDrillAsync();
        var other = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), SiteDrill);
        using var site = await fixture.Node.SignInSiteControllerAsync();

        var view = await site.Http.GetFromJsonAsync<SiteView>($"/api/exercises/{Drill}/site-control/site-1", WebNode.Json);
        var mine = await site.Http.GetFromJsonAsync<List<SiteRef>>("/api/site-control/sites", WebNode.Json);

        Assert.Equal("site-1", view!.SiteId);
        Assert.Equal(["witness"], view.Actors.Select(a => a.Id));
        Assert.Equal(["site-1"], mine!.Select(s => s.SiteId));
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync($"/api/exercises/{Drill}/site-control/site-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync($"/api/exercises/{other.ExerciseId}/site-control/site-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.PostAsJsonAsync($"/api/exercises/{Drill}/site-control/site-2/commands", Command(SiteCommandKind.SetState, state: "raided"), WebNode.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.PostAsJsonAsync($"/api/exercises/{other.ExerciseId}/site-control/site-1/commands", Command(SiteCommandKind.Stop), WebNode.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync($"/api/exercises/{Drill}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.PostAsJsonAsync($"/api/exercises/{Drill}/signals", new { kind = "stop" }, WebNode.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.PostAsJsonAsync($"/api/exercises/{Drill}/sites/site-2/state", new { state = "raided" }, WebNode.Json)).StatusCode);
        var snapshot = await fixture.Controller.GetAsync(Drill);
        Assert.Equal("quiet", snapshot.Sites.Single(s => s.Id == "site-2").State);
        Assert.Equal("quiet", (await fixture.Controller.GetAsync(other.ExerciseId)).Sites.Single(s => s.Id == "site-1").State);
    }

    [Fact]
    public async Task Site_view_shows_the_actors_current_and_next_cue_cards()
    {
        await RunningDrillAsync();
        using var site = await fixture.Node.SignInSiteControllerAsync();

        SiteView? view = null;
        await Wait.Until(async () =>
        {
            view = await site.Http.GetFromJsonAsync<SiteView>($"/api/exercises/{Drill}/site-control/site-1", WebNode.Json);
            return view?.Actors.Single().Current is not null;
        });

        var witness = view!.Actors.Single();
        Assert.Equal("C1", witness.Current!.Number);
        Assert.Equal("C2", witness.Next!.Number);
        Assert.Equal(TimeSpan.FromHours(1), witness.Next.DueAt);
    }

    [Fact]
    public async Task Raiding_the_site_fires_what_waits_on_it_once_though_the_command_is_sent_twice()
    {
        await RunningDrillAsync();
        await using var teamA = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(await fixture.Controller.GetAsync(Drill), "team-a"), "Team A phone");
        using var site = await fixture.Node.SignInSiteControllerAsync();
        var raid = Command(SiteCommandKind.SetState, state: "raided");

        var first = await Send(site, "site-1", raid);
        var second = await Send(site, "site-1", raid);

        Assert.False(first.Repeated);
        Assert.True(second.Repeated);
        var pushed = await teamA.WaitForPushAsync(m => m.InjectNumber == "R");
        Assert.Equal("R", pushed.InjectNumber);
        var events = await fixture.Controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{Drill}/events?max=1000", WebNode.Json);
        var raids = events!.Where(e => e.Kind == ExerciseEvents.SiteState && e.Detail == "site-1=raided").ToList();
        Assert.Single(raids);
        Assert.Equal(WebNode.SiteControllerUser, raids[0].By);
    }

    [Fact]
    public async Task Site_stop_reaches_the_sites_actors_and_the_teams_on_site_and_no_other_device()
    {
        var snapshot = await RunningDrillAsync();
        await using var witness = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "witness"), "Witness phone");
        await using var farmer = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "farmer"), "Farmer phone");
        await using var teamA = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Team A phone");
        await using var teamB = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"), "Team B phone");
        using var site = await fixture.Node.SignInSiteControllerAsync();
        await Send(site, "site-1", Command(SiteCommandKind.TeamArrived, team: "team-a"));

        var stop = await Send(site, "site-1", Command(SiteCommandKind.Stop));

        Assert.Equal(stop.SignalId, (await witness.WaitForSignalAsync()).SignalId);
        Assert.Equal(stop.SignalId, (await teamA.WaitForSignalAsync()).SignalId);
        Assert.DoesNotContain(await farmer.GetSignalsAsync(), s => s.SignalId == stop.SignalId);
        Assert.DoesNotContain(await teamB.GetSignalsAsync(), s => s.SignalId == stop.SignalId);
        Assert.Contains(await witness.GetSignalsAsync(), s => s.SignalId == stop.SignalId && s.Message["ru"].Contains("Склад", StringComparison.Ordinal));
        var status = (await fixture.Controller.GetSignalsAsync(Drill)).Single(s => s.Signal.SignalId == stop.SignalId);
        Assert.Equal("site-1", status.SiteId);
        // Earlier tests' phones of the witness and team A share this exercise and count too; the farmer's and team B's never do.
        var expected = status.Devices.Select(d => d.DeviceId).ToList();
        Assert.Contains(witness.Session.DeviceId, expected);
        Assert.Contains(teamA.Session.DeviceId, expected);
        Assert.DoesNotContain(farmer.Session.DeviceId, expected);
        Assert.DoesNotContain(teamB.Session.DeviceId, expected);
        Assert.Equal(ClockStatus.Running, (await fixture.Controller.GetAsync(Drill)).Status);

        await Send(site, "site-1", Command(SiteCommandKind.ClearStop, signal: stop.SignalId));
        Assert.DoesNotContain(await witness.GetSignalsAsync(), s => s.SignalId == stop.SignalId);
    }

    [Fact]
    public async Task Site_controller_answers_calls_from_its_site_and_cannot_answer_another_sites()
    {
        var snapshot = await RunningDrillAsync();
        await using var witness = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "witness"), "Witness phone");
        await using var farmer = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "farmer"), "Farmer phone");
        var here = $"call-{Guid.NewGuid():N}";
        var there = $"call-{Guid.NewGuid():N}";
        await witness.InvokeAsync(nameof(DeviceHub.CallController), new ControllerCall { CallId = here, Note = "interpreter missing" });
        await farmer.InvokeAsync(nameof(DeviceHub.CallController), new ControllerCall { CallId = there });
        using var site = await fixture.Node.SignInSiteControllerAsync();

        var view = await site.Http.GetFromJsonAsync<SiteView>($"/api/exercises/{Drill}/site-control/site-1", WebNode.Json);
        await Send(site, "site-1", Command(SiteCommandKind.AnswerCall, call: here));
        var refused = await site.Http.PostAsJsonAsync($"/api/exercises/{Drill}/site-control/site-1/commands", Command(SiteCommandKind.AnswerCall, call: there), WebNode.Json);

        Assert.Contains(view!.Actors.Single().Calls, c => c.Call.CallId == here);
        Assert.DoesNotContain(view.Actors.SelectMany(a => a.Calls), c => c.Call.CallId == there);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var calls = await fixture.Controller.Http.GetFromJsonAsync<List<ControllerCallRecord>>($"/api/exercises/{Drill}/calls", WebNode.Json);
        Assert.Equal(WebNode.SiteControllerUser, calls!.Single(c => c.Call.CallId == here).AnsweredBy);
        Assert.Null(calls!.Single(c => c.Call.CallId == there).AnsweredAt);
    }

    private async Task<ExerciseSnapshot> RunningDrillAsync()
    {
        var snapshot = await fixture.Controller.EnsureExerciseAsync(Drill, SiteDrill);
        return snapshot.Status == ClockStatus.Ready ? await fixture.Controller.StartAsync(Drill) : snapshot;
    }

    private static SiteCommand Command(SiteCommandKind kind, string? state = null, string? team = null, string? call = null, string? signal = null) =>
        new() { CommandId = Guid.NewGuid().ToString("N"), Kind = kind, State = state, TeamId = team, CallId = call, SignalId = signal };

    private static async Task<SiteCommandReceipt> Send(ControllerClient client, string siteId, SiteCommand command)
    {
        var response = await client.Http.PostAsJsonAsync($"/api/exercises/{Drill}/site-control/{siteId}/commands", command, WebNode.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SiteCommandReceipt>(WebNode.Json))!;
    }
}
