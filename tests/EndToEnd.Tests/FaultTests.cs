using System.Text;
using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>
/// Failures in the middle of a drill, each on its own cluster of real processes (redis-server,
/// one silo, two web nodes): nothing is lost or duplicated, counted message by message.
/// </summary>
public sealed class FaultTests : ClusterFixture
{
    private const int InjectCount = 50;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Device_offline_while_fifty_injects_fire_gets_each_exactly_once_on_reconnect()
    {
        var (controller, exerciseId, session) = await StartExercise();
        await using (var device = await DeviceClient.ConnectAsync(WebA.BaseAddress, session))
        {
            await controller.FireAsync(exerciseId, "1");
            await device.WaitForPushAsync(m => m.InjectNumber == "1");
        }

        for (var n = 2; n <= InjectCount; n++)
        {
            await controller.FireAsync(exerciseId, n.ToString());
        }

        await using var back = await DeviceClient.ConnectAsync(WebB.BaseAddress, session, [new() { Sequence = 1, DeliveryId = $"{exerciseId}|team|team-a|1", InjectNumber = "1", Kind = Delivery.MessageKind.Inject, From = [], Method = Scenarios.DeliveryMethod.Document, Subject = [], Message = [], FiredAt = DateTimeOffset.UtcNow, ResponseRequested = false }]);
        AssertEachInjectOnceInOrder(back.Held, InjectCount);
        controller.Dispose();
    }

    [Fact]
    public async Task Device_whose_web_node_is_killed_reconnects_to_the_other_and_misses_nothing()
    {
        var (controller, exerciseId, session) = await StartExercise(); // controller on web A
        var onB = await DeviceClient.ConnectAsync(WebB.BaseAddress, session);
        await controller.FireAsync(exerciseId, "1");
        await onB.WaitForPushAsync(m => m.InjectNumber == "1");
        var held = onB.Held;

        await WebB.KillAsync();
        await onB.DisposeAsync();
        for (var n = 2; n <= 10; n++)
        {
            await controller.FireAsync(exerciseId, n.ToString());
        }

        await using var onA = await DeviceClient.ConnectAsync(WebA.BaseAddress, session, held);
        await controller.FireAsync(exerciseId, "11");
        await onA.WaitForPushAsync(m => m.InjectNumber == "11");
        AssertEachInjectOnceInOrder(onA.Held, 11);
        controller.Dispose();
    }

    [Fact]
    public async Task Silo_process_restarted_mid_exercise_keeps_every_mailbox_and_deliveries_resume()
    {
        var (controller, exerciseId, session) = await StartExercise();
        await using var device = await DeviceClient.ConnectAsync(WebA.BaseAddress, session);
        for (var n = 1; n <= 5; n++)
        {
            await controller.FireAsync(exerciseId, n.ToString());
        }

        await device.WaitForPushAsync(m => m.InjectNumber == "5", TimeSpan.FromSeconds(30));

        await Silo.RestartAsync();

        // Fired as soon as the cluster answers, possibly before this web node is back in the
        // directory: then its push is lost, and the node's Resync request repairs it.
        await Wait.UntilSucceeds(() => controller.FireAsync(exerciseId, "6"), Recovery);
        await Wait.Until(() => device.Held.Any(m => m.InjectNumber == "6"), Recovery);
        for (var n = 7; n <= 10; n++)
        {
            await controller.FireAsync(exerciseId, n.ToString());
        }

        // By push, or by the sync a Resync request starts when the push went nowhere.
        await Wait.Until(() => device.Held.Any(m => m.InjectNumber == "10"), Recovery);
        await device.SyncAsync();
        AssertEachInjectOnceInOrder(device.Held, 10);

        // The restarted directory did not know the web node, so the node asked its devices to sync.
        await Wait.Until(() => device.ResyncRequests > 0, Recovery);
        controller.Dispose();
    }

    [Fact]
    public async Task Redis_restarted_mid_exercise_loses_nothing_and_stores_nothing_twice()
    {
        var (controller, exerciseId, session) = await StartExercise();
        await using var device = await DeviceClient.ConnectAsync(WebA.BaseAddress, session);
        await controller.FireAsync(exerciseId, "1");
        var first = await device.WaitForPushAsync(m => m.InjectNumber == "1");
        await device.RespondAsync("before-redis-restart", first.Sequence, "one");

        await Redis.RestartAsync();

        await Wait.UntilSucceeds(() => controller.FireAsync(exerciseId, "2"), Recovery);
        await Wait.UntilSucceeds(() => device.RespondAsync("before-redis-restart", first.Sequence, "one"), Recovery);
        await device.SyncAsync();
        AssertEachInjectOnceInOrder(device.Held, 2);
        Assert.Single(await controller.GetResponsesAsync(exerciseId, "team-a"));
        controller.Dispose();
    }

    private async Task<(ControllerClient Controller, string ExerciseId, Web.Auth.JoinResponse Session)> StartExercise()
    {
        var controller = await ControllerClient.SignInAsync(WebA.BaseAddress);
        var exerciseId = $"fault-{Guid.NewGuid():N}"[..20];
        var exercise = await controller.CreateExerciseAsync(exerciseId, ManyInjects(InjectCount));
        var session = await DeviceClient.JoinAsync(WebA.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        return (controller, exerciseId, session);
    }

    private static void AssertEachInjectOnceInOrder(IReadOnlyList<Delivery.DeliveredMessage> held, int count)
    {
        Assert.Equal(Enumerable.Range(1, count).Select(n => n.ToString()), held.Select(m => m.InjectNumber));
        Assert.Equal(Enumerable.Range(1, count).Select(n => (long)n), held.Select(m => m.Sequence));
    }


    private static string ManyInjects(int count)
    {
        var yaml = new StringBuilder(
            """
            id: many-injects
            title: { en: "Many injects" }
            languages: [en]
            teams:
              - id: team-a
                name: { en: "Team A" }
            injects:

            """);
        for (var n = 1; n <= count; n++)
        {
            yaml.AppendLine($"  - number: \"{n}\"")
                .AppendLine("    to: { teams: [team-a] }")
                .AppendLine($"    subject: {{ en: \"Inject {n}\" }}")
                .AppendLine($"    message: {{ en: \"Message {n}\" }}");
        }

        return yaml.ToString();
    }
}
