using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

public sealed class ControlHubTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task Watching_controller_sees_each_delivery_step_live_for_its_exercise_only()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var other = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var changes = Channel.CreateUnbounded<DeliveryProgressChanged>();
        await using var control = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Node.BaseAddress, ControlHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(fixture.Controller.Token);
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)))
            .Build();
        control.On<DeliveryProgressChanged>(nameof(IControlClient.DeliveryProgressChanged), change => changes.Writer.TryWrite(change));
        await control.StartAsync();
        await control.InvokeAsync(nameof(ControlHub.Watch), exercise.ExerciseId);
        await using var device = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await fixture.Controller.FireAsync(other.ExerciseId, "4");
        await fixture.Controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4");
        await device.AcknowledgeAsync(message.Sequence);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<DeliveryState>();
        await foreach (var change in changes.Reader.ReadAllAsync(timeout.Token))
        {
            Assert.Equal(exercise.ExerciseId, change.Recipient.Exercise.Value);
            seen.Add(change.Progress.State);
            if (change.Progress.State == DeliveryState.Acknowledged)
            {
                break;
            }
        }

        Assert.Equal(DeliveryState.Sent, seen[0]);
        Assert.Contains(DeliveryState.Delivered, seen);
    }
}
