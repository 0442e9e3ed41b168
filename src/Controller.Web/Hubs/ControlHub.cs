using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Delivery;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Hubs;

public interface IControlClient
{
    Task DeliveryProgressChanged(DeliveryProgressChanged change);

    Task ExerciseChanged(string exerciseId);

    Task DevicesChanged(string exerciseId);
}

/// <summary>Live updates for the control room watching an exercise: controllers and read-only observers (it has no commands).</summary>
[Authorize(Policy = AuthPolicies.ControlRoom)]
public sealed class ControlHub : Hub<IControlClient>
{
    public const string Path = "/hubs/control";

    public static string ExerciseGroup(ExerciseId exercise) => $"exercise:{exercise.Value}";

    public Task Watch(string exerciseId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, ExerciseGroup(new ExerciseId(exerciseId)));

    public Task Unwatch(string exerciseId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, ExerciseGroup(new ExerciseId(exerciseId)));
}
