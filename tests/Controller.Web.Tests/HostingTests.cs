using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

public sealed class HostingTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await fixture.Node.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Firing_an_inject_records_an_activity_and_shows_in_the_prometheus_metrics()
    {
        var fired = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ScenarioEngineTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (fired) { fired.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        await fixture.Controller.FireAsync(exercise.ExerciseId, "2");

        lock (fired)
        {
            Assert.Contains(fired, a => a.OperationName == "inject.fire" && Equals(a.GetTagItem("scenarioengine.exercise"), exercise.ExerciseId));
            Assert.Contains(fired, a => a.OperationName == "mailbox.append" && Equals(a.GetTagItem("scenarioengine.inject"), "2"));
        }

        var metrics = await fixture.Node.Http.GetStringAsync("/metrics");
        Assert.Contains("scenarioengine_injects_fired", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fire_append_push_acknowledgement_and_response_of_an_inject_share_one_trace()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ScenarioEngineTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var device = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await fixture.Controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4");
        await device.AcknowledgeAsync(message.Sequence);
        await device.RespondAsync(Guid.NewGuid().ToString(), message.Sequence, "traced");

        List<Activity> ofThisExercise;
        lock (activities)
        {
            var fire = activities.Single(a => a.OperationName == "inject.fire" && Equals(a.GetTagItem("scenarioengine.exercise"), exercise.ExerciseId));
            ofThisExercise = activities.Where(a => a.TraceId == fire.TraceId).ToList();
        }

        Assert.Contains(ofThisExercise, a => a.OperationName == "mailbox.append");
        Assert.Contains(ofThisExercise, a => a.OperationName == "delivery.acknowledge");
        Assert.Contains(ofThisExercise, a => a.OperationName == "delivery.respond");
    }

    [Fact]
    public async Task Scenario_with_errors_is_refused_whole_with_every_problem_listed()
    {
        var bad = TestScenarios.TwoTeamsOneActor
            .Replace("to: { teams: [team-b] }", "to: { teams: [team-x] }", StringComparison.Ordinal)
            .Replace("at: \"0:00:02\"", "at: \"soon\"", StringComparison.Ordinal);
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();

        var response = await fixture.Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId, scenarioYaml = bad });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("No team 'team-x'", body, StringComparison.Ordinal);
        Assert.Contains("'soon' is not a time offset", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Controller.Http.GetAsync($"/api/exercises/{exerciseId}")).StatusCode);
    }

    [Fact]
    public async Task Starting_a_running_exercise_is_a_conflict()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await fixture.Controller.StartAsync(exercise.ExerciseId);

        var again = await fixture.Controller.Http.PostAsync($"/api/exercises/{exercise.ExerciseId}/start", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
