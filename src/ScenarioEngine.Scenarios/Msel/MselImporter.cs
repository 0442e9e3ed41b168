using System.Globalization;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// Turns a designer's MSEL spreadsheet into the injects of a scenario. Reads every row, collects
/// every problem with its file, row and column, then checks the result whole like a YAML scenario;
/// returns a scenario only if nothing at all is wrong, so nothing is ever half-imported.
/// Fields a sheet cannot hold (disclosure gates, structured response forms) are kept from the
/// scenario's inject with the same number.
/// </summary>
public static class MselImporter
{
    public static ScenarioDefinition Import(Sheet sheet, ScenarioDefinition scenario, CultureInfo? culture = null)
    {
        var problems = new ProblemList(culture);
        var headerRow = sheet.Rows.FirstOrDefault(r => r.Cells.Any(c => !c.IsBlank));
        if (headerRow is null)
        {
            problems.Add(sheet.File, Msg.MselNoRows);
            throw new ScenarioValidationException(sheet.File, problems);
        }

        var columns = ReadHeader(sheet, headerRow, scenario, problems);
        var locator = new MselLocator(sheet.File, columns, culture);
        var rows = sheet.Rows.Where(r => r.Number > headerRow.Number && r.Cells.Any(c => !c.IsBlank)).ToList();
        if (rows.Count == 0)
        {
            problems.Add(sheet.File, Msg.MselNoRows);
        }

        var injects = new List<InjectDefinition>();
        foreach (var row in rows)
        {
            locator.Rows.Add(row.Number);
            injects.Add(new RowReader(row, columns, scenario, locator, problems).Inject());
        }

        if (problems.Any(p => p.Code == Msg.MselMissingColumn))
        {
            throw new ScenarioValidationException(sheet.File, problems);
        }

        var imported = ScenarioValidator.Normalize(scenario with { Injects = injects });
        problems.AddRange(ScenarioValidator.Validate(imported, locator, culture)
            .Where(p => !problems.Any(earlier => earlier.Where == p.Where && earlier.Code is Msg.TimeOffsetInvalid or Msg.TriggerInvalid or Msg.AudienceInvalid)));
        return problems.Count == 0 ? imported : throw new ScenarioValidationException(sheet.File, problems);
    }

    private static List<MselColumn> ReadHeader(Sheet sheet, SheetRow header, ScenarioDefinition scenario, ProblemList problems)
    {
        var columns = new List<MselColumn>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (MselColumns.Recognise(header[i].Text) is not { } meaning)
            {
                continue;
            }

            var language = meaning.Language ?? (IsText(meaning.Field) ? scenario.DefaultLanguage : null);
            if (columns.Find(c => c.Field == meaning.Field && c.Language == language) is { } earlier)
            {
                problems.Add(ProblemAt(sheet.File, header.Number, i, header[i].Text, problems), Msg.MselDuplicateColumn, Sheet.ColumnName(earlier.Index), Sheet.ColumnName(i), header[i].Text);
                continue;
            }

            columns.Add(new MselColumn(i, header[i].Text.Trim(), meaning.Field, language));
        }

        var russian = problems.Culture?.TwoLetterISOLanguageName == "ru";
        foreach (var required in new[] { MselField.Number, MselField.To, MselField.Subject, MselField.Message }.Where(f => columns.All(c => c.Field != f)))
        {
            var name = russian ? MselColumns.Canonical[required].Ru : MselColumns.Canonical[required].En;
            problems.Add(sheet.File, Msg.MselMissingColumn, name, string.Join(", ", MselColumns.KnownHeaders(russian)));
        }

