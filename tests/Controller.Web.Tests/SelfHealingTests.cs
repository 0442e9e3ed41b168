using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Delivery;

namespace ScenarioEngine.Web.Tests;

/// <summary>Issue 12: a phone that misses pushes heals by itself, with no reconnect.</summary>
public sealed class SelfHealingTests : IAsyncLifetime
{
    // Every recipient gets inject 1, so every device must end up holding it.
    private const string Scenario =
        """
        id: everyone
        title: { en: "Everyone", ru: "Все" }
        languages: [en, ru]
        defaultLanguage: en
        sites:
          - id: site-1
            name: { en: "Warehouse", ru: "Склад" }
        actors:
          - id: witness
            name: { en: "Witness", ru: "Свидетель" }
            site: site-1
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        injects:
          - number: "1"
            to: { teams: [team-a, team-b], actors: [witness] }
            subject: { en: "For all", ru: "Для всех" }
            message: { en: "Everyone reads this.", ru: "Это читают все." }
        """;

    // Short for the test; the phone app's is at most 30 s.
    private static readonly TimeSpan HealInterval = TimeSpan.FromSeconds(2);

    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync();
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Stop_and_an_inject_raised_while_every_notification_is_dropped_reach_every_connected_device_within_15_seconds_without_a_reconnect()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), Scenario);
        var id = exercise.ExerciseId;
        string[] recipients = ["team-a", "team-a", "team-a", "team-b", "team-b", "team-b", "witness", "witness"];
        var devices = await Task.WhenAll(recipients.Select(async r => await DeviceClient.ConnectAsync(
            _node.BaseAddress, await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, r)), healInterval: HealInterval)));
        try
        {
            var connectionIds = devices.Select(d => d.ConnectionId).ToList();
            await _controller.StartAsync(id);

            _node.Services.GetRequiredService<NotificationFaults>().DropFor(TimeSpan.FromSeconds(5));
            await _controller.FireAsync(id, "1");
            var stop = await _controller.RaiseSignalAsync(id, SignalKind.Stop);

            var deadline = TimeSpan.FromSeconds(15);
            await Task.WhenAll(devices.Select(d => Wait.Until(
                () => d.HeldSignals.ContainsKey(stop.SignalId) && d.Held.Any(m => m.InjectNumber == "1"), deadline)));

            Assert.Equal(recipients.Length, devices.Count(d => d.HeldSignals.ContainsKey(stop.SignalId) && d.Held.Any(m => m.InjectNumber == "1")));
            // Healed, not pushed: the pushes were dropped, and every device is still on its first connection.
            Assert.All(devices, d => Assert.DoesNotContain(d.Pushed, m => m.InjectNumber == "1"));
            Assert.Equal(connectionIds, devices.Select(d => d.ConnectionId));
            Assert.All(devices, d => Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, d.State));
            // And the control room sees the signal delivered to each of them.
            await Wait.Until(async () => (await _controller.GetSignalsAsync(id)).Single().Devices.Count(r => r.DeliveredAt is not null) == recipients.Length);
        }
        finally
        {
            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }
    }
}
