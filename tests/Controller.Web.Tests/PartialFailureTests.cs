using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Nothing is left half-done when a state write fails after the log append before it (issue 12 §7):
/// the node's grain storage fails one chosen write, and the retry or the next step finishes the job.
/// </summary>
public sealed class PartialFailureTests : IAsyncLifetime
{
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    private FailingGrainStorage Storage => _node.Services.GetRequiredService<FailingGrainStorage>();

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync(replaceServices: FailingGrainStorage.Install);
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Response_whose_progress_write_failed_ends_as_responded_and_fires_its_branch_when_retried()
    {
        var (id, teamA, response) = await RespondWithFailingProgressWrite();
        await using var device = teamA;

        var retry = await teamA.RespondAsync(response);

        Assert.True(retry.Duplicate);
        var branch = await teamA.WaitForPushAsync(m => m.InjectNumber == "2");
        Assert.Equal("2", branch.InjectNumber);
        var progress = await Progress(id, "1");
        Assert.NotNull(progress.RespondedAt);
        Assert.Equal(1, progress.ResponseCount);
        Assert.Single(await _controller.GetResponsesAsync(id, "team-a"));
    }

    [Fact]
    public async Task Response_whose_progress_write_failed_is_applied_with_the_next_new_response_without_a_retry()
    {
        // The mailbox applies a fresh response from memory, not by reading it back; this is the case
        // where the log holds one more (the failed one) that only the log can supply.
        var (id, teamA, failed) = await RespondWithFailingProgressWrite();
        await using var device = teamA;

        var second = await teamA.RespondAsync(new ResponseSubmission { ResponseId = Guid.NewGuid().ToString(), Sequence = failed.Sequence, Text = "Still watching." });

        Assert.False(second.Duplicate);
        var branch = await teamA.WaitForPushAsync(m => m.InjectNumber == "2");
        Assert.Equal("2", branch.InjectNumber);
        var progress = await Progress(id, "1");
        Assert.NotNull(progress.RespondedAt);
        Assert.Equal(2, progress.ResponseCount);
        Assert.Equal(2, (await _controller.GetResponsesAsync(id, "team-a")).Count);
    }

    /// <summary>
    /// Team A answers inject 1 with the branch's choice, and the mailbox's progress write after the
    /// stored response fails: the device gets an error, the response is in the log.
    /// </summary>
    private async Task<(string ExerciseId, DeviceClient TeamA, ResponseSubmission Response)> RespondWithFailingProgressWrite()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), TestScenarios.Branching);
        var id = exercise.ExerciseId;
        var teamA = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await _controller.StartAsync(id);
        await _controller.FireAsync(id, "1");
        var tip = await teamA.WaitForPushAsync(m => m.InjectNumber == "1");
        var response = new ResponseSubmission
        {
            ResponseId = Guid.NewGuid().ToString(),
            Sequence = tip.Sequence,
            Fields = new Dictionary<string, string> { ["decision"] = "observe" },
        };
        // The device reports receipt on its own; that write must be done before the one meant to fail.
        await Wait.Until(async () => (await Progress(id, "1")).DeliveredAt is not null);
        Storage.FailNextWrite("mailbox", RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey);

        await Assert.ThrowsAsync<HubException>(() => teamA.RespondAsync(response));
        return (id, teamA, response);
    }

    private async Task<DeliveryProgress> Progress(string exerciseId, string injectNumber) =>
        (await _controller.GetDeliveriesAsync(exerciseId)).Single(d => d.Recipient.Id == "team-a").Deliveries.Single(d => d.InjectNumber == injectNumber);

    [Fact]
    public async Task Inject_left_firing_while_the_clock_is_stopped_is_delivered_and_on_the_timeline_by_endex()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        Storage.FailNextWrite("mailbox", RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey);

        var failedFire = await _controller.Http.PostAsync($"/api/exercises/{id}/injects/4/fire", content: null);
        var stuck = (await _controller.GetAsync(id)).Injects.Single(i => i.Number == "4").Status;
        (await _controller.Http.PostAsync($"/api/exercises/{id}/end", content: null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.InternalServerError, failedFire.StatusCode);
        Assert.Equal(InjectStatus.Firing, stuck);
        Assert.Equal(InjectStatus.Fired, (await _controller.GetAsync(id)).Injects.Single(i => i.Number == "4").Status);
        var events = await _controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{id}/events", WebNode.Json);
        Assert.Contains(events!, e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "4");
        await teamA.SyncAsync();
        Assert.Single(teamA.Held, m => m.InjectNumber == "4");
    }

    [Fact]
    public async Task Inject_left_firing_while_the_clock_is_stopped_is_delivered_and_on_the_timeline_when_the_exercise_reactivates()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var id = exercise.ExerciseId;
        await using var teamA = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        Storage.FailNextWrite("mailbox", RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey);
        var failedFire = await _controller.Http.PostAsync($"/api/exercises/{id}/injects/4/fire", content: null);
        var stuck = (await _controller.GetAsync(id)).Injects.Single(i => i.Number == "4").Status;

        // The exercise grain goes away as after a crash of its silo, its clock never started; the next
        // call (any, here a read) activates it again from storage.
        var exerciseGrain = _node.Services.GetRequiredService<IGrainFactory>().GetGrain<IExerciseGrain>(id);
        await exerciseGrain.AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await Wait.Until(async () => (await _controller.GetAsync(id)).Injects.Single(i => i.Number == "4").Status == InjectStatus.Fired);

        Assert.Equal(HttpStatusCode.InternalServerError, failedFire.StatusCode);
        Assert.Equal(InjectStatus.Firing, stuck);
        var after = await _controller.GetAsync(id);
        Assert.Equal(ClockStatus.Ready, after.Status);
        var events = await _controller.Http.GetFromJsonAsync<List<ExerciseEvent>>($"/api/exercises/{id}/events", WebNode.Json);
        Assert.Single(events!, e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "4");
        await teamA.SyncAsync();
        Assert.Single(teamA.Held, m => m.InjectNumber == "4");
    }
}
