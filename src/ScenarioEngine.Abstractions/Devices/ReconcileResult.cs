using ScenarioEngine.Delivery;

namespace ScenarioEngine.Devices;

/// <summary>
/// What a phone needs to heal itself in one round trip: the signals in force (so a missed STOP
/// shows and a missed clear lifts) and the first page of its mailbox after what it holds (so a
/// missed push is fetched). With nothing missed it is a short answer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReconcileResult
{
    [Id(0)] public required IReadOnlyList<SafetySignal> Signals { get; init; }
    [Id(1)] public required SyncResult Mailbox { get; init; }
}
