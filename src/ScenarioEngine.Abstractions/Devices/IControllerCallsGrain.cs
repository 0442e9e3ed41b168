using ScenarioEngine.Delivery;

namespace ScenarioEngine.Devices;

/// <summary>
/// Actors' "need controller" calls of one exercise (keyed by exercise id): kept apart from the
/// grain that raises STOP, so a burst of calls never delays a safety signal.
/// </summary>
public interface IControllerCallsGrain : IGrainWithStringKey
{
    /// <summary>An actor's "need controller" call; a retried call (same id) is recorded once.</summary>
    Task<ControllerCallRecord> CallController(DeviceIdentity device, RecipientAddress recipient, ControllerCall call);

    /// <summary>The latest calls, newest first.</summary>
    Task<IReadOnlyList<ControllerCallRecord>> GetCalls();

    Task AnswerCall(string callId, string controller);
}

/// <summary>What an actor's phone sends when the actor taps "need controller".</summary>
[GenerateSerializer, Immutable]
public sealed record ControllerCall
{
    [Id(0)] public required string CallId { get; init; }

    /// <summary>The cue card the call is about, if any.</summary>
    [Id(1)] public long? Sequence { get; init; }
    [Id(2)] public string? Note { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ControllerCallRecord
{
    [Id(0)] public required ControllerCall Call { get; init; }
    [Id(1)] public required string DeviceId { get; init; }
    [Id(2)] public required string DeviceName { get; init; }
    [Id(3)] public required RecipientAddress Recipient { get; init; }
    [Id(4)] public required DateTimeOffset At { get; init; }
    [Id(5)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(6)] public string? AnsweredBy { get; init; }
}
