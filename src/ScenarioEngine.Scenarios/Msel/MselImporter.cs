using System.Globalization;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>What to do with a sheet beyond reading it: the designer's column mapping, and how strict to be.</summary>
public sealed record MselImportOptions
{
    public static readonly MselImportOptions Default = new();

    /// <summary>
    /// Header → field, as typed after <c>--map</c> ("Inject=Message", "Кто вводит=ignore") or chosen in
    /// the mapping dialog. Headers match ignoring case and spacing; the field is any name
    /// <see cref="MselColumns.ParseField"/> knows, "tag", or "ignore".
    /// </summary>
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>();

    /// <summary>A sheet without a language the scenario declares is an error, not a warning.</summary>
    public bool StrictLanguages { get; init; }

    /// <summary>Parses <c>Header=Field</c> pairs; throws <see cref="FormatException"/> on one without "=".</summary>
    public static Dictionary<string, string> ParseMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new FormatException(pair);
            }

            map[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return map;
    }
}

/// <summary>A column as the mapping dialog shows it: header, first values, and what the import makes of it (null: ignored).</summary>
public sealed record MselColumnPreview(int Index, string Letter, string Header, IReadOnlyList<string> Samples, MselField? Field, string? Language, MselColumnSource? Source);

/// <summary>A name in the sheet matched loosely, for the report ("Team Alpha" → team alpha).</summary>
public sealed record MselNameMatch(int Row, string Written, AudienceKind Kind, string Id, NameMatch How);

/// <summary>What the import did besides the injects: the dialect, the columns used and ignored, warnings, loose matches.</summary>
public sealed record MselImportReport
{
    public MselDialect? Dialect { get; init; }
    public required IReadOnlyList<MselColumn> Columns { get; init; }
    public required IReadOnlyList<string> IgnoredColumns { get; init; }

    /// <summary>Allowed but worth a look (one-language sheet, numbers made up); each with its Code.</summary>
    public required IReadOnlyList<ScenarioProblem> Warnings { get; init; }

    /// <summary>For information: the dialect, the ignored columns, each loose name match.</summary>
    public required IReadOnlyList<ScenarioProblem> Notes { get; init; }

    public required IReadOnlyList<MselNameMatch> Matches { get; init; }
}

public sealed record MselImportResult(ScenarioDefinition Scenario, MselImportReport Report);

/// <summary>
/// Turns a designer's MSEL spreadsheet into the injects of a scenario. Reads every row, collects
/// every problem with its file, row and column, then checks the result whole like a YAML scenario;
/// returns a scenario only if nothing at all is wrong, so nothing is ever half-imported.
/// Sheets made for other tools (Conducttr, HSEEP/PrepToolkit, Crucible Blueprint, Russian
/// перечни вводных) are read as they are; a column nobody knows is mapped, or left out and said so.
/// Fields a sheet cannot hold (disclosure gates, structured response forms) are kept from the
/// scenario's inject with the same number.
/// </summary>
public static class MselImporter
{
    public static ScenarioDefinition Import(Sheet sheet, ScenarioDefinition scenario, CultureInfo? culture = null) =>
        ImportWithReport(sheet, scenario, MselImportOptions.Default, culture).Scenario;

