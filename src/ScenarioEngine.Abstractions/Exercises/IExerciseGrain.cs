using ScenarioEngine.Access;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Exercises;

public enum ClockStatus
{
    Draft,
    Ready,
    Running,
    Paused,
    Ended,
}

public enum InjectStatus
{
    Pending,

    /// <summary>Recorded before the mailboxes are written, so a crash mid-fire is finished on reactivation, not repeated.</summary>
    Firing,
    Fired,
}

/// <summary>The exercise: its scenario, clock, inject statuses and join codes.</summary>
public interface IExerciseGrain : IGrainWithStringKey
{
    /// <summary>Creates the exercise from a scenario; creating it again with the same scenario id is a no-op.</summary>
    Task<ExerciseSnapshot> Create(ScenarioDefinition scenario);

    Task<ExerciseSnapshot?> GetSnapshot();

    Task<ScenarioDefinition?> GetScenario();

    Task<ExerciseSnapshot> Start();

    Task<ExerciseSnapshot> Pause();

    Task<ExerciseSnapshot> Resume();

    Task<ExerciseSnapshot> End();

    /// <summary>Fires an inject now, whatever its trigger. Firing a fired inject changes nothing.</summary>
    Task<ExerciseSnapshot> FireNow(string injectNumber);

    Task<IReadOnlyList<RecipientDeliveries>> GetDeliveries();

    /// <summary>Replaces a recipient's join code: the old one stops working, devices already joined stay.</summary>
    Task<JoinCodeView> RotateJoinCode(RecipientAddress recipient);
}

[GenerateSerializer, Immutable]
public sealed record ExerciseSnapshot
{
    [Id(0)] public required string ExerciseId { get; init; }
    [Id(1)] public required Dictionary<string, string> Title { get; init; }
    [Id(2)] public required ClockStatus Status { get; init; }
    [Id(3)] public required TimeSpan ScenarioTime { get; init; }
    [Id(4)] public required double Speed { get; init; }
    [Id(5)] public required IReadOnlyList<InjectView> Injects { get; init; }
    [Id(6)] public required IReadOnlyList<JoinCodeView> JoinCodes { get; init; }
    [Id(7)] public required DateTimeOffset AsOf { get; init; }
}

/// <summary>An inject as a controller sees it, controller-only fields included.</summary>
[GenerateSerializer, Immutable]
public sealed record InjectView
{
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required Dictionary<string, string> Subject { get; init; }
    [Id(2)] public TimeSpan? At { get; init; }
    [Id(3)] public required InjectStatus Status { get; init; }
    [Id(4)] public DateTimeOffset? FiredAt { get; init; }
    [Id(5)] public required IReadOnlyList<string> Recipients { get; init; }
    [Id(6)] public string? ControllerNotes { get; init; }
    [Id(7)] public required Dictionary<string, string> ExpectedAction { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record RecipientDeliveries(
    [property: Id(0)] RecipientAddress Recipient,
    [property: Id(1)] IReadOnlyList<Delivery.DeliveryProgress> Deliveries);

/// <summary>The exercises that exist, for listing.</summary>
public interface IExerciseRegistryGrain : IGrainWithIntegerKey
{
    Task Register(string exerciseId);

    Task<IReadOnlyList<string>> List();
}
