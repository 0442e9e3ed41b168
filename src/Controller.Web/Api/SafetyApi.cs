using System.Security.Claims;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Api;

public sealed record RaiseSignalRequest(SignalKind Kind, Dictionary<string, string>? Message);

/// <summary>
/// STOP, ENDEX and REAL EMERGENCY: sent to every device of the exercise at once, above everything
/// else, each needing acknowledgement. STOP also pauses the clock and ENDEX ends it, so no inject
/// fires into a stopped drill.
/// </summary>
public static class SafetyApi
{
    private static readonly Dictionary<SignalKind, Dictionary<string, string>> DefaultMessages = new()
    {
        [SignalKind.Stop] = new() { ["en"] = "STOP. All play stops now. Stay where you are and wait for instructions.", ["ru"] = "СТОП. Игра немедленно прекращается. Оставайтесь на месте и ждите указаний." },
        [SignalKind.Endex] = new() { ["en"] = "ENDEX. The exercise has ended.", ["ru"] = "ENDEX. Учение окончено." },
        [SignalKind.RealEmergency] = new() { ["en"] = "REAL EMERGENCY. This is NOT part of the exercise. Follow the instructions of the staff.", ["ru"] = "НАСТОЯЩАЯ ЧРЕЗВЫЧАЙНАЯ СИТУАЦИЯ. Это НЕ часть учения. Выполняйте указания персонала." },
    };

    public static IEndpointRouteBuilder MapSafetyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/signals").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/", (string id, IGrainFactory grains) => grains.GetGrain<ISafetySignalsGrain>(id).GetSignalStatus());

        api.MapPost("/", async (string id, RaiseSignalRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var exercise = grains.GetGrain<IExerciseGrain>(id);
            if (await exercise.GetSnapshot() is not { } snapshot)
            {
                return Results.Problem(statusCode: 404, title: "No such exercise", detail: $"There is no exercise '{id}'.");
            }

            return Results.Ok(await RaiseAsync(grains, snapshot, request.Kind, user.ControllerName(), request.Message));
        }).RequireAuthorization(AuthPolicies.Controller);

        api.MapPost("/{signalId}/clear", async (string id, string signalId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await ClearAsync(grains, id, signalId, user.ControllerName());
            return Results.NoContent();
        }).RequireAuthorization(AuthPolicies.Controller);

        return app;
    }

    /// <summary>Raises a signal, logs who raised it, and stops or ends the clock to match; the dashboard calls this too.</summary>
    public static async Task<SafetySignal> RaiseAsync(IGrainFactory grains, ExerciseSnapshot snapshot, SignalKind kind, string by, Dictionary<string, string>? message = null)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(snapshot.ExerciseId);

        // The signal goes out first: reaching people matters more than the clock and the log.
        var signal = await grains.GetGrain<ISafetySignalsGrain>(snapshot.ExerciseId).RaiseSignal(kind, message ?? DefaultMessages[kind]);
        await exercise.RecordAction(ExerciseEvents.SignalRaised, by, $"{kind} {signal.SignalId}");
        switch (kind)
        {
            case SignalKind.Stop when snapshot.Status == ClockStatus.Running:
                await exercise.Pause(by);
                break;
            case SignalKind.Endex when snapshot.Status is not (ClockStatus.Ended or ClockStatus.Draft):
                await exercise.End(by);
                break;
        }

        return signal;
    }

    /// <summary>Clears a signal on every device and logs who cleared it; the dashboard calls this too.</summary>
    public static async Task ClearAsync(IGrainFactory grains, string exerciseId, string signalId, string by)
    {
        await grains.GetGrain<ISafetySignalsGrain>(exerciseId).ClearSignal(signalId);
        await grains.GetGrain<IExerciseGrain>(exerciseId).RecordAction(ExerciseEvents.SignalCleared, by, signalId);
    }
}
