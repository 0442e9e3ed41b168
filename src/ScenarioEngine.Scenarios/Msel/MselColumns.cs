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
}

/// <summary>A recognised header: which field, and for text fields which language ("Subject (ru)", "Тема [en]").</summary>
public sealed record MselColumn(int Index, string Header, MselField Field, string? Language);

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
    };

    private static readonly Dictionary<string, MselField> Aliases = BuildAliases();

    public static IEnumerable<string> KnownHeaders(bool russian) => Canonical.Values.Select(c => russian ? c.Ru : c.En);

    /// <summary>What a header means, or null for a column the import does not use (it is left alone).</summary>
    public static (MselField Field, string? Language)? Recognise(string header)
    {
        var language = LanguageSuffix().Match(header) is { Success: true } m ? m.Groups["lang"].Value.ToLowerInvariant() : null;
        var name = language is null ? header : header[..LanguageSuffix().Match(header).Index];
        return Aliases.TryGetValue(Normalise(name), out var field) ? (field, language) : null;
    }

    private static string Normalise(string header) =>
        new string(header.ToLowerInvariant().Replace('ё', 'е').Where(char.IsLetterOrDigit).ToArray()) is { Length: > 0 } s ? s
        : header.Trim() is "№" or "#" ? "no" : string.Empty;

    private static Dictionary<string, MselField> BuildAliases()
    {
        var aliases = new (MselField Field, string[] Names)[]
        {
            (MselField.Number, ["Number", "No", "No.", "Nr", "#", "№", "Serial", "Serial No", "Control Number", "Control No", "Inject", "Inject No", "Inject Number", "Inject #", "ID", "Номер", "№ п/п", "Номер инжекта", "Инжект", "Порядковый номер"]),
            (MselField.Day, ["Day", "Exercise Day", "День", "День учения"]),
            (MselField.Time, ["Time", "Offset", "Time Offset", "At", "H+", "Exercise Time", "Время", "Смещение", "Время от начала", "Время учения", "Ч+"]),
            (MselField.DateTime, ["Date/Time", "DateTime", "Date Time", "Scenario Time", "Scenario Date/Time", "Scenario Date Time", "Дата/время", "Дата и время", "Дата и время сценария", "Время сценария"]),
            (MselField.Trigger, ["Trigger", "Condition", "Release", "Условие", "Триггер", "Условие срабатывания"]),
            (MselField.From, ["From", "Sender", "Source", "Originator", "От", "От кого", "Отправитель", "Источник"]),
            (MselField.To, ["To", "Recipient", "Recipients", "Team", "Teams", "Audience", "Player", "Players", "Кому", "Получатель", "Получатели", "Команда", "Группа", "Адресат"]),
            (MselField.Method, ["Method", "Delivery Method", "Mode", "Means", "Channel", "Способ", "Способ доставки", "Канал", "Средство"]),
            (MselField.Subject, ["Subject", "Title", "Heading", "Тема", "Заголовок", "Название"]),
            (MselField.Message, ["Message", "Body", "Text", "Inject Text", "Description", "Content", "Сообщение", "Текст", "Содержание", "Описание"]),
            (MselField.ExpectedAction, ["Expected Action", "Expected Actions", "Expected Player Action", "Expected Response", "Expected Outcome", "Ожидаемые действия", "Ожидаемое действие", "Ожидаемый результат", "Ожидаемая реакция"]),
            (MselField.Notes, ["Notes", "Note", "Controller Notes", "Remarks", "Comments", "Примечания", "Примечание", "Заметки", "Комментарии", "Примечания для контролёра"]),
            (MselField.Objectives, ["Objectives", "Objective", "Linked Objectives", "Цели", "Цель", "Задачи"]),
            (MselField.Attachments, ["Attachments", "Attachment", "Files", "Вложения", "Вложение", "Файлы"]),
            (MselField.Response, ["Response", "Response Requested", "Response Form", "Ответ", "Требуется ответ", "Форма ответа"]),
            (MselField.ResponseDeadline, ["Response Deadline", "Deadline", "Respond Within", "Срок ответа", "Срок"]),
            (MselField.Contingency, ["Contingency", "Reserve", "Резерв", "Резервный", "Запасной"]),
            (MselField.Enabled, ["Enabled", "Active", "Use", "Включено", "Активно", "Использовать"]),
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