        return columns;
    }

    private static string ProblemAt(string file, int row, int column, string header, ProblemList problems) =>
        problems.Text(Msg.MselWhere, file, row, Sheet.ColumnName(column), header);

    internal static bool IsText(MselField field) => field is MselField.From or MselField.Subject or MselField.Message or MselField.ExpectedAction;

    /// <summary>Reads one row; every bad cell is noted where it is and given a harmless value.</summary>
    private sealed class RowReader(SheetRow row, List<MselColumn> columns, ScenarioDefinition scenario, MselLocator locator, ProblemList problems)
    {
        public InjectDefinition Inject()
        {
            var number = Cell(MselField.Number) is { IsBlank: false } n ? (n.Number is { } d ? Sheet.FormatNumber(d) : n.Text.Trim()) : string.Empty;
            var existing = scenario.Injects.Find(i => i.Number == number);
            var at = Time();
            var trigger = Trigger();
            if (at is not null && trigger is not null)
            {
                Problem(MselField.Trigger, Msg.OneTriggerOnly);
            }

            var (responseRequested, form) = Response(existing);
            return new InjectDefinition
            {
                Number = number,
                At = at,
                Trigger = trigger,
                From = Text(MselField.From),
                To = Audience(),
                Method = Method(),
                Subject = Text(MselField.Subject),
                Message = Text(MselField.Message),
                ExpectedAction = Text(MselField.ExpectedAction),
                ControllerNotes = Cell(MselField.Notes) is { IsBlank: false } notes ? notes.Text.Trim() : null,
                Objectives = List(MselField.Objectives),
                Attachments = List(MselField.Attachments),
                ResponseRequested = responseRequested,
                ResponseForm = form,
                ResponseDeadline = Offset(MselField.ResponseDeadline),
                Contingency = Bool(MselField.Contingency) ?? false,
                Enabled = Bool(MselField.Enabled) ?? true,
                Disclosures = existing?.Disclosures ?? [],
            };
        }

        private TimeSpan? Time()
        {
            var time = Offset(MselField.Time);
            var day = 0;
            if (Cell(MselField.Day) is { IsBlank: false } dayCell)
            {
                if (int.TryParse(dayCell.Text.Trim(), CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
                {
                    day = parsed - 1;
                }
                else
                {
                    Problem(MselField.Day, Msg.NumberInvalid, dayCell.Text);
                }
            }

            if (Cell(MselField.DateTime) is { IsBlank: false } moment)
            {
                var at = ScenarioDateTime(moment);
                if (time is not null)
                {
                    Problem(MselField.DateTime, Msg.OneTriggerOnly);
                }

                return at;
            }

            return time is { } t ? t + TimeSpan.FromDays(day) : null;
        }

        private TimeSpan? ScenarioDateTime(SheetCell cell)
        {
            if (scenario.ScenarioStart is not { } start)
            {
                Problem(MselField.DateTime, Msg.AtTimeNeedsScenarioStart);
                return null;
            }

            DateTimeOffset moment;
            if (cell.Number is { } serial)
            {
                // Excel keeps a date-time as days since 1899-12-30, in no time zone: the scenario's is meant.
                var local = DateTime.FromOADate(serial);
                moment = new DateTimeOffset(local, start.Offset);
            }
            else if (!TryParseMoment(cell.Text.Trim(), start.Offset, out moment))
            {
                Problem(MselField.DateTime, Msg.DateTimeInvalid, cell.Text);
                return null;
            }

            if (moment < start)
            {
                Problem(MselField.DateTime, Msg.AtTimeBeforeStart, cell.Text, start.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
                return null;
            }

            return moment - start;
        }

        /// <summary>ISO with an offset, or a local date and time (invariant or Russian style) in the scenario's zone.</summary>
        private static bool TryParseMoment(string text, TimeSpan zone, out DateTimeOffset moment)
        {
            moment = default;
            if (System.Text.RegularExpressions.Regex.IsMatch(text, @"(Z|[+-]\d{2}:?\d{2})$"))
            {
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out moment);
            }

            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                || DateTime.TryParse(text, CultureInfo.GetCultureInfo("ru-RU"), DateTimeStyles.None, out local))
            {
                moment = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                return true;
            }

            return false;
        }

        private TriggerDefinition? Trigger()
        {
            if (Cell(MselField.Trigger) is not { IsBlank: false } cell)
            {
                return null;
            }

            if (TriggerText.TryParse(cell.Text, out var trigger))
            {
                return trigger;
            }

            Problem(MselField.Trigger, Msg.TriggerInvalid, cell.Text.Trim());
            return null;
        }

        private TimeSpan? Offset(MselField field)
        {
            if (Cell(field) is not { IsBlank: false } cell)
            {
                return null;
            }

            if (cell.Number is { } days)
            {
                // Excel stores a time typed as 0:30 as the fraction of a day 0.0208333…
                return TimeSpan.FromSeconds(Math.Round(days * 86_400));
            }

            if (TimeText.TryParseOffset(cell.Text, out var offset))
            {
                return offset;
            }

            Problem(field, Msg.TimeOffsetInvalid, cell.Text.Trim());
            return null;
        }

        private AudienceDefinition Audience()
        {
            var teams = new List<string>();
            var actors = new List<string>();
            var sites = new List<string>();
            var roles = new List<string>();
            var everyone = false;
            foreach (var token in Split(Cell(MselField.To).Text))
            {
                var (kind, name) = token.IndexOf(':') is var colon and > 0 ? (token[..colon].Trim().ToLowerInvariant(), token[(colon + 1)..].Trim()) : (string.Empty, token);
                if (kind.Length == 0 && name.ToLowerInvariant() is "everyone" or "all" or "все" or "всем")
                {
                    everyone = true;
                }
                else if (kind is "" or "team" or "группа" or "команда" && Find(scenario.Teams.Select(t => (t.Id, t.Name)), name) is { } team)
                {
                    teams.Add(team);
                }
                else if (kind is "" or "actor" or "актёр" or "актер" && Find(scenario.Actors.Select(a => (a.Id, a.Name)), name) is { } actor)
                {
                    actors.Add(actor);
                }
                else if (kind is "" or "site" or "объект" && Find(scenario.Sites.Select(s => (s.Id, s.Name)), name) is { } site)
                {
                    sites.Add(site);
                }
                else if (kind is "" or "role" or "роль" && scenario.Teams.SelectMany(t => t.Agencies.Concat(t.AgencyMix.Keys)).FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)) is { } role)
                {
                    roles.Add(role);
                }
                else
                {
                    Problem(MselField.To, Msg.AudienceInvalid, token);
                }
            }

            return new AudienceDefinition { Teams = teams, Actors = actors, Sites = sites, Roles = roles, Everyone = everyone };
        }

        /// <summary>An id, or any of the thing's names in any language, ignoring case.</summary>
        private static string? Find(IEnumerable<(string Id, Dictionary<string, string> Name)> things, string token) =>
            things.FirstOrDefault(t => string.Equals(t.Id, token, StringComparison.OrdinalIgnoreCase)
                || t.Name.Values.Any(n => string.Equals(n.Trim(), token, StringComparison.OrdinalIgnoreCase))).Id;

        private DeliveryMethod Method()
        {
            if (Cell(MselField.Method) is not { IsBlank: false } cell)
            {
                return DeliveryMethod.Document;
            }

            var key = new string(cell.Text.ToLowerInvariant().Replace('ё', 'е').Where(char.IsLetter).ToArray());
            if (MethodAliases.TryGetValue(key, out var method) || Enum.TryParse(key, ignoreCase: true, out method))
            {
                return method;
            }

            Problem(MselField.Method, Msg.MethodInvalid, cell.Text.Trim(), string.Join(", ", Enum.GetNames<DeliveryMethod>()));
            return DeliveryMethod.Document;
        }

        private (bool Requested, ResponseForm? Form) Response(InjectDefinition? existing)
        {
            var text = Cell(MselField.Response).Text.Trim();
            var colon = text.IndexOf(':');
            if (colon > 0 && text[..colon].Trim().ToLowerInvariant() is "choice" or "выбор")
            {
                var choices = text[(colon + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var labels = scenario.Languages;
                // A form implies a response is wanted; the flag stays for free-text-only injects.
                return (false, new ResponseForm
                {
                    Fields =
                    [
                        new ResponseField
                        {
                            Id = "choice",
                            Kind = ResponseFieldKind.Choice,
                            Required = true,
                            Choices = choices.Select(c => new ResponseChoice { Id = c, Label = labels.ToDictionary(l => l, _ => c) }).ToList(),
                        },
                    ],
                });
            }

            if (text.ToLowerInvariant() is "form" or "форма")
            {
                return existing?.ResponseForm is { } kept ? (existing.ResponseRequested, kept) : (true, null);
            }

            return (Bool(MselField.Response) ?? false, null);
        }

        private bool? Bool(MselField field)
        {
            if (Cell(field) is not { IsBlank: false } cell)
            {
                return null;
            }

            switch (cell.Text.Trim().ToLowerInvariant())
            {
                case "yes" or "y" or "true" or "1" or "x" or "✓" or "да" or "д" or "+":
                    return true;
                case "no" or "n" or "false" or "0" or "нет" or "н" or "-":
                    return false;
                default:
                    Problem(field, Msg.BoolInvalid, cell.Text.Trim());
                    return null;
            }
        }

        private Dictionary<string, string> Text(MselField field) =>
            columns.Where(c => c.Field == field && !row[c.Index].IsBlank)
                .GroupBy(c => c.Language ?? scenario.DefaultLanguage)
                .ToDictionary(g => g.Key, g => row[g.First().Index].Text.Trim());

        private List<string> List(MselField field) => Split(Cell(field).Text).ToList();

        private static IEnumerable<string> Split(string text) =>
            text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private SheetCell Cell(MselField field) => columns.Find(c => c.Field == field) is { } column ? row[column.Index] : SheetCell.Empty;

        private void Problem(MselField field, string key, params object?[] args)
        {
            var column = columns.Find(c => c.Field == field);
            var where = column is null
                ? problems.Text(Msg.MselWhereRow, locator.File, row.Number)
                : problems.Text(Msg.MselWhere, locator.File, row.Number, Sheet.ColumnName(column.Index), column.Header);
            problems.Add(where, key, args);
        }
    }

    private static readonly Dictionary<string, DeliveryMethod> MethodAliases = new()
    {
        ["document"] = DeliveryMethod.Document,
        ["doc"] = DeliveryMethod.Document,
        ["paper"] = DeliveryMethod.Document,
        ["letter"] = DeliveryMethod.Document,
        ["документ"] = DeliveryMethod.Document,
        ["письмо"] = DeliveryMethod.Document,
        ["бумага"] = DeliveryMethod.Document,
        ["phone"] = DeliveryMethod.PhoneCall,
        ["phonecall"] = DeliveryMethod.PhoneCall,
        ["call"] = DeliveryMethod.PhoneCall,
        ["telephone"] = DeliveryMethod.PhoneCall,
        ["телефон"] = DeliveryMethod.PhoneCall,
        ["звонок"] = DeliveryMethod.PhoneCall,
        ["телефонныйзвонок"] = DeliveryMethod.PhoneCall,
        ["sms"] = DeliveryMethod.Sms,
        ["text"] = DeliveryMethod.Sms,
        ["textmessage"] = DeliveryMethod.Sms,
        ["смс"] = DeliveryMethod.Sms,
        ["sмс"] = DeliveryMethod.Sms,
        ["email"] = DeliveryMethod.Email,
        ["mail"] = DeliveryMethod.Email,
        ["почта"] = DeliveryMethod.Email,
        ["электроннаяпочта"] = DeliveryMethod.Email,
        ["емейл"] = DeliveryMethod.Email,
        ["radio"] = DeliveryMethod.Radio,
        ["рация"] = DeliveryMethod.Radio,
        ["радио"] = DeliveryMethod.Radio,
        ["радиосвязь"] = DeliveryMethod.Radio,
        ["inperson"] = DeliveryMethod.InPerson,
        ["person"] = DeliveryMethod.InPerson,
        ["facetoface"] = DeliveryMethod.InPerson,
        ["verbal"] = DeliveryMethod.InPerson,
        ["лично"] = DeliveryMethod.InPerson,
        ["устно"] = DeliveryMethod.InPerson,
        ["личнаявстреча"] = DeliveryMethod.InPerson,
        ["media"] = DeliveryMethod.MediaReport,
        ["mediareport"] = DeliveryMethod.MediaReport,
        ["news"] = DeliveryMethod.MediaReport,
        ["press"] = DeliveryMethod.MediaReport,
        ["сми"] = DeliveryMethod.MediaReport,
        ["новости"] = DeliveryMethod.MediaReport,
        ["публикациявсми"] = DeliveryMethod.MediaReport,
    };
}

