using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Silo.Scenarios;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Api;

/// <summary>Create an exercise from the bundled sample or from a scenario file's YAML text.</summary>
public sealed record CreateExerciseRequest(string ExerciseId, string? ScenarioYaml);

public static class ExercisesApi
{
    public static IEndpointRouteBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises").RequireAuthorization(AuthPolicies.Controller);

        api.MapGet("/", async (IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IExerciseRegistryGrain>(0).List();
            var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IExerciseGrain>(id).GetSnapshot()));
            return snapshots.OfType<ExerciseSnapshot>();
        });

        api.MapPost("/", async (CreateExerciseRequest request, IGrainFactory grains) =>
        {
            if (string.IsNullOrWhiteSpace(request.ExerciseId) || request.ExerciseId.Length > 64 || !request.ExerciseId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return Results.Problem(statusCode: 400, title: "Invalid exercise id", detail: "Use 1 to 64 letters, digits, '-' or '_'.");
            }

            var scenario = request.ScenarioYaml is null
                ? ScenarioLoader.LoadSample()
                : ScenarioLoader.Parse(request.ScenarioYaml, "scenario");
            var snapshot = await grains.GetGrain<IExerciseGrain>(request.ExerciseId).Create(scenario);
            return Results.Created($"/api/exercises/{snapshot.ExerciseId}", snapshot);
        });

        api.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IExerciseGrain>(id).GetSnapshot() is { } snapshot ? Results.Ok(snapshot) : NotFound(id));

        api.MapPost("/{id}/start", (string id, IGrainFactory grains) => Exercise(grains, id, e => e.Start()));
        api.MapPost("/{id}/pause", (string id, IGrainFactory grains) => Exercise(grains, id, e => e.Pause()));
        api.MapPost("/{id}/resume", (string id, IGrainFactory grains) => Exercise(grains, id, e => e.Resume()));
        api.MapPost("/{id}/end", (string id, IGrainFactory grains) => Exercise(grains, id, e => e.End()));
        api.MapPost("/{id}/injects/{number}/fire", (string id, string number, IGrainFactory grains) =>
            Exercise(grains, id, e => e.FireNow(number)));

        api.MapGet("/{id}/deliveries", async (string id, IGrainFactory grains) =>
            await Exists(grains, id) ? Results.Ok(await grains.GetGrain<IExerciseGrain>(id).GetDeliveries()) : NotFound(id));

        api.MapGet("/{id}/teams/{teamId}/responses", async (string id, string teamId, long? after, IGrainFactory grains) =>
            await Exists(grains, id)
                ? Results.Ok(await grains.GetGrain<IMailboxGrain>(RecipientAddress.Team(new ExerciseId(id), teamId).GrainKey).GetResponses(after ?? 0, 500))
                : NotFound(id));

        return app;
    }

    private static async Task<IResult> Exercise(IGrainFactory grains, string id, Func<IExerciseGrain, Task<ExerciseSnapshot>> action) =>
        await Exists(grains, id) ? Results.Ok(await action(grains.GetGrain<IExerciseGrain>(id))) : NotFound(id);

    private static async Task<bool> Exists(IGrainFactory grains, string id) =>
        await grains.GetGrain<IExerciseGrain>(id).GetSnapshot() is not null;

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: 404, title: "No such exercise", detail: $"There is no exercise '{id}'.");
}
