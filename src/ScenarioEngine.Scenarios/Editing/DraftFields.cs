using ScenarioEngine.Drafts;
using ScenarioEngine.Scenarios.Msel;

namespace ScenarioEngine.Scenarios.Editing;

/// <summary>A cell's value could not be read (not a time, not a method): the loader's message key and its arguments.</summary>
public sealed class DraftCellException(string code, params string[] arguments) : FormatException(code)
{
    public string Code { get; } = code;
    public IReadOnlyList<string> Arguments { get; } = arguments;
}

/// <summary>
/// The editor's cells: every field a designer edits, read and written as text. Text fields are
/// one cell per language ("subject.ru"), so the languages sit side by side. The audience is
/// written as the MSEL export writes it ("team-a, actor:owner, site:farm, role:police, everyone").
/// </summary>
public static partial class DraftFields
{
    private static readonly string[] InjectText = ["from", "subject", "message", "expectedAction"];

    /// <summary>The cells of a row of <paramref name="collection"/>, in the editor's column order.</summary>
    public static IReadOnlyList<string> Of(DraftCollection collection, IEnumerable<string> languages)
    {
        var langs = languages.ToList();
        IEnumerable<string> PerLanguage(string field) => langs.Select(l => $"{field}.{l}");
        return collection switch
        {
            DraftCollection.Injects => ["number", "at", "method", "to", "fromPersona", .. PerLanguage("from"), .. PerLanguage("subject"), .. PerLanguage("message"), .. PerLanguage("expectedAction"), "notes", "responseRequested", "enabled"],
            DraftCollection.Teams => ["id", .. PerLanguage("name"), "agencies"],
            DraftCollection.Sites => ["id", .. PerLanguage("name"), .. PerLanguage("description"), "states"],
            DraftCollection.Actors => ["id", .. PerLanguage("name"), .. PerLanguage("role"), "site", .. PerLanguage("profile")],
            DraftCollection.Objectives => ["id", .. PerLanguage("title"), .. PerLanguage("description")],
            DraftCollection.Personas => ["id", .. PerLanguage("name"), .. PerLanguage("organisation"), "kind", "initials", "colour"],
            DraftCollection.Scenario => [.. PerLanguage("title"), .. PerLanguage("description"), .. PerLanguage("classificationLine"), "locationSharing"],
            _ => throw new ArgumentOutOfRangeException(nameof(collection)),
        };
    }