/// <summary>Places a scenario problem at a spreadsheet row and column, in the reader's language.</summary>
internal sealed class MselLocator(string file, IReadOnlyList<MselColumn> columns, CultureInfo? culture) : IProblemLocator
{
    public string File { get; } = file;

    /// <summary>The sheet row of each imported inject, by its index in the MSEL.</summary>
    public List<int> Rows { get; } = [];

    public string Scenario(string path) => $"{File}: {path}";

    public string Inject(int index, string field, string? language = null)
    {
        var row = index < Rows.Count ? Rows[index] : 0;
        var target = field.Split('.')[0] switch
        {
            "number" => MselField.Number,
            "at" => columns.Any(c => c.Field == MselField.Time) ? MselField.Time : MselField.DateTime,
            "trigger" => MselField.Trigger,
            "to" => MselField.To,
            "method" => MselField.Method,
            "from" => MselField.From,
            "subject" => MselField.Subject,
            "message" => MselField.Message,
            "expectedAction" => MselField.ExpectedAction,
            "objectives" => MselField.Objectives,
            "attachments" => MselField.Attachments,
            "responseForm" => MselField.Response,
            "responseDeadline" => MselField.ResponseDeadline,
            "contingency" => MselField.Contingency,
            _ => (MselField?)null,
        };
        var column = columns.FirstOrDefault(c => c.Field == target && (language is null || !MselImporter.IsText(c.Field) || c.Language == language))
            ?? columns.FirstOrDefault(c => c.Field == target);
        return column is null
            ? ScenarioText.Format(culture, Msg.MselWhereRow, File, row)
            : ScenarioText.Format(culture, Msg.MselWhere, File, row, Sheet.ColumnName(column.Index), column.Header);
    }
}