    public static MselImportResult ImportWithReport(Sheet sheet, ScenarioDefinition scenario, MselImportOptions? options, CultureInfo? culture = null)
    {
        options ??= MselImportOptions.Default;
        var problems = new ProblemList(culture);
        var warnings = new ProblemList(culture);
        var notes = new ProblemList(culture);
        var headerRow = HeaderRow(sheet);
        if (headerRow is null)
        {
            problems.Add(sheet.File, Msg.MselNoRows);
            throw new ScenarioValidationException(sheet.File, problems);
        }

        var header = ReadHeader(sheet, headerRow, scenario, options, problems);
        var columns = header.Columns;
        if (header.Dialect is { } dialect)
        {
            notes.Add(sheet.File, Msg.MselDialectDetected, dialect.Name(problems.Culture?.TwoLetterISOLanguageName == "ru"));
        }

        foreach (var ignored in header.Ignored)
        {
            notes.Add(sheet.File, Msg.MselIgnoredColumn, Sheet.ColumnName(ignored), headerRow[ignored].Text.Trim());
        }

        var locator = new MselLocator(sheet.File, columns, culture);
        var rows = sheet.Rows.Where(r => r.Number > headerRow.Number && r.Cells.Any(c => !c.IsBlank)).ToList();
        if (rows.Count == 0)
        {
            problems.Add(sheet.File, Msg.MselNoRows);
        }

        if (problems.Any(p => p.Code is Msg.MselMissingColumn or Msg.MselMapUnknownColumn or Msg.MselMapUnknownField))
        {
            throw new ScenarioValidationException(sheet.File, problems);
        }

        if (columns.All(c => c.Field != MselField.Number))
        {
            warnings.Add(sheet.File, Msg.MselNumbered, rows.Count);
        }

        if (columns.All(c => c.Field != MselField.Subject))
        {
            warnings.Add(sheet.File, Msg.MselSubjectFromMessage);
        }

        var matches = new List<MselNameMatch>();
        var injects = new List<InjectDefinition>();
        foreach (var row in rows)
        {
            locator.Rows.Add(row.Number);
            injects.Add(new RowReader(row, injects.Count, columns, scenario, locator, problems, matches).Inject());
        }

        foreach (var match in matches)
        {
            var column = columns.First(c => c.Field == MselField.To);
            notes.Add(problems.Text(Msg.MselWhere, sheet.File, match.Row, Sheet.ColumnName(column.Index), column.Header), Msg.MselNameMatched, match.Written, Kind(match.Kind, problems), match.Id, How(match.How, problems));
        }

        var sheetLanguages = scenario.Languages.Where(l => columns.Any(c => IsText(c.Field) && (c.Language ?? scenario.DefaultLanguage) == l)).ToList();
        var absent = scenario.Languages.Except(sheetLanguages).ToList();
        if (!options.StrictLanguages && absent.Count > 0 && sheetLanguages.Count > 0)
        {
            // A one-language sheet is how most designers work. The missing language is filled from the
            // sheet's (the default's when the sheet has it), so phones show that text instead of nothing
            // and the scenario stays valid wherever it goes next (YAML, the exercise, a re-export).
            var fallback = sheetLanguages.Contains(scenario.DefaultLanguage) ? scenario.DefaultLanguage : sheetLanguages[0];
            injects = injects.Select(i => Fill(i, absent, fallback)).ToList();
            warnings.Add(sheet.File, Msg.MselOneLanguage, string.Join(", ", sheetLanguages), string.Join(", ", absent), fallback);
        }

        var imported = ScenarioValidator.Normalize(scenario with { Injects = injects });
        var checks = ScenarioValidator.Validate(imported, locator, culture)
            .Where(p => !problems.Any(earlier => earlier.Where == p.Where && earlier.Code is Msg.TimeOffsetInvalid or Msg.TriggerInvalid or Msg.AudienceInvalid or Msg.AudienceAmbiguous))
            .ToList();
        problems.AddRange(checks);
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException(sheet.File, problems);
        }

