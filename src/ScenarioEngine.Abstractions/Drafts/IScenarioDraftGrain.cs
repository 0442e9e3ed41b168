using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Drafts;

/// <summary>The lists of a scenario the editor shows as rows; <see cref="Scenario"/> is the one row of title and description.</summary>
public enum DraftCollection
{
    Injects,
    Teams,
    Sites,
    Actors,
    Objectives,
    Personas,
    Scenario,
}

public enum DraftEditKind
{
    SetCell,
    AddRow,
    DuplicateRow,
    DeleteRow,
    MoveRow,
}

/// <summary>
/// A scenario being written in the browser, and the row keys that name its rows. A row keeps its
/// key through reorders and renumbering, so two designers' edits find the same row however the
/// list moved meanwhile. <see cref="Keys"/> runs parallel to each of the scenario's lists.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DraftDocument
{
    [Id(0)] public required ScenarioDefinition Scenario { get; init; }
    [Id(1)] public required Dictionary<DraftCollection, List<string>> Keys { get; init; }
}

/// <summary>
/// One designer's change. A cell edit carries the value the designer saw (<see cref="Base"/>): it
/// is refused if the cell holds something else by now, so nobody overwrites what they never saw.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DraftEdit
{
    [Id(0)] public required DraftEditKind Kind { get; init; }
    [Id(1)] public required DraftCollection Collection { get; init; }

    /// <summary>The row's key; for <see cref="DraftEditKind.AddRow"/> the row to add after (null: at the end).</summary>
    [Id(2)] public string? Row { get; init; }

    /// <summary>The cell: "subject.ru", "at", "to", "name.en"… (<c>DraftFields</c> lists them).</summary>
    [Id(3)] public string? Field { get; init; }
    [Id(4)] public string? Base { get; init; }
    [Id(5)] public string? Value { get; init; }

    /// <summary>The key of the row an add or a duplicate makes; chosen by the caller so a retried edit adds one row.</summary>
    [Id(6)] public string? NewRow { get; init; }

    /// <summary>Where a moved row goes, as an index in its list.</summary>
    [Id(7)] public int? ToIndex { get; init; }
}

public enum DraftOutcome
{
    /// <summary>Stored as a new version.</summary>
    Applied,

    /// <summary>Nothing to store: the cell already holds the value, or the row is already gone.</summary>
    Unchanged,

    /// <summary>The cell was changed since the designer read it; <see cref="DraftEditResult.CurrentValue"/> is what it holds now.</summary>
    StaleCell,

    /// <summary>The row was deleted meanwhile.</summary>
    RowGone,

    /// <summary>A restore was asked from an older version than the current one.</summary>
    StaleVersion,

    /// <summary>The value cannot go in the cell (not a time, not a method…); the problem says why, in the loader's words.</summary>
    Invalid,

    /// <summary>The draft is an exercise's, and that exercise has started: its scenario no longer changes.</summary>
    ExerciseStarted,
}

/// <summary>
/// A draft is keyed by its scenario's id (a library template) or by its exercise: "exercise|{id}".
/// Scenario and exercise ids may not contain '|', so the two never meet.
/// </summary>
public static class DraftIds
{
    private const string ExercisePrefix = "exercise|";

    public static string ForExercise(ExerciseId exercise) => ExercisePrefix + exercise.Value;

    /// <summary>The exercise whose draft this is; null for a library template's.</summary>
    public static ExerciseId? ExerciseOf(string draftId) =>
        draftId.StartsWith(ExercisePrefix, StringComparison.Ordinal) ? new ExerciseId(draftId[ExercisePrefix.Length..]) : null;
}

[GenerateSerializer, Immutable]
public sealed record DraftSnapshot
{
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required DraftDocument Document { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record DraftEditResult
{
    [Id(0)] public required DraftOutcome Outcome { get; init; }
    [Id(1)] public required DraftSnapshot Current { get; init; }
    [Id(2)] public string? CurrentValue { get; init; }

    /// <summary>For <see cref="DraftOutcome.Invalid"/>: the loader's message key and its arguments, to be put in the reader's language.</summary>
    [Id(3)] public string? ProblemCode { get; init; }
    [Id(4)] public List<string> ProblemArguments { get; init; } = [];
}

/// <summary>One saved version: who, when, what (the edit, or the version it restored), and whether it validated.</summary>
[GenerateSerializer, Immutable]
public sealed record DraftVersionInfo
{
    [Id(0)] public required long Number { get; init; }
    [Id(1)] public required string By { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public DraftEdit? Edit { get; init; }
    [Id(4)] public long? RestoredFrom { get; init; }

    /// <summary>How many problems the validator found in this version; a version with none is what the library holds.</summary>
    [Id(5)] public int Problems { get; init; }
}

/// <summary>A version as the append-only log keeps it: the whole document, so any version can be read or restored alone.</summary>
[GenerateSerializer, Immutable]
public sealed record DraftVersion
{
    [Id(0)] public required DraftVersionInfo Info { get; init; }
    [Id(1)] public required DraftDocument Document { get; init; }
}

/// <summary>
/// A scenario draft, keyed by the scenario's id or by an exercise (<see cref="DraftIds"/>). Every
/// accepted change is a new version appended to the draft's log (never rewritten); a version
/// without problems also replaces the library's template of that scenario, or the scenario of the
/// exercise, which takes it only before STARTEX (after it, every edit is refused). Web nodes hear of each version through <c>IWebNodeEvents.DraftChanged</c>.
/// </summary>
public interface IScenarioDraftGrain : IGrainWithStringKey
{
    /// <summary>The latest version; null before the draft was opened.</summary>
    Task<DraftSnapshot?> Get();

    /// <summary>
    /// Starts the draft from <paramref name="scenario"/> as version 1; a draft that exists is returned
    /// as it is. <paramref name="attachments"/> are the scenario's files, for the library template
    /// when there is none yet (the bundled sample's first edit).
    /// </summary>
    Task<DraftSnapshot> Open(ScenarioDefinition scenario, Dictionary<string, byte[]> attachments, string by);

    Task<DraftEditResult> Edit(DraftEdit edit, string by);

    /// <summary>Undo: a new version with the content of <paramref name="version"/>, refused unless the draft is still at <paramref name="expectedCurrent"/>.</summary>
    Task<DraftEditResult> Restore(long version, long expectedCurrent, string by);

    Task<IReadOnlyList<DraftVersionInfo>> Versions();

    Task<DraftDocument?> GetVersion(long version);
}
