using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>With Redis configured, nothing a drill has done is lost when the process dies.</summary>
public sealed class RestartTests : DurableWebNodeFixture
{

    [Fact]
    public async Task Exercise_mailbox_and_responses_survive_a_killed_process_and_nothing_fires_twice()
    {
        const string exerciseId = "durable";
        ExerciseSnapshot exercise;
        JoinResponseAndReceipt before;
        using (var controller = await ControllerClient.SignInAsync(Web.BaseAddress))
        {
            exercise = await controller.CreateExerciseAsync(exerciseId);
            var session = await DeviceClient.JoinAsync(Web.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
            await using var device = await DeviceClient.ConnectAsync(Web.BaseAddress, session);
            await controller.StartAsync(exerciseId);
            await device.WaitForPushAsync(m => m.InjectNumber == "1", TimeSpan.FromSeconds(30));
            await controller.FireAsync(exerciseId, "4");
            var order = await device.WaitForPushAsync(m => m.InjectNumber == "4");
            var receipt = await device.RespondAsync("response-before-crash", order.Sequence, "Plate A123BC");
            before = new JoinResponseAndReceipt(session, receipt);
        }

        await Web.RestartAsync();

        using var after = await ControllerClient.SignInAsync(Web.BaseAddress);
        var snapshot = await after.GetAsync(exerciseId);
        Assert.Equal(ClockStatus.Running, snapshot.Status);
        Assert.All(snapshot.Injects.Where(i => i.Number is "1" or "4"), i => Assert.Equal(InjectStatus.Fired, i.Status));
        Assert.Equal(exercise.JoinCodes.Select(c => c.Code), snapshot.JoinCodes.Select(c => c.Code));

        // The token issued before the crash still works: the signing key is kept in grain storage.
        await using var reconnected = await DeviceClient.ConnectAsync(Web.BaseAddress, before.Session);
        Assert.Equal([("1", 1L), ("4", 2L)], reconnected.Held.Select(m => (m.InjectNumber, m.Sequence)));

        var retry = await reconnected.RespondAsync("response-before-crash", 2, "Plate A123BC");
        Assert.True(retry.Duplicate);
        Assert.Equal(before.Receipt.StoredAt, retry.StoredAt);
        Assert.Single(await after.GetResponsesAsync(exerciseId, "team-a"));

        await after.FireAsync(exerciseId, "2");
        await after.FireAsync(exerciseId, "4");
        Assert.Empty(await reconnected.SyncAsync());
    }

    private sealed record JoinResponseAndReceipt(Web.Auth.JoinResponse Session, Delivery.ResponseReceipt Receipt);
}
