using System.Net.Http.Json;
using System.Text;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>Every controller action lands in the exercise's event log with the controller who did it, and the live feed shows the name.</summary>
public sealed class WhoDidWhatTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Every_controller_action_is_logged_with_the_controller_who_did_it_and_the_clocks_own_fires_name_no_one()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        (await Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId = id, scenarioYaml = TestScenarios.TwoTeamsOneActor, draft = true }, WebNode.Json)).EnsureSuccessStatusCode();
        var sheet = await Controller.Http.GetByteArrayAsync($"/api/exercises/{id}/msel?format=csv");
        using (var csv = new ByteArrayContent(sheet))
        {
            csv.Headers.ContentType = new("text/csv");
            (await Controller.Http.PostAsync($"/api/exercises/{id}/msel?fileName=msel.csv", csv)).EnsureSuccessStatusCode();
        }

        await Post(id, "ready");
        await Post(id, "start");
        await Post(id, "clock/speed", new { speed = 2 });
        await Post(id, "injects/2/hold");
        await Post(id, "injects/2/release");
        await Post(id, "injects/3/skip");
        await Post(id, "injects/4/retime", new { at = "1:00:00" });
        // Inject 1 is due at 0:00:02: the jump fires it by its own trigger.
        await Post(id, "clock/jump", new { at = "0:00:05" });
        await Post(id, "injects/2/fire");
        await Controller.RotateJoinCodeAsync(id, "team", "team-b");
        var exercise = await Controller.GetAsync(id);
        await using (var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a")))
        {
            await Controller.RevokeAsync(id, phone.Session.DeviceId);
        }

        var stop = await Controller.RaiseSignalAsync(id, SignalKind.Stop);
        await Controller.ClearSignalAsync(id, stop.SignalId);
        await Post(id, "resume");
        await Post(id, "end");

        var events = (await Controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{id}/events", WebNode.Json))!;
        string[] byController =
        [
            ExerciseEvents.MselImported, ExerciseEvents.Ready, ExerciseEvents.Started, ExerciseEvents.SpeedChanged, ExerciseEvents.InjectHeld,
            ExerciseEvents.InjectReleased, ExerciseEvents.InjectSkipped, ExerciseEvents.InjectRetimed, ExerciseEvents.Jumped, ExerciseEvents.JoinCodeRotated,
            ExerciseEvents.DeviceRevoked, ExerciseEvents.SignalRaised, ExerciseEvents.Paused, ExerciseEvents.SignalCleared, ExerciseEvents.Resumed, ExerciseEvents.Ended,
        ];
        Assert.All(byController, kind => Assert.Contains(events, e => e.Kind == kind && e.By == WebNode.ControllerUser));
        Assert.Equal(WebNode.ControllerUser, Assert.Single(events, e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "2").By);
        Assert.Null(Assert.Single(events, e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "1").By);
        Assert.Null(Assert.Single(events, e => e.Kind == ExerciseEvents.Created).By);
        Assert.Equal(WebNode.ControllerUser, (await Controller.GetAsync(id)).Injects.Single(i => i.Number == "2").FiredBy);
    }

    [Fact]
    public async Task Live_feed_names_the_controller_who_fired_an_inject_and_raised_a_signal()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await Controller.StartAsync(exercise.ExerciseId);
        await Controller.FireAsync(exercise.ExerciseId, "2");
        await Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Stop);
        using var browser = await DashboardSession.SignInAsync(fixture.Node.BaseAddress);

        var feed = await browser.GetStringAsync($"/exercises/{exercise.ExerciseId}/feed");

        var lines = feed.Split("<li", StringSplitOptions.None);
        Assert.Contains(lines, l => l.Contains("feed-inject-fired", StringComparison.Ordinal) && l.Contains("data-testid=\"by\"", StringComparison.Ordinal) && l.Contains(WebNode.ControllerUser, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("feed-signal-raised", StringComparison.Ordinal) && l.Contains(WebNode.ControllerUser, StringComparison.Ordinal));
    }

    private async Task Post(string id, string action, object? body = null)
    {
        var response = body is null
            ? await Controller.Http.PostAsync($"/api/exercises/{id}/{action}", content: null)
            : await Controller.Http.PostAsync($"/api/exercises/{id}/{action}", new StringContent(System.Text.Json.JsonSerializer.Serialize(body, WebNode.Json), Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
