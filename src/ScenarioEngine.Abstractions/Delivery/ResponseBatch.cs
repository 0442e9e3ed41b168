namespace ScenarioEngine.Delivery;

/// <summary>One device's response, as a web node hands it to the team's mailbox with others that arrived beside it.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceResponse([property: Id(0)] ResponseSubmission Submission, [property: Id(1)] DeviceIdentity Device);

/// <summary>
/// What became of one response of a batch: its receipt once it is stored, or why it was refused.
/// Each response has its own outcome, so one malformed response refuses only its own sender.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResponseOutcome
{
    [Id(0)] public ResponseReceipt? Receipt { get; init; }

    [Id(1)] public string? Refusal { get; init; }
}
