using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>With Redis configured, nothing a drill has done is lost when the process dies.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ProcessHost _web = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _web = await ProcessHost.StartAsync(ProcessHost.WebDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
            ["ScenarioEngine__ServiceId"] = $"restart-{Guid.NewGuid():N}",
            ["ScenarioEngine__SiloPort"] = FreePort.Next().ToString(),
            ["ScenarioEngine__GatewayPort"] = FreePort.Next().ToString(),
            ["Web__SeedSample"] = "false",
            ["Controllers__0__UserName"] = WebNode.ControllerUser,
            ["Controllers__0__PasswordHash"] = WebNode.ControllerPasswordHash.Value,
        });
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Exercise_mailbox_and_responses_survive_a_killed_process_and_nothing_fires_twice()
    {
        const string exerciseId = "durable";
        ExerciseSnapshot exercise;
        JoinResponseAndReceipt before;
        using (var controller = await ControllerClient.SignInAsync(_web.BaseAddress))
        {
            exercise = await controller.CreateExerciseAsync(exerciseId);
            var session = await DeviceClient.JoinAsync(_web.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
            await using var device = await DeviceClient.ConnectAsync(_web.BaseAddress, session);
            await controller.StartAsync(exerciseId);
            await device.WaitForPushAsync(m => m.InjectNumber == "1", TimeSpan.FromSeconds(30));
            await controller.FireAsync(exerciseId, "4");
            var order = await device.WaitForPushAsync(m => m.InjectNumber == "4");
            var receipt = await device.RespondAsync("response-before-crash", order.Sequence, "Plate A123BC");
            before = new JoinResponseAndReceipt(session, receipt);
        }

        await _web.RestartAsync();

        using var after = await ControllerClient.SignInAsync(_web.BaseAddress);
        var snapshot = await after.GetAsync(exerciseId);
        Assert.Equal(ClockStatus.Running, snapshot.Status);
        Assert.All(snapshot.Injects.Where(i => i.Number is "1" or "4"), i => Assert.Equal(InjectStatus.Fired, i.Status));
        Assert.Equal(exercise.JoinCodes.Select(c => c.Code), snapshot.JoinCodes.Select(c => c.Code));

        // The token issued before the crash still works: the signing key is kept in grain storage.
        await using var reconnected = await DeviceClient.ConnectAsync(_web.BaseAddress, before.Session);
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
