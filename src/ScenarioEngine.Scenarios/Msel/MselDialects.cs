namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// The column set of another exercise tool, where a header means something other than it does in
/// general: in Conducttr's MEL "To" is the persona written to and "Team" the audience; in an
/// HSEEP MSEL "Inject" is the text, not the number. Recognised from the sheet's own headers.
/// </summary>
public sealed record MselDialect(string Id, string NameEn, string NameRu)
{
    /// <summary>Headers (normalised) that mean something else here than in <see cref="MselColumns"/>.</summary>
    internal Dictionary<string, MselField> Fields { get; init; } = [];

    /// <summary>Headers (normalised) found only in this tool's sheets; two or more of them identify it.</summary>
    internal HashSet<string> Signature { get; init; } = [];

    /// <summary>Headers (normalised) that, all present together, identify it on their own.</summary>
    internal string[][] Together { get; init; } = [];

    public string Name(bool russian) => russian ? NameRu : NameEn;
}

public static class MselDialects
{
    /// <summary>
    /// Conducttr's MEL import columns: Number, Time, From, Faction, To, Team, Method, Subject,
    /// Message, Expected Action, Tab. From and To are personas; Team is who receives it.
    /// </summary>
    public static readonly MselDialect Conducttr = new("conducttr", "Conducttr MEL", "MEL Conducttr")
    {
        Fields = Map((MselField.ToPersona, ["To"]), (MselField.To, ["Team"]), (MselField.Tag, ["Faction", "Tab"])),
        Signature = Keys("Faction", "Tab"),
        Together = [[Key("To"), Key("Team")]],
    };

    /// <summary>
    /// The HSEEP MSEL as PrepToolkit and the HSEEP templates lay it out: MSEL #, Day, Scenario Time
    /// (a clock time), Event Synopsis, Responsible Controller, Player, Inject Mode, Inject,
    /// Expected Player Action, Core Capability, Notes.
    /// </summary>
    public static readonly MselDialect Hseep = new("hseep", "HSEEP MSEL (PrepToolkit)", "MSEL HSEEP (PrepToolkit)")
    {
        Fields = Map(
            (MselField.Number, ["MSEL #", "MSEL No", "MSEL Number"]),
            (MselField.Message, ["Inject", "Inject Description"]),
            (MselField.Subject, ["Event Synopsis", "Synopsis"]),
            (MselField.To, ["Player", "Players"]),
            (MselField.Method, ["Inject Mode"]),
            (MselField.DateTime, ["Scenario Time"]),
            (MselField.Tag, ["Responsible Controller", "Core Capability", "Core Capabilities"])),
        Signature = Keys("MSEL #", "Event Synopsis", "Inject Mode", "Responsible Controller", "Expected Player Action", "Core Capability"),
    };

    /// <summary>
    /// Crucible Blueprint's MSEL export. Blueprint writes one column per Data Field of the MSEL,
    /// named by its author, so no column set is fixed; these are the names Blueprint's own source
    /// gives its Gallery article parameters and moves (Blueprint.Api, Enumerations.cs).
    /// Anything else in such a sheet is mapped with <c>--map</c> or the mapping dialog.
    /// </summary>
    public static readonly MselDialect Blueprint = new("blueprint", "Crucible Blueprint", "Crucible Blueprint")
    {
        Fields = Map(
            (MselField.Subject, ["Name"]),
            (MselField.Message, ["Description"]),
            (MselField.From, ["From Org", "FromOrg"]),
            (MselField.To, ["To Org", "ToOrg"]),
            (MselField.Method, ["Delivery Method", "DeliveryMethod"]),
            (MselField.DateTime, ["Date Posted", "DatePosted"]),
            (MselField.Tag, ["Move", "Group", "Status", "Summary", "Source Type", "SourceType", "Source Name", "SourceName", "Url", "Card Id", "CardId", "Open In New Tab", "OpenInNewTab", "Assigned To", "Integration Target"])),
        Signature = Keys("From Org", "FromOrg", "To Org", "ToOrg", "DeliveryMethod", "Date Posted", "DatePosted", "Move", "Source Type", "SourceType", "Source Name", "SourceName", "Open In New Tab", "OpenInNewTab", "Card Id", "CardId"),
    };

    /// <summary>
    /// Russian MSELs ("перечень вводных", "план ввода вводных"): every spelling of theirs is a known
    /// header already; the dialect only names the sheet in the report. "Кто вводит" (the
    /// controller who delivers it) is kept as a tag.
    /// </summary>
    public static readonly MselDialect Russian = new("ru", "Russian MSEL (перечень вводных)", "Перечень вводных")
    {
        Signature = Keys("№ п/п", "Содержание вводной", "Текст вводной", "Вводная", "№ вводной", "Номер вводной", "От кого", "Кому вводится", "Кому доводится",
            "Способ ввода", "Способ доведения", "Ожидаемые действия обучаемых", "Кто вводит", "Время ввода", "Ожидаемые действия"),
    };

    public static readonly IReadOnlyList<MselDialect> All = [Conducttr, Hseep, Blueprint, Russian];

    /// <summary>The dialect whose own headers the sheet has most of, or null for a sheet in no particular tool's shape.</summary>
    public static MselDialect? Detect(IEnumerable<string> headers)
    {
        var keys = headers.Select(h => MselColumns.Normalise(MselColumns.SplitLanguage(h).Name)).Where(k => k.Length > 0).ToHashSet();
        return All
            .Select(d => (Dialect: d, Score: keys.Count(d.Signature.Contains) + (d.Together.Any(set => set.All(keys.Contains)) ? 2 : 0)))
            .Where(x => x.Score >= 2)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Dialect)
            .FirstOrDefault();
    }

    public static MselDialect? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    private static string Key(string header) => MselColumns.Normalise(header);

    private static HashSet<string> Keys(params string[] headers) => headers.Select(Key).ToHashSet();

    private static Dictionary<string, MselField> Map(params (MselField Field, string[] Headers)[] entries) =>
        entries.SelectMany(e => e.Headers.Select(h => (Key: Key(h), e.Field))).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Field);
}