    public static int Count(ScenarioDefinition s, DraftCollection collection) => collection switch
    {
        DraftCollection.Injects => s.Injects.Count,
        DraftCollection.Teams => s.Teams.Count,
        DraftCollection.Sites => s.Sites.Count,
        DraftCollection.Actors => s.Actors.Count,
        DraftCollection.Objectives => s.Objectives.Count,
        DraftCollection.Personas => s.Personas.Count,
        DraftCollection.Scenario => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(collection)),
    };

    /// <summary>What a row is called in lists and diffs: the inject's number, the team's id.</summary>
    public static string Label(ScenarioDefinition s, DraftCollection collection, int index) => collection switch
    {
        DraftCollection.Injects => s.Injects[index].Number,
        DraftCollection.Teams => s.Teams[index].Id,
        DraftCollection.Sites => s.Sites[index].Id,
        DraftCollection.Actors => s.Actors[index].Id,
        DraftCollection.Objectives => s.Objectives[index].Id,
        DraftCollection.Personas => s.Personas[index].Id,
        _ => s.Id,
    };

    public static string Get(ScenarioDefinition s, DraftCollection collection, int index, string field)
    {
        if (IsDetail(collection, field))
        {
            return GetDetail(s, collection, index, field);
        }

        var (name, language) = Split(field);
        return collection switch
        {
            DraftCollection.Injects => GetInject(s.Injects[index], name, language),
            DraftCollection.Teams => name switch
            {
                "id" => s.Teams[index].Id,
                "name" => Text(s.Teams[index].Name, language),
                "agencies" => string.Join(", ", s.Teams[index].Agencies),
                _ => throw Unknown(field),
            },
            DraftCollection.Sites => name switch
            {
                "id" => s.Sites[index].Id,
                "name" => Text(s.Sites[index].Name, language),
                "description" => Text(s.Sites[index].Description, language),
                "states" => string.Join(", ", s.Sites[index].States),
                _ => throw Unknown(field),
            },
            DraftCollection.Actors => name switch
            {
                "id" => s.Actors[index].Id,
                "name" => Text(s.Actors[index].Name, language),
                "role" => Text(s.Actors[index].Role, language),
                "site" => s.Actors[index].Site ?? string.Empty,
                "profile" => Text(s.Actors[index].Profile, language),
                _ => throw Unknown(field),
            },
            DraftCollection.Objectives => name switch
            {
                "id" => s.Objectives[index].Id,
                "title" => Text(s.Objectives[index].Title, language),
                "description" => Text(s.Objectives[index].Description, language),
                "capabilities" => string.Join(", ", s.Objectives[index].Capabilities),
                _ => throw Unknown(field),
            },
            DraftCollection.Personas => name switch
            {
                "id" => s.Personas[index].Id,
                "name" => Text(s.Personas[index].Name, language),
                "organisation" => Text(s.Personas[index].Organisation, language),
                "kind" => s.Personas[index].Kind.ToString(),
                "initials" => s.Personas[index].Initials,
                "colour" => s.Personas[index].Colour,
                _ => throw Unknown(field),
            },
            DraftCollection.Scenario => name switch
            {
                "title" => Text(s.Title, language),
                "description" => Text(s.Description, language),
                "classificationLine" => Text(s.ClassificationLine, language),
                "locationSharing" => s.LocationSharing ? "yes" : "no",
                _ => throw Unknown(field),
            },
            _ => throw Unknown(field),
        };
    }

    /// <summary>The scenario with one cell changed. Throws <see cref="DraftCellException"/> when the text does not fit the cell.</summary>
    public static ScenarioDefinition Set(ScenarioDefinition s, DraftCollection collection, int index, string field, string value)
    {
        if (IsDetail(collection, field))
        {
            return SetDetail(s, collection, index, field, value);
        }

        var (name, language) = Split(field);
        return collection switch
        {
            DraftCollection.Injects => s with { Injects = Replace(s.Injects, index, SetInject(s.Injects[index], name, language, value)) },
            DraftCollection.Teams => s with
            {
                Teams = Replace(s.Teams, index, name switch
                {
                    "id" => s.Teams[index] with { Id = value.Trim() },
                    "name" => s.Teams[index] with { Name = WithText(s.Teams[index].Name, language, value) },
                    "agencies" => s.Teams[index] with { Agencies = List(value) },
                    _ => throw Unknown(field),
                }),
            },
            DraftCollection.Sites => s with
            {
                Sites = Replace(s.Sites, index, name switch
                {
                    "id" => s.Sites[index] with { Id = value.Trim() },
                    "name" => s.Sites[index] with { Name = WithText(s.Sites[index].Name, language, value) },
                    "description" => s.Sites[index] with { Description = WithText(s.Sites[index].Description, language, value) },
                    "states" => s.Sites[index] with { States = List(value) },
                    _ => throw Unknown(field),
                }),
            },
            DraftCollection.Actors => s with
            {
                Actors = Replace(s.Actors, index, name switch
                {
                    "id" => s.Actors[index] with { Id = value.Trim() },
                    "name" => s.Actors[index] with { Name = WithText(s.Actors[index].Name, language, value) },
                    "role" => s.Actors[index] with { Role = WithText(s.Actors[index].Role, language, value) },
                    "site" => s.Actors[index] with { Site = value.Trim() is { Length: > 0 } site ? site : null },
                    "profile" => s.Actors[index] with { Profile = WithText(s.Actors[index].Profile, language, value) },
                    _ => throw Unknown(field),
                }),
            },
            DraftCollection.Objectives => s with
            {
                Objectives = Replace(s.Objectives, index, name switch
                {
                    "id" => s.Objectives[index] with { Id = value.Trim() },
                    "title" => s.Objectives[index] with { Title = WithText(s.Objectives[index].Title, language, value) },
                    "description" => s.Objectives[index] with { Description = WithText(s.Objectives[index].Description, language, value) },
                    "capabilities" => s.Objectives[index] with { Capabilities = List(value) },
                    _ => throw Unknown(field),
                }),
            },
            DraftCollection.Personas => s with
            {
                Personas = Replace(s.Personas, index, name switch
                {
                    "id" => s.Personas[index] with { Id = value.Trim() },
                    "name" => s.Personas[index] with { Name = WithText(s.Personas[index].Name, language, value) },
                    "organisation" => s.Personas[index] with { Organisation = WithText(s.Personas[index].Organisation, language, value) },
                    "kind" => s.Personas[index] with { Kind = Kind(value) },
                    "initials" => s.Personas[index] with { Initials = value.Trim() },
                    "colour" => s.Personas[index] with { Colour = value.Trim() },
                    _ => throw Unknown(field),
                }),
            },
            DraftCollection.Scenario => name switch
            {
                "title" => s with { Title = WithText(s.Title, language, value) },
                "description" => s with { Description = WithText(s.Description, language, value) },
                "classificationLine" => s with { ClassificationLine = WithText(s.ClassificationLine, language, value) },
                "locationSharing" => s with { LocationSharing = Flag(value) },
                _ => throw Unknown(field),
            },
            _ => throw Unknown(field),
        };
    }

    /// <summary>The audience as the MSEL export writes it, read back.</summary>
    public static AudienceDefinition ParseAudience(string text)
    {
        var items = List(text);
        if (items.Any(i => string.Equals(i, "everyone", StringComparison.OrdinalIgnoreCase)))
        {
            return new AudienceDefinition { Everyone = true };
        }

        List<string> With(string prefix) => items.Where(i => i.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(i => i[prefix.Length..].Trim()).ToList();
        return new AudienceDefinition
        {
            Actors = With("actor:"),
            Sites = With("site:"),
            Roles = With("role:"),
            Teams = items.Where(i => !i.Contains(':', StringComparison.Ordinal)).ToList(),
        };
    }

    private static string GetInject(InjectDefinition inject, string name, string? language) => name switch
    {
        "number" => inject.Number,
        "at" => inject.At is { } at ? TimeText.FormatOffset(at) : string.Empty,
        "method" => inject.Method.ToString(),
        "to" => MselExporter.Audience(inject.To),
        "fromPersona" => inject.FromPersona ?? string.Empty,
        "from" => Text(inject.From, language),
        "subject" => Text(inject.Subject, language),
        "message" => Text(inject.Message, language),
        "expectedAction" => Text(inject.ExpectedAction, language),
        "notes" => inject.ControllerNotes ?? string.Empty,
        "responseRequested" => inject.ResponseRequested ? "yes" : "no",
        "enabled" => inject.Enabled ? "yes" : "no",
        "responseDeadline" => inject.ResponseDeadline is { } deadline ? TimeText.FormatOffset(deadline) : string.Empty,
        "contingency" => inject.Contingency ? "yes" : "no",
        _ => throw Unknown(name),
    };

    private static InjectDefinition SetInject(InjectDefinition inject, string name, string? language, string value) => name switch
    {
        "number" => inject with { Number = value.Trim() },
        "at" => inject with { At = inject.Trigger is not null && value.Trim().Length > 0 ? throw new DraftCellException(Msg.OneTriggerOnly) : Offset(value) },
        "method" => inject with { Method = Method(value) },
        "to" => inject with { To = ParseAudience(value) },
        "fromPersona" => inject with { FromPersona = value.Trim() is { Length: > 0 } persona ? persona : null },
        "from" => inject with { From = WithText(inject.From, language, value) },
        "subject" => inject with { Subject = WithText(inject.Subject, language, value) },
        "message" => inject with { Message = WithText(inject.Message, language, value) },
        "expectedAction" => inject with { ExpectedAction = WithText(inject.ExpectedAction, language, value) },
        "notes" => inject with { ControllerNotes = value.Length == 0 ? null : value },
        "responseRequested" => inject with { ResponseRequested = Flag(value) },
        "enabled" => inject with { Enabled = Flag(value) },
        "responseDeadline" => inject with { ResponseDeadline = Offset(value) },
        "contingency" => inject with { Contingency = Flag(value) },
        _ => throw Unknown(name),
    };

    // A timed inject and a triggered one are exclusive; clearing the time leaves it manual (or to its trigger).
    private static TimeSpan? Offset(string value) =>
        value.Trim().Length == 0 ? null
        : TimeText.TryParseOffset(value, out var at) ? at
        : throw new DraftCellException(Msg.TimeOffsetInvalid, value);

    private static DeliveryMethod Method(string value) =>
        Enum.TryParse<DeliveryMethod>(value.Trim(), ignoreCase: true, out var method) && Enum.IsDefined(method)
            ? method
            : throw new DraftCellException(Msg.MethodInvalid, value, string.Join(", ", Enum.GetNames<DeliveryMethod>()));

    private static PersonaKind Kind(string value) =>
        Enum.TryParse<PersonaKind>(value.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new DraftCellException(Msg.PersonaKindInvalid, value, string.Join(", ", Enum.GetNames<PersonaKind>()));

    private static bool Flag(string value) => value.Trim().ToLowerInvariant() is "yes" or "true" or "да";

    private static List<string> List(string value) =>
        value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Text(Dictionary<string, string> text, string? language) =>
        language is not null && text.TryGetValue(language, out var value) ? value : string.Empty;

    // An emptied translation is removed, not kept as "", so the validator names it missing as it would in a file.
    private static Dictionary<string, string> WithText(Dictionary<string, string> text, string? language, string value)
    {
        var copy = new Dictionary<string, string>(text);
        var lang = language ?? throw Unknown("text without a language");
        if (value.Length == 0)
        {
            copy.Remove(lang);
        }
        else
        {
            copy[lang] = value;
        }

        return copy;
    }

    private static List<T> Replace<T>(List<T> list, int index, T item)
    {
        var copy = list.ToList();
        copy[index] = item;
        return copy;
    }

    private static (string Name, string? Language) Split(string field) =>
        field.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? (field[..dot], field[(dot + 1)..]) : (field, null);

    private static ArgumentException Unknown(string field) => new($"There is no cell '{field}'.", nameof(field));
}
