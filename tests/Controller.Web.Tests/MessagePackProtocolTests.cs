using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>The device hub also speaks SignalR's MessagePack protocol (binary frames, used by the benchmark's clients).</summary>
public sealed class MessagePackProtocolTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task Delivered_message_round_trips_over_MessagePack_as_it_does_over_JSON()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var json = await DeviceClient.ConnectAsync(fixture.Node.BaseAddress, session);
        await using var binary = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Node.BaseAddress, DeviceHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(session.Token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddMessagePackProtocol()
            .Build();
        var pushed = new TaskCompletionSource<DeliveredMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        binary.On<DeliveredMessage>(nameof(IDeviceClient.Deliver), message => pushed.TrySetResult(message));
        await binary.StartAsync();
        // StartAsync returns at the handshake, while the server may still be adding the connection
        // to its device's group; a hub call is served only after that, so the push cannot miss it.
        Assert.Empty((await binary.InvokeAsync<SyncResult>(nameof(DeviceHub.Sync), 0L, 10)).Messages);

        await fixture.Controller.FireAsync(exercise.ExerciseId, "4");

        var overJson = await json.WaitForPushAsync(m => m.InjectNumber == "4");
        var overMessagePack = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equivalent(overJson, overMessagePack, strict: true);
        Assert.Equal(overJson.FiredAt, overMessagePack.FiredAt);
        var synced = await binary.InvokeAsync<SyncResult>(nameof(DeviceHub.Sync), 0L, 10);
        Assert.Equivalent(overJson, Assert.Single(synced.Messages), strict: true);
    }
}
