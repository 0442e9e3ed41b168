using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>Evaluators' phones on the wire: their own join codes, a brief of only their teams and sites, observations stored once.</summary>
public sealed class EvaluatorDeviceTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    private async Task<(string ExerciseId, DeviceClient Evaluator)> SampleWithEvaluatorAsync(string evaluatorId = "eval-1")
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        var device = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, evaluatorId), "Irina");
        return (exercise.ExerciseId, device);
    }

    private IObservationLogGrain Log(string exerciseId) =>
        fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(exerciseId);

    private static ObservationSubmission Rating(string id, string team = "team-a", Rating rating = Evaluation.Rating.S, string? corrects = null) => new()
    {
        ObservationId = id,
        ObservedAt = DateTimeOffset.UtcNow,
        TeamId = team,
        SiteId = "sauna",
        CriticalTaskId = "identify-screen",
        Rating = rating,
        Note = "Screened the women one by one",
        Corrects = corrects,
    };

    [Fact]
    public async Task Every_evaluator_of_the_scenario_gets_a_join_code_that_joins_as_an_evaluator()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);

        var codes = exercise.JoinCodes.Where(c => c.Recipient.Kind == RecipientKind.Evaluator).Select(c => c.Recipient.Id).Order().ToList();
        var joined = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "eval-2"));

        Assert.Equal(["eval-1", "eval-2"], codes);
        Assert.Equal(("evaluator", "eval-2"), (joined.Role, joined.RecipientId));
        Assert.Equal("Evaluator 2 (financial investigation)", joined.RecipientName["en"]);
    }

    [Fact]
    public async Task Evaluator_join_code_prints_as_a_qr_code_like_the_others()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        var code = ControllerClient.JoinCodeOf(exercise, "eval-1");

        var svg = await Controller.Http.GetStringAsync($"/api/exercises/{exercise.ExerciseId}/join-codes/{code}/qr.svg");

        Assert.Contains($"/app/?code={code}</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluator_brief_names_only_the_assigned_teams_and_sites_and_the_injects_in_play_for_them()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;
        await Controller.StartAsync(exerciseId);
        await Controller.FireAsync(exerciseId, "2"); // team-b only: not this evaluator's
        await Controller.FireAsync(exerciseId, "1"); // team-a

        var brief = await evaluator.InvokeAsync<EvaluatorBrief>(nameof(DeviceHub.GetEvaluatorBrief));

        Assert.Equal(["team-a", "team-c"], brief.Teams.Select(t => t.Id));
        Assert.Equal(["sauna", "farm"], brief.Sites.Select(s => s.Id));
        Assert.Contains(brief.Tasks, t => t.Id == "identify-screen" && t.ObjectiveId == "identify");
        Assert.DoesNotContain(brief.InPlay, i => i.InjectNumber == "2");
        Assert.Equal("1", brief.InPlay[0].InjectNumber);
        Assert.Equal(["team-a"], brief.InPlay[0].Teams);
    }

    [Fact]
    public async Task Evaluator_brief_on_the_wire_carries_subjects_but_no_message_expected_action_or_controller_note()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;
        await Controller.StartAsync(exerciseId);
        await Controller.FireAsync(exerciseId, "1");
        var sample = Scenarios.ScenarioLoader.LoadSample();
        var inject = sample.Injects.Single(i => i.Number == "1");

        var frame = (await evaluator.InvokeAsync<System.Text.Json.JsonElement>(nameof(DeviceHub.GetEvaluatorBrief))).GetRawText();

        Assert.Contains(inject.Subject["en"], frame, StringComparison.Ordinal);
        Assert.DoesNotContain(inject.Message["en"][..30], frame, StringComparison.Ordinal);
        Assert.DoesNotContain(inject.ExpectedAction["en"][..30], frame, StringComparison.Ordinal);
        Assert.DoesNotContain(inject.ControllerNotes![..30], frame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_observation_sent_twice_is_stored_once_and_the_second_receipt_says_duplicate()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;
        await Controller.StartAsync(exerciseId);

        var first = await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("obs-1"));
        var again = await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("obs-1"));

        var log = await Log(exerciseId).List();
        var stored = Assert.Single(log);
        Assert.Equal((false, true, first.Sequence), (first.Duplicate, again.Duplicate, again.Sequence));
        Assert.Equal(("eval-1", "team-a", "identify", Evaluation.Rating.S, "obs-1"), (stored.Entry.Evaluator, stored.Entry.TeamId, stored.Entry.ObjectiveId, stored.Entry.Rating, stored.Entry.ClientId));
    }

    [Fact]
    public async Task An_observation_written_offline_keeps_the_exercise_time_it_was_seen_at_not_the_time_it_arrived()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;
        await Controller.StartAsync(exerciseId);
        var seenAt = DateTimeOffset.UtcNow;
        (await Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/clock/jump", new { at = "02:00:00" }, WebNode.Json)).EnsureSuccessStatusCode();
        var now = await Controller.GetAsync(exerciseId);

        var receipt = await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("obs-late") with { ObservedAt = seenAt });

        Assert.True(now.ScenarioTime >= TimeSpan.FromHours(2), $"the jump moved the clock to {now.ScenarioTime}");
        Assert.True(receipt.ScenarioTime < TimeSpan.FromMinutes(5), $"seen before the jump, stored at {receipt.ScenarioTime}");
    }

    [Fact]
    public async Task A_correction_is_a_new_entry_naming_the_earlier_one_and_the_latest_counts()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;

        await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("obs-a", rating: Evaluation.Rating.M));
        var correction = await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("obs-b", rating: Evaluation.Rating.P, corrects: "obs-a"));

        var log = await Log(exerciseId).List();
        var current = Assert.Single(ObservationCorrections.Current(log));
        Assert.Equal(2, log.Count);
        Assert.Equal(log[0].Sequence, log[1].Entry.Corrects);
        Assert.Equal((Evaluation.Rating.P, log[0].Sequence), (current.Entry.Rating, current.Sequence));
        Assert.Equal(log[1].Sequence, correction.Sequence);
        var recorded = Assert.Single((await evaluator.InvokeAsync<EvaluatorBrief>(nameof(DeviceHub.GetEvaluatorBrief))).Recorded);
        Assert.Equal(("obs-b", Evaluation.Rating.P), (recorded.ObservationId, recorded.Rating));
    }

    [Fact]
    public async Task An_evaluator_cannot_correct_another_evaluators_observation()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        await using var one = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "eval-1"));
        await using var two = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "eval-2"));
        await one.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("mine"));

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            two.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("theirs", team: "team-b", corrects: "mine") with { SiteId = "construction" }));

        Assert.Contains("no observation 'mine'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluator_cannot_rate_a_team_or_site_they_are_not_assigned()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;

        var team = await Assert.ThrowsAsync<HubException>(() => evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("x1", team: "team-b")));
        var site = await Assert.ThrowsAsync<HubException>(() => evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("x2") with { SiteId = "construction" }));

        Assert.Contains("team-b", team.Message, StringComparison.Ordinal);
        Assert.Contains("construction", site.Message, StringComparison.Ordinal);
        Assert.Empty(await Log(exerciseId).List());
    }

    [Fact]
    public async Task Observed_now_note_links_the_inject_in_play_and_a_photo_and_location_and_rates_nothing()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;
        await Controller.StartAsync(exerciseId);
        await Controller.FireAsync(exerciseId, "1");
        var photoId = Guid.NewGuid().ToString();
        using var http = new HttpClient { BaseAddress = Server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", evaluator.Session.Token);
        using var photo = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        (await http.PutAsync($"/api/devices/attachments/{photoId}", photo)).EnsureSuccessStatusCode();

        await evaluator.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), new ObservationSubmission
        {
            ObservationId = "now-1",
            ObservedAt = DateTimeOffset.UtcNow,
            SiteId = "sauna",
            TeamId = "team-a",
            InjectNumber = "1",
            Note = "Team A enters without the interpreter",
            AttachmentIds = [photoId],
            Location = new GeoPoint { Latitude = 55.75, Longitude = 37.62, AccuracyMeters = 12 },
        });

        var stored = Assert.Single(await Log(exerciseId).List()).Entry;
        Assert.Equal(("1", (Rating?)null, "sauna", photoId, 55.75), (stored.InjectNumber, stored.Rating, stored.SiteId, stored.AttachmentIds.Single(), stored.Location!.Latitude));
    }

    [Fact]
    public async Task An_evaluator_device_cannot_respond_to_injects_or_read_a_teams_responses()
    {
        var (_, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;

        var respond = await Assert.ThrowsAsync<HubException>(() => evaluator.RespondAsync(new ResponseSubmission { ResponseId = "r-1", Sequence = 1, Text = "raid" }));
        var read = await Assert.ThrowsAsync<HubException>(() => evaluator.InvokeAsync<List<StoredResponse>>(nameof(DeviceHub.GetResponses), 1L));

        Assert.Contains("do not respond", respond.Message, StringComparison.Ordinal);
        Assert.Contains("no team's responses", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluator_device_receives_no_team_inject_while_the_exercise_runs()
    {
        var (exerciseId, evaluator) = await SampleWithEvaluatorAsync();
        await using var _ = evaluator;
        await Controller.StartAsync(exerciseId);
        foreach (var inject in Scenarios.ScenarioLoader.LoadSample().Injects)
        {
            await Controller.FireAsync(exerciseId, inject.Number);
        }

        Assert.Empty(await evaluator.SyncAsync());
        Assert.Empty(evaluator.Pushed);
    }

    [Fact]
    public async Task A_participant_device_cannot_record_observations_or_read_the_evaluator_brief()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        await using var participant = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await Assert.ThrowsAsync<HubException>(() => participant.InvokeAsync<ObservationReceipt>(nameof(DeviceHub.Observe), Rating("p-1")));
        await Assert.ThrowsAsync<HubException>(() => participant.InvokeAsync<EvaluatorBrief>(nameof(DeviceHub.GetEvaluatorBrief)));

        Assert.Empty(await Log(exercise.ExerciseId).List());
    }
}
