using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Evidence;

/// <summary>
/// The evidence props of one exercise (key: the exercise id): the per-exercise secret their label
/// codes are made with, and the log of every scan, found or not.
/// </summary>
public interface IEvidenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// A team's scan, from the phone's outbox. Stored once per scan id (a retry gets the first
    /// answer back); a find becomes one mailbox entry of the team however often it is scanned.
    /// </summary>
    Task<EvidenceReceipt> Scan(string teamId, EvidenceScan scan, DeviceIdentity device);

    /// <summary>Every item with its label code and hiding place: for the control room only.</summary>
    Task<IReadOnlyList<EvidenceLabel>> GetLabels();

    /// <summary>The scan log after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<EvidenceScanRecord>> ReadScans(long afterSequence, int maxCount);
}

/// <summary>What the phone sends: the code read from a label, with an id the phone made so a retry is stored once.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceScan
{
    [Id(0)] public required string ScanId { get; init; }
    [Id(1)] public required string Code { get; init; }

    /// <summary>Where the label was scanned, only when the exercise asks for it and the user agreed.</summary>
    [Id(2)] public Evaluation.GeoPoint? Location { get; init; }
}

public enum EvidenceScanOutcome
{
    /// <summary>The team found the item: its content is a mailbox entry of the team, at <see cref="EvidenceReceipt.Sequence"/>.</summary>
    Found,

    /// <summary>The team had found it before: nothing new, the entry is the one it already has.</summary>
    AlreadyFound,

    /// <summary>The item's condition does not hold yet ("nothing here yet"); the scan is logged.</summary>
    NotYet,

    /// <summary>The code is no label of this exercise (another exercise's, or none at all).</summary>
    NotThisExercise,
}

[GenerateSerializer, Immutable]
public sealed record EvidenceReceipt
{
    [Id(0)] public required string ScanId { get; init; }
    [Id(1)] public required EvidenceScanOutcome Outcome { get; init; }

    /// <summary>The item's name, once the team has it (found or already found); null otherwise, so a label gives nothing away early.</summary>
    [Id(2)] public Dictionary<string, string>? Item { get; init; }

    /// <summary>The mailbox entry holding the item's content, once the team has it.</summary>
    [Id(3)] public long? Sequence { get; init; }
    [Id(4)] public required DateTimeOffset StoredAt { get; init; }

    /// <summary>True when this scan id had been stored before: the retry changed nothing.</summary>
    [Id(5)] public required bool Duplicate { get; init; }
}

/// <summary>An item as the props team and the control room see it, hiding place included. Never sent to a device.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceLabel
{
    [Id(0)] public required string ItemId { get; init; }
    [Id(1)] public required string SiteId { get; init; }
    [Id(2)] public required Dictionary<string, string> Name { get; init; }
    [Id(3)] public required Dictionary<string, string> SiteName { get; init; }
    [Id(4)] public required Dictionary<string, string> HiddenAt { get; init; }

    /// <summary>The code the label's QR carries, bound to this exercise.</summary>
    [Id(5)] public required string Code { get; init; }
    [Id(6)] public EvidenceCondition? Condition { get; init; }
}

/// <summary>One scan as the evidence log keeps it: who (team, device), what, where, when, and what came of it.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceScanRecord
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string ScanId { get; init; }
    [Id(2)] public required string TeamId { get; init; }
    [Id(3)] public required string DeviceId { get; init; }
    [Id(4)] public required string DeviceName { get; init; }

    /// <summary>Null when the code is no label of this exercise.</summary>
    [Id(5)] public string? ItemId { get; init; }
    [Id(6)] public string? SiteId { get; init; }
    [Id(7)] public required EvidenceScanOutcome Outcome { get; init; }
    [Id(8)] public required DateTimeOffset ScannedAt { get; init; }

    /// <summary>Where the label was scanned; null when not shared or the exercise does not ask.</summary>
    [Id(9)] public Evaluation.GeoPoint? Location { get; init; }
}

/// <summary>Told to the exercise grain after a scan was stored: the event log records it and onEvidence injects fire for the finding team.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceNotice
{
    [Id(0)] public required string TeamId { get; init; }
    [Id(1)] public required string ItemId { get; init; }
    [Id(2)] public required string SiteId { get; init; }
    [Id(3)] public required string DeviceName { get; init; }
    [Id(4)] public required EvidenceScanOutcome Outcome { get; init; }
}
