using System.Text.RegularExpressions;

namespace ScenarioEngine.Scenarios.Msel;

public enum MselField
{
    Number,
    Day,
    Time,
    DateTime,
    Trigger,
    From,
    To,
    Method,
    Subject,
    Message,
    ExpectedAction,
    Notes,
    Objectives,
    Attachments,
    Response,
    ResponseDeadline,
    Contingency,
    Enabled,

    /// <summary>The persona written to (Conducttr's "To"): display text until personas exist.</summary>
    ToPersona,

    /// <summary>A column kept as a tag named by its header ("Faction", "Core Capability"; "#Faction" in our own export).</summary>
    Tag,
}

/// <summary>How a column's meaning was decided, for the import report.</summary>
public enum MselColumnSource
{
    /// <summary>A header this engine knows in any dialect ("Subject", "Тема").</summary>
    Known,

    /// <summary>A header the detected dialect gives its own meaning ("To" in Conducttr's MEL is a persona).</summary>
    Dialect,

    /// <summary>The designer mapped it (<c>--map</c>, or the control room's mapping dialog).</summary>
    Mapped,
}

/// <summary>A recognised header: which field, and for text fields which language ("Subject (ru)", "Тема [en]"); a tag's name.</summary>
public sealed record MselColumn(int Index, string Header, MselField Field, string? Language)
{
    public MselColumnSource Source { get; init; } = MselColumnSource.Known;

    /// <summary>For <see cref="MselField.Tag"/>: the tag's name.</summary>
    public string? TagName { get; init; }

    /// <summary>The header or the mapping named the language ("Subject (ru)"); otherwise the import chose it.</summary>
    public bool LanguageGiven { get; init; }
}

/// <summary>
/// The column names designers actually use, in English and Russian. Matching ignores case,
/// punctuation and spacing, so "No.", "№", "Inject #" and "Номер инжекта" all mean the number.
/// </summary>
public static partial class MselColumns
{
    /// <summary>Header names for export, per language.</summary>
    public static readonly IReadOnlyDictionary<MselField, (string En, string Ru)> Canonical = new Dictionary<MselField, (string, string)>
    {
        [MselField.Number] = ("Number", "Номер"),
        [MselField.Day] = ("Day", "День"),
        [MselField.Time] = ("Time", "Время"),
        [MselField.DateTime] = ("Scenario Date/Time", "Дата и время сценария"),
        [MselField.Trigger] = ("Trigger", "Условие"),
        [MselField.From] = ("From", "От"),
        [MselField.To] = ("To", "Кому"),
        [MselField.Method] = ("Method", "Способ"),
        [MselField.Subject] = ("Subject", "Тема"),
        [MselField.Message] = ("Message", "Сообщение"),
        [MselField.ExpectedAction] = ("Expected Action", "Ожидаемые действия"),
        [MselField.Notes] = ("Notes", "Примечания"),
        [MselField.Objectives] = ("Objectives", "Цели"),
        [MselField.Attachments] = ("Attachments", "Вложения"),
        [MselField.Response] = ("Response", "Ответ"),
        [MselField.ResponseDeadline] = ("Response Deadline", "Срок ответа"),
        [MselField.Contingency] = ("Contingency", "Резерв"),
        [MselField.Enabled] = ("Enabled", "Включено"),
        [MselField.ToPersona] = ("To Persona", "Кому (персонаж)"),
        [MselField.Tag] = ("Tag", "Метка"),
    };

    private static readonly Dictionary<string, MselField> Aliases = BuildAliases();

    public static IEnumerable<string> KnownHeaders(bool russian) => Canonical.Where(c => c.Key != MselField.Tag).Select(c => russian ? c.Value.Ru : c.Value.En);

    /// <summary>What a header means, or null for a column the import does not use (it is left alone).</summary>
    public static (MselField Field, string? Language)? Recognise(string header) =>
        Recognise(header, dialect: null);

    /// <summary>
    /// What a header means in <paramref name="dialect"/> (its own names first, then every known
    /// name), or null. "#Faction" is always the tag "Faction", as our export writes tags.
    /// </summary>
    public static (MselField Field, string? Language)? Recognise(string header, MselDialect? dialect)
    {
        if (header.TrimStart().StartsWith('#') && header.Trim().Length > 1 && header.Trim()[1..].Any(char.IsLetter))
        {
            return (MselField.Tag, null);
        }

        var (name, language) = SplitLanguage(header);
        var key = Normalise(name);
        if (dialect is not null && dialect.Fields.TryGetValue(key, out var own))
        {
            return (own, language);
        }

        return Aliases.TryGetValue(key, out var field) ? (field, language) : null;
    }

    /// <summary>"Subject (ru)" → ("Subject", "ru"); "Subject" → ("Subject", null).</summary>
    public static (string Name, string? Language) SplitLanguage(string header) =>
        LanguageSuffix().Match(header) is { Success: true } m ? (header[..m.Index], m.Groups["lang"].Value.ToLowerInvariant()) : (header, null);

    /// <summary>
    /// A field named the way a designer would type it after <c>--map Header=</c>: "Message",
    /// "Сообщение", "Subject (ru)", "ExpectedAction", "tag", or any known header name.
    /// </summary>
    public static (MselField Field, string? Language)? ParseField(string text)
    {
        var (name, language) = SplitLanguage(text.Trim());
        if (Enum.TryParse<MselField>(name.Trim(), ignoreCase: true, out var byName) && Enum.IsDefined(byName))
        {
            return (byName, language);
        }

        var key = Normalise(name);
        if (Canonical.FirstOrDefault(c => Normalise(c.Value.En) == key || Normalise(c.Value.Ru) == key) is { Value.En: not null } canonical)
        {
            return (canonical.Key, language);
        }

        return Aliases.TryGetValue(key, out var field) ? (field, language) : null;
    }

