using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;

namespace ScenarioEngine.EndToEnd.Tests;

/// <summary>
/// The exercise clock survives its process: killed while injects are due, the durable reminder
/// reactivates the exercise grain in the restarted process and every due inject fires exactly once,
/// without anyone calling the exercise.
/// </summary>
public sealed class ClockRecoveryTests : DurableWebNodeFixture
{
    private const string Scenario =
        """
        id: recovery
        title: { en: "Recovery drill" }
        languages: [en]
        teams:
          - id: team-a
            name: { en: "Team A" }
        injects:
          - { number: "1", at: "0:00:01", to: { teams: [team-a] }, subject: { en: "One" }, message: { en: "1" } }
          - { number: "2", at: "0:00:06", to: { teams: [team-a] }, subject: { en: "Two" }, message: { en: "2" } }
          - { number: "3", trigger: { after: { inject: "2", delay: "0:00:02" } }, to: { teams: [team-a] }, subject: { en: "Three" }, message: { en: "3" } }
        """;

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } =
        new Dictionary<string, string> { ["ScenarioEngine__ClockWatchdogPeriod"] = "00:00:02" };

    [Fact]
    public async Task Process_killed_while_injects_are_due_fires_each_once_after_restart_by_the_reminder_alone()
    {
        const string exerciseId = "recovery";
        Web.Auth.JoinResponse session;
        IReadOnlyList<Delivery.DeliveredMessage> heldBeforeKill;
        using (var controller = await ControllerClient.SignInAsync(Web.BaseAddress))
        {
            var exercise = await controller.CreateExerciseAsync(exerciseId, Scenario);
            session = await DeviceClient.JoinAsync(Web.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
            await using var device = await DeviceClient.ConnectAsync(Web.BaseAddress, session);
            await controller.StartAsync(exerciseId);
            await device.WaitForPushAsync(m => m.InjectNumber == "1", TimeSpan.FromSeconds(30));
            heldBeforeKill = device.Held;
        }

        // Injects 2 and 3 fall due while the process is dead or still starting.
        await Web.KillAsync();
        await Web.RestartAsync();

        // Only the device's mailbox is touched here: the exercise grain wakes by its reminder.
        await using var reconnected = await DeviceClient.ConnectAsync(Web.BaseAddress, session, heldBeforeKill);
        if (reconnected.Held.All(m => m.InjectNumber != "3"))
        {
            await reconnected.WaitForPushAsync(m => m.InjectNumber == "3", TimeSpan.FromSeconds(60));
        }

        // A fresh device syncs the whole mailbox: each inject once, in order.
        await using var fresh = await DeviceClient.ConnectAsync(Web.BaseAddress, session);
        Assert.Equal([("1", 1L), ("2", 2L), ("3", 3L)], fresh.Held.Select(m => (m.InjectNumber, m.Sequence)));
        using var after = await ControllerClient.SignInAsync(Web.BaseAddress);
        var snapshot = await after.GetAsync(exerciseId);
        Assert.All(snapshot.Injects, i => Assert.Equal(InjectStatus.Fired, i.Status));
        Assert.Equal("clock", snapshot.Injects.Single(i => i.Number == "3").FiredBy);
    }
}
