namespace ScenarioEngine.Scenarios;

// Evidence props (issue 17): the scenario's part, kept in its own file (partial records) so the
// site-controller and phone branches merge without touching the same lines. The [Id]s start at 70
// for the same reason.
public sealed partial record ScenarioDefinition
{
    /// <summary>Physical props at the sites, each with a QR label a team scans to receive its content.</summary>
    [Id(70)] public List<EvidenceDefinition> Evidence { get; init; } = [];

    public EvidenceDefinition? FindEvidence(string? id) => id is null ? null : Evidence.Find(e => e.Id == id);
}

public sealed partial record TriggerDefinition
{
    /// <summary>On <see cref="TriggerKind.OnEvidence"/>: the evidence item whose finding fires the inject, for the team that found it.</summary>
    [Id(70)] public string? Evidence { get; init; }
}

/// <summary>
/// A prop at a site (passports in a safe, a ledger in the office). A team that scans its label gets
/// <see cref="Text"/> and <see cref="Attachments"/> as a mailbox entry; <see cref="HiddenAt"/> is
/// for the props team and controllers only and is never put into anything a device receives.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceDefinition
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>The site the prop is at; the record of a find names it.</summary>
    [Id(1)] public required string Site { get; init; }
    [Id(2)] public required Dictionary<string, string> Name { get; init; }

    /// <summary>Where the props team hides it. Controllers only.</summary>
    [Id(3)] public Dictionary<string, string> HiddenAt { get; init; } = [];

    /// <summary>What the team reads when it finds the item (a transcription, a description of a photo).</summary>
    [Id(4)] public Dictionary<string, string> Text { get; init; } = [];

    /// <summary>Ids of <see cref="ScenarioDefinition.Attachments"/>: a scanned document, a photo.</summary>
    [Id(5)] public List<string> Attachments { get; init; } = [];

    /// <summary>Null means findable from the start.</summary>
    [Id(6)] public EvidenceCondition? Condition { get; init; }
}

/// <summary>When an item can be found: its site is in <see cref="SiteState"/>, or inject <see cref="AfterInject"/> has fired. Exactly one is set.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceCondition
{
    [Id(0)] public string? SiteState { get; init; }
    [Id(1)] public string? AfterInject { get; init; }
}