    /// <summary>The words that mean "leave this column out" in a mapping.</summary>
    public static bool IsIgnore(string text) => Normalise(text) is "ignore" or "skip" or "none" or "игнорировать" or "пропустить" or "нет" || text.Trim() == "-";

    internal static string Normalise(string header) =>
        new string(header.ToLowerInvariant().Replace('ё', 'е').Where(char.IsLetterOrDigit).ToArray()) is { Length: > 0 } s ? s
        : header.Trim() is "№" or "#" ? "no" : string.Empty;

    private static Dictionary<string, MselField> BuildAliases()
    {
        var aliases = new (MselField Field, string[] Names)[]
        {
            (MselField.Number, ["Number", "No", "No.", "Nr", "#", "№", "Serial", "Serial No", "Control Number", "Control No", "Inject", "Inject No", "Inject Number", "Inject #", "MSEL #", "MSEL No", "MSEL Number", "Event #", "Event No", "ID", "Номер", "№ п/п", "Номер инжекта", "Инжект", "Порядковый номер", "№ вводной", "Номер вводной", "№ инжекта", "№ события"]),
            (MselField.Day, ["Day", "Exercise Day", "День", "День учения", "Сутки"]),
            (MselField.Time, ["Time", "Offset", "Time Offset", "At", "H+", "Exercise Time", "Время", "Смещение", "Время от начала", "Время учения", "Ч+", "Время ввода", "Время введения", "Время доведения", "Время (Ч+)"]),
            (MselField.DateTime, ["Date/Time", "DateTime", "Date Time", "Scenario Time", "Scenario Date/Time", "Scenario Date Time", "Clock Time", "Дата/время", "Дата и время", "Дата и время сценария", "Время сценария", "Астрономическое время", "Время (астрономическое)"]),
            (MselField.Trigger, ["Trigger", "Condition", "Release", "Условие", "Триггер", "Условие срабатывания", "Условие ввода"]),
            (MselField.From, ["From", "Sender", "Source", "Originator", "От", "От кого", "Отправитель", "Источник", "От имени", "Кто сообщает"]),
            (MselField.To, ["To", "Recipient", "Recipients", "Team", "Teams", "Audience", "Player", "Players", "Кому", "Получатель", "Получатели", "Команда", "Группа", "Адресат", "Кому вводится", "Кому доводится", "Кому направляется", "Обучаемые"]),
            (MselField.Method, ["Method", "Delivery Method", "Mode", "Inject Mode", "Means", "Channel", "Способ", "Способ доставки", "Канал", "Средство", "Способ ввода", "Способ доведения", "Форма ввода"]),
            (MselField.Subject, ["Subject", "Title", "Heading", "Headline", "Inject Title", "Event Title", "Event Synopsis", "Synopsis", "Тема", "Заголовок", "Название", "Тема вводной", "Краткое содержание"]),
            (MselField.Message, ["Message", "Body", "Text", "Inject Text", "Description", "Content", "Сообщение", "Текст", "Содержание", "Описание", "Содержание вводной", "Текст вводной", "Вводная", "Содержание инжекта", "Текст инжекта", "Содержание сообщения"]),
            (MselField.ExpectedAction, ["Expected Action", "Expected Actions", "Expected Player Action", "Expected Player Actions", "Expected Response", "Expected Outcome", "Ожидаемые действия", "Ожидаемое действие", "Ожидаемый результат", "Ожидаемая реакция", "Ожидаемые действия обучаемых", "Ожидаемые действия обучающихся", "Действия обучаемых", "Ожидаемые действия участников"]),
            (MselField.Notes, ["Notes", "Note", "Controller Notes", "Remarks", "Comments", "Примечания", "Примечание", "Заметки", "Комментарии", "Примечания для контролёра", "Указания посреднику"]),
            (MselField.Objectives, ["Objectives", "Objective", "Linked Objectives", "Цели", "Цель", "Задачи"]),
            (MselField.Attachments, ["Attachments", "Attachment", "Files", "Вложения", "Вложение", "Файлы"]),
            (MselField.Response, ["Response", "Response Requested", "Response Form", "Ответ", "Требуется ответ", "Форма ответа"]),
            (MselField.ResponseDeadline, ["Response Deadline", "Deadline", "Respond Within", "Срок ответа", "Срок"]),
            (MselField.Contingency, ["Contingency", "Reserve", "Резерв", "Резервный", "Запасной"]),
            (MselField.Enabled, ["Enabled", "Active", "Use", "Включено", "Активно", "Использовать"]),
            (MselField.ToPersona, ["To Persona", "Recipient Persona", "Кому (персонаж)", "Персонаж-адресат"]),
            (MselField.Tag, ["Responsible Controller", "Controller", "Core Capability", "Capability", "Faction", "Tab", "Ответственный", "Посредник", "Кто вводит", "Кто доводит", "Отметка о выполнении"]),
        };
        var map = new Dictionary<string, MselField>(StringComparer.Ordinal);
        foreach (var (field, names) in aliases)
        {
            foreach (var name in names)
            {
                map.TryAdd(Normalise(name), field);
            }
        }

        return map;
    }

    [GeneratedRegex(@"\s*[\(\[]\s*(?<lang>[A-Za-z]{2})\s*[\)\]]\s*$")]
    private static partial Regex LanguageSuffix();
}
