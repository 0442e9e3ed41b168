using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

public sealed class ClusterModeTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Silo_process_and_web_process_over_redis_deliver_an_inject_and_record_its_acknowledgement()
    {
        using var controller = await ControllerClient.SignInAsync(cluster.WebA.BaseAddress);
        var exercise = await controller.CreateExerciseAsync($"cluster-{Guid.NewGuid():N}"[..20]);
        await using var device = await DeviceClient.JoinAndConnectAsync(cluster.WebA.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4", TimeSpan.FromSeconds(30));
        await device.AcknowledgeAsync(message.Sequence);

        var progress = (await controller.GetDeliveriesAsync(exercise.ExerciseId)).Single(d => d.Recipient.Id == "team-a").Deliveries.Single();
        Assert.Equal(DeliveryState.Acknowledged, progress.State);
    }

    [Fact]
    public async Task Device_on_one_web_node_receives_an_inject_fired_through_the_other()
    {
        using var controllerOnA = await ControllerClient.SignInAsync(cluster.WebA.BaseAddress);
        var exercise = await controllerOnA.CreateExerciseAsync($"cross-{Guid.NewGuid():N}"[..20]);
        await using var deviceOnB = await DeviceClient.JoinAndConnectAsync(cluster.WebB.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-b"));

        await controllerOnA.FireAsync(exercise.ExerciseId, "2");

        var message = await deviceOnB.WaitForPushAsync(m => m.InjectNumber == "2", TimeSpan.FromSeconds(30));
        Assert.Equal(1, message.Sequence);
    }
}