        return new MselImportResult(imported, new MselImportReport
        {
            Dialect = header.Dialect,
            Columns = columns,
            IgnoredColumns = header.Ignored.Select(i => headerRow[i].Text.Trim()).ToList(),
            Warnings = warnings,
            Notes = notes,
            Matches = matches,
        });
    }

    /// <summary>
    /// The sheet's columns with their first values and what the import would make of each under
    /// <paramref name="options"/>: what the mapping dialog shows. Problems with the mapping itself
    /// are left to the import.
    /// </summary>
    public static IReadOnlyList<MselColumnPreview> Preview(Sheet sheet, ScenarioDefinition scenario, MselImportOptions? options = null, int samples = 3)
    {
        if (HeaderRow(sheet) is not { } headerRow)
        {
            return [];
        }

        var header = ReadHeader(sheet, headerRow, scenario, options ?? MselImportOptions.Default, new ProblemList(null));
        var body = sheet.Rows.Where(r => r.Number > headerRow.Number).ToList();
        return Enumerable.Range(0, headerRow.Cells.Count)
            .Where(i => !headerRow[i].IsBlank)
            .Select(i =>
            {
                var column = header.Columns.Find(c => c.Index == i);
                var values = body.Select(r => r[i].Text.Trim()).Where(t => t.Length > 0).Take(samples).ToList();
                return new MselColumnPreview(i, Sheet.ColumnName(i), headerRow[i].Text.Trim(), values, column?.Field, column?.Language, column?.Source);
            })
            .ToList();
    }

    private static InjectDefinition Fill(InjectDefinition inject, IReadOnlyList<string> languages, string from)
    {
        Dictionary<string, string> Filled(Dictionary<string, string> text) =>
            text.TryGetValue(from, out var value) ? new Dictionary<string, string>(text.Concat(languages.Where(l => !text.ContainsKey(l)).Select(l => KeyValuePair.Create(l, value)))) : text;

        return inject with
        {
            Subject = Filled(inject.Subject),
            Message = Filled(inject.Message),
            From = Filled(inject.From),
            ToPersona = Filled(inject.ToPersona),
            ExpectedAction = Filled(inject.ExpectedAction),
        };
    }

    /// <summary>The fields a sheet cannot do without; the others have a default.</summary>
    public static readonly IReadOnlyList<MselField> RequiredFields = [MselField.To, MselField.Message];

    private static SheetRow? HeaderRow(Sheet sheet) => sheet.Rows.FirstOrDefault(r => r.Cells.Any(c => !c.IsBlank));

    private sealed record Header(List<MselColumn> Columns, List<int> Ignored, MselDialect? Dialect);

    private static Header ReadHeader(Sheet sheet, SheetRow header, ScenarioDefinition scenario, MselImportOptions options, ProblemList problems)
    {
        var headers = header.Cells.Select(c => c.Text).ToList();
        var dialect = MselDialects.Detect(headers);
        var columns = new List<MselColumn>();
        var ignored = new List<int>();
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        var russian = problems.Culture?.TwoLetterISOLanguageName == "ru";
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var text = header[i].Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            (MselField Field, string? Language)? meaning;
            var source = MselColumnSource.Known;
            if (Mapping(options, text) is { } mapping)
            {
                mapped.Add(mapping.Key);
                if (MselColumns.IsIgnore(mapping.Value))
                {
                    ignored.Add(i);
                    continue;
                }

                meaning = MselColumns.ParseField(mapping.Value);
                if (meaning is null)
                {
                    problems.Add(ProblemAt(sheet.File, header.Number, i, text, problems), Msg.MselMapUnknownField, mapping.Value, string.Join(", ", MselColumns.KnownHeaders(russian)));
                    continue;
                }

                source = MselColumnSource.Mapped;
            }
            else
            {
                meaning = MselColumns.Recognise(text, dialect);
                if (meaning is not null && dialect is not null && MselColumns.Recognise(text, null) != meaning)
                {
                    source = MselColumnSource.Dialect;
                }
            }

            if (meaning is not { } known)
            {
                ignored.Add(i);
                continue;
            }

            var language = IsText(known.Field) ? known.Language ?? scenario.DefaultLanguage : null;
            var tagName = known.Field == MselField.Tag ? (text.StartsWith('#') && source != MselColumnSource.Mapped ? text[1..].Trim() : MselColumns.SplitLanguage(text).Name.Trim()) : null;
            if (columns.Find(c => c.Field == known.Field && c.Language == language && c.TagName == tagName) is { } earlier)
            {
                problems.Add(ProblemAt(sheet.File, header.Number, i, text, problems), Msg.MselDuplicateColumn, Sheet.ColumnName(earlier.Index), Sheet.ColumnName(i), text);
                continue;
            }

            columns.Add(new MselColumn(i, text, known.Field, language) { Source = source, TagName = tagName, LanguageGiven = known.Language is not null });
        }

        columns = OneLanguageByContent(sheet, header, columns, scenario);
        foreach (var unknown in options.Map.Keys.Where(k => !mapped.Contains(k)))
        {
            problems.Add(sheet.File, Msg.MselMapUnknownColumn, unknown, string.Join(", ", headers.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())));
        }

        var unrecognised = string.Join(", ", ignored.Select(i => $"{Sheet.ColumnName(i)} '{header[i].Text.Trim()}'"));
        foreach (var required in RequiredFields.Where(f => columns.All(c => c.Field != f)))
        {
            var name = russian ? MselColumns.Canonical[required].Ru : MselColumns.Canonical[required].En;
            problems.Add(sheet.File, Msg.MselMissingColumn, name, string.Join(", ", MselColumns.KnownHeaders(russian)), unrecognised.Length == 0 ? "—" : unrecognised);
        }

        return new Header(columns, ignored, dialect);
    }

    /// <summary>
    /// A sheet whose text columns name no language is written in one: the one its text is in.
    /// A Russian sheet for a scenario whose default is English is Russian text, not English.
    /// Sheets that name languages on some columns keep the default for the others.
    /// </summary>
    private static List<MselColumn> OneLanguageByContent(Sheet sheet, SheetRow header, List<MselColumn> columns, ScenarioDefinition scenario)
    {
        var text = columns.Where(c => IsText(c.Field)).ToList();
        if (text.Count == 0 || text.Any(c => c.LanguageGiven))
        {
            return columns;
        }

        var letters = sheet.Rows.Where(r => r.Number > header.Number)
            .SelectMany(r => text.Select(c => r[c.Index].Text))
            .SelectMany(t => t)
            .Where(char.IsLetter)
            .GroupBy(c => c is >= '\u0400' and <= '\u04FF' ? "ru" : c < '\u0250' ? "en" : "other")
            .ToDictionary(g => g.Key, g => g.Count());
        var language = letters.Count == 0 ? null : letters.MaxBy(kv => kv.Value).Key;
        return language is null || language == scenario.DefaultLanguage || !scenario.Languages.Contains(language)
            ? columns
            : columns.Select(c => IsText(c.Field) ? c with { Language = language } : c).ToList();
    }

    private static KeyValuePair<string, string>? Mapping(MselImportOptions options, string header)
    {
        var key = MselColumns.Normalise(header);
        foreach (var pair in options.Map)
        {
            if (string.Equals(pair.Key.Trim(), header, StringComparison.OrdinalIgnoreCase) || (key.Length > 0 && MselColumns.Normalise(pair.Key) == key))
            {
                return pair;
            }
        }

        return null;
    }

    private static string Kind(AudienceKind kind, ProblemList problems) => problems.Text("MselKind" + kind);

    private static string How(NameMatch how, ProblemList problems) => problems.Text("MselMatch" + how);

    private static string ProblemAt(string file, int row, int column, string header, ProblemList problems) =>
        problems.Text(Msg.MselWhere, file, row, Sheet.ColumnName(column), header);

    public static bool IsText(MselField field) => field is MselField.From or MselField.Subject or MselField.Message or MselField.ExpectedAction or MselField.ToPersona;

    /// <summary>Reads one row; every bad cell is noted where it is and given a harmless value.</summary>
    private sealed class RowReader(SheetRow row, int index, List<MselColumn> columns, ScenarioDefinition scenario, MselLocator locator, ProblemList problems, List<MselNameMatch> matches)
    {
        public InjectDefinition Inject()
        {
            var number = columns.Exists(c => c.Field == MselField.Number)
                ? Cell(MselField.Number) is { IsBlank: false } n ? (n.Number is { } d ? Sheet.FormatNumber(d) : n.Text.Trim()) : string.Empty
                : (index + 1).ToString(CultureInfo.InvariantCulture);
            var existing = scenario.Injects.Find(i => i.Number == number);
            var at = Time();
            var trigger = Trigger();
            if (at is not null && trigger is not null)
            {
                Problem(MselField.Trigger, Msg.OneTriggerOnly);
            }

            var (responseRequested, form) = Response(existing);
            var message = Text(MselField.Message);
            var method = Method();
            return new InjectDefinition
            {
                Number = number,
                At = at,
                Trigger = trigger,
                From = Text(MselField.From),
                ToPersona = Text(MselField.ToPersona),
                To = Audience(),
                Method = method,
                Subject = columns.Exists(c => c.Field == MselField.Subject) ? Text(MselField.Subject) : message.ToDictionary(m => m.Key, m => Synopsis(m.Value)),
                Message = message,
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
                Tags = columns.Where(c => c.Field == MselField.Tag && !row[c.Index].IsBlank).ToDictionary(c => c.TagName!, c => row[c.Index].Text.Trim()),

                // No persona column yet (the sheet's persona columns come with the MSEL dialect work): keep what the scenario had.
                FromPersona = existing?.FromPersona,

                // No channel column either; kept while the row is still a media inject, so a changed method leaves no stray channel.
                Channel = method is DeliveryMethod.MediaReport or DeliveryMethod.Social ? existing?.Channel : null,
            };
        }

        /// <summary>A subject for a sheet that has none: the message's first line, cut at a word near 80 characters.</summary>
        private static string Synopsis(string message)
        {
            var line = message.Split('\n', 2)[0].Trim();
            if (line.Length <= 80)
            {
                return line;
            }

            var cut = line.LastIndexOf(' ', 79);
            return string.Concat(line.AsSpan(0, cut > 20 ? cut : 79), "…");
        }

        private TimeSpan? Time()
        {
            var time = Offset(MselField.Time);
            var day = 0;
            if (Cell(MselField.Day) is { IsBlank: false } dayCell)
            {
                // "2", "Day 2", "D2", "День 2": the number is what counts.
                var digits = System.Text.RegularExpressions.Regex.Match(dayCell.Number is { } n ? Sheet.FormatNumber(n) : dayCell.Text, @"^\D{0,8}?(\d{1,3})\s*$");
                if (digits.Success && int.TryParse(digits.Groups[1].Value, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
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
                var at = ClockTime(moment) is { } clock ? OnDay(clock, day) : ScenarioDateTime(moment);
                if (time is not null)
                {
                    Problem(MselField.DateTime, Msg.OneTriggerOnly);
                }

                return at;
            }

            return time is { } t ? t + TimeSpan.FromDays(day) : null;
        }

        /// <summary>A time of day without a date ("09:30", "0930", Excel's 0.395…), as HSEEP's Scenario Time is written.</summary>
        private static TimeSpan? ClockTime(SheetCell cell)
        {
            if (cell.Number is { } fraction)
            {
                // Excel keeps 09:30 as 0.395…; a military "0930" typed into a number cell arrives as 930.
                return fraction switch
                {
                    >= 0 and < 1 => TimeSpan.FromSeconds(Math.Round(fraction * 86_400)),
                    >= 1 and < 2400 when fraction == Math.Floor(fraction) && fraction % 100 < 60 => new TimeSpan((int)fraction / 100, (int)fraction % 100, 0),
                    _ => null,
                };
            }

            var text = cell.Text.Trim();
            var match = System.Text.RegularExpressions.Regex.Match(text, @"^(?<h>\d{1,2})[:.]?(?<m>\d{2})([:.](?<s>\d{2}))?\s*(hrs|h|ч)?\.?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!match.Success)
            {
                return null;
            }

            var (h, m, sec) = (int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture),
                match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0);
            return h < 24 && m < 60 && sec < 60 ? new TimeSpan(h, m, sec) : null;
        }

        /// <summary>A clock time on exercise day <paramref name="day"/> (from 0), as an offset from the scenario's start.</summary>
        private TimeSpan? OnDay(TimeSpan clock, int day)
        {
            if (scenario.ScenarioStart is not { } start)
            {
                Problem(MselField.DateTime, Msg.AtTimeNeedsScenarioStart);
                return null;
            }

            var moment = new DateTimeOffset(start.Date, start.Offset) + TimeSpan.FromDays(day) + clock;
            if (moment < start)
            {
                Problem(MselField.DateTime, Msg.AtTimeBeforeStart, Cell(MselField.DateTime).Text, start.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
                return null;
            }

            return moment - start;
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
                if (kind.Length == 0 && Everyone.Contains(string.Join(' ', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))))
                {
                    everyone = true;
                    continue;
                }

                AudienceKind? only = kind switch
                {
                    "" => null,
                    "team" or "группа" or "команда" => AudienceKind.Team,
                    "actor" or "актёр" or "актер" => AudienceKind.Actor,
                    "site" or "объект" => AudienceKind.Site,
                    "role" or "роль" => AudienceKind.Role,
                    _ => (AudienceKind)(-1),
                };
                var result = NameMatcher.Match(name, Candidates.Where(c => only is null || c.Kind == only).ToList());
                if (result.Match is { } match)
                {
                    (match.Kind switch { AudienceKind.Team => teams, AudienceKind.Actor => actors, AudienceKind.Site => sites, _ => roles }).Add(match.Id);
                    if (result.How != NameMatch.Exact)
                    {
                        matches.Add(new MselNameMatch(row.Number, token, match.Kind, match.Id, result.How));
                    }
                }
                else if (result.Ambiguous.Count > 0)
                {
                    Problem(MselField.To, Msg.AudienceAmbiguous, token, string.Join(", ", result.Ambiguous.Select(c => c.Id)));
                }
                else
                {
                    Problem(MselField.To, Msg.AudienceInvalid, token);
                }
            }

            return new AudienceDefinition { Teams = teams, Actors = actors, Sites = sites, Roles = roles, Everyone = everyone };
        }

        private List<NameCandidate> Candidates => candidates ??=
            scenario.Teams.Select(t => new NameCandidate(AudienceKind.Team, t.Id, t.Name.Values))
                .Concat(scenario.Actors.Select(a => new NameCandidate(AudienceKind.Actor, a.Id, a.Name.Values)))
                .Concat(scenario.Sites.Select(s => new NameCandidate(AudienceKind.Site, s.Id, s.Name.Values)))
                .Concat(scenario.Teams.SelectMany(t => t.Agencies.Concat(t.AgencyMix.Keys)).Distinct(StringComparer.OrdinalIgnoreCase).Select(r => new NameCandidate(AudienceKind.Role, r, [])))
                .ToList();

        private List<NameCandidate>? candidates;

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

    private static readonly HashSet<string> Everyone =
        ["everyone", "all", "all players", "all teams", "all participants", "все", "всем", "все участники", "все группы", "всем группам", "все команды"];

    private static readonly Dictionary<string, DeliveryMethod> MethodAliases = new()
    {
        ["hardcopy"] = DeliveryMethod.Document,
        ["memo"] = DeliveryMethod.Document,
        ["fax"] = DeliveryMethod.Document,
        ["handout"] = DeliveryMethod.Document,
        ["письменно"] = DeliveryMethod.Document,
        ["факс"] = DeliveryMethod.Document,
        ["нарочным"] = DeliveryMethod.Document,
        ["распоряжение"] = DeliveryMethod.Document,
        ["voicemail"] = DeliveryMethod.PhoneCall,
        ["потелефону"] = DeliveryMethod.PhoneCall,
        ["chat"] = DeliveryMethod.Sms,
        ["messenger"] = DeliveryMethod.Sms,
        ["instantmessage"] = DeliveryMethod.Sms,
        ["мессенджер"] = DeliveryMethod.Sms,
        ["сообщение"] = DeliveryMethod.Sms,
        ["поэлектроннойпочте"] = DeliveryMethod.Email,
        ["порадио"] = DeliveryMethod.Radio,
        ["порации"] = DeliveryMethod.Radio,
        ["facetofacebriefing"] = DeliveryMethod.InPerson,
        ["controller"] = DeliveryMethod.InPerson,
        ["simcell"] = DeliveryMethod.InPerson,
        ["посредник"] = DeliveryMethod.InPerson,
        ["устнопосредником"] = DeliveryMethod.InPerson,
        ["socialmedia"] = DeliveryMethod.Social,
        ["social"] = DeliveryMethod.Social,
        ["website"] = DeliveryMethod.MediaReport,
        ["web"] = DeliveryMethod.MediaReport,
        ["tv"] = DeliveryMethod.MediaReport,
        ["соцсети"] = DeliveryMethod.Social,
        ["телевидение"] = DeliveryMethod.MediaReport,
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
            "toPersona" => MselField.ToPersona,
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
