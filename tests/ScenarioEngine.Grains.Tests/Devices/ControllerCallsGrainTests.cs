using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;

namespace ScenarioEngine.Grains.Tests.Devices;

[Collection(GrainClusterCollection.Name)]
public sealed class ControllerCallsGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task Retried_call_is_recorded_once_and_answering_it_says_who_answered()
    {
        var exercise = new ExerciseId(GrainCluster.NewExerciseId());
        var calls = cluster.Grains.GetGrain<IControllerCallsGrain>(exercise.Value);
        var actor = RecipientAddress.Actor(exercise, "witness");
        var call = new ControllerCall { CallId = "call-1", Note = "Need help" };

        var first = await calls.CallController(new DeviceIdentity("d1", "Vera"), actor, call);
        var retried = await calls.CallController(new DeviceIdentity("d1", "Vera"), actor, call);
        await calls.AnswerCall("call-1", "director");

        Assert.Equal(first.At, retried.At);
        var answered = Assert.Single(await calls.GetCalls());
        Assert.Equal(("call-1", "director"), (answered.Call.CallId, answered.AnsweredBy));
        await cluster.Node.WaitForAsync($"devices {exercise.Value}");
    }

    [Fact]
    public async Task Only_the_latest_calls_are_kept_newest_first()
    {
        var exercise = new ExerciseId(GrainCluster.NewExerciseId());
        var calls = cluster.Grains.GetGrain<IControllerCallsGrain>(exercise.Value);
        var actor = RecipientAddress.Actor(exercise, "witness");

        for (var i = 0; i < Grains.Devices.ControllerCallsGrain.MaxCalls + 5; i++)
        {
            await calls.CallController(new DeviceIdentity("d1", "Vera"), actor, new ControllerCall { CallId = $"call-{i}" });
        }

        var kept = await calls.GetCalls();
        Assert.Equal(Grains.Devices.ControllerCallsGrain.MaxCalls, kept.Count);
        Assert.Equal($"call-{Grains.Devices.ControllerCallsGrain.MaxCalls + 4}", kept[0].Call.CallId);
    }
}
