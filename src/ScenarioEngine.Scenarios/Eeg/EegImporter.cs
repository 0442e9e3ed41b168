using System.Globalization;
using System.Text.RegularExpressions;
using ScenarioEngine.Scenarios.Evaluation;
using ScenarioEngine.Scenarios.Msel;

namespace ScenarioEngine.Scenarios.Eeg;

public enum EegField
{
    ObjectiveId,
    Objective,
    Capability,
    TaskId,
    Task,
    Targets,
}

/// <summary>A recognised EEG header: which field, and for text which language ("Critical Task (ru)", or Cyrillic header words).</summary>
public sealed record EegColumn(int Index, string Header, EegField Field, string? Language);

public sealed record EegImportResult(ScenarioDefinition Scenario, IReadOnlyList<ScenarioProblem> Warnings, int TaskCount);

/// <summary>
/// Reads an exercise evaluation guide sheet (one row per critical task: objective, capability,
/// task, performance targets; English and Russian headers) into a scenario's objectives. Like the
/// MSEL import it reads every row, lists every problem with its row and column, then checks the
/// result whole, and returns a scenario only if nothing at all is wrong. The sheet replaces the
/// scenario's objectives; capabilities are the bundled HSEEP ones or the scenario's own, by id or
/// by name in any language.
/// </summary>
public static partial class EegImporter
{
    /// <summary>Header names for export and for the report, per language.</summary>
    public static readonly IReadOnlyDictionary<EegField, (string En, string Ru)> Canonical = new Dictionary<EegField, (string, string)>
    {
        [EegField.ObjectiveId] = ("Objective ID", "Код цели"),
        [EegField.Objective] = ("Objective", "Цель"),
        [EegField.Capability] = ("Core Capability", "Основной потенциал"),
        [EegField.TaskId] = ("Task ID", "Код задачи"),
        [EegField.Task] = ("Critical Task", "Критическая задача"),
        [EegField.Targets] = ("Performance Targets", "Целевые показатели"),
    };

    private static readonly Dictionary<string, EegField> Aliases = BuildAliases();

    public static bool IsText(EegField field) => field is EegField.Objective or EegField.Task or EegField.Targets;

    public static (EegField Field, string? Language)? Recognise(string header)
    {
        var (name, language) = MselColumns.SplitLanguage(header);
        return Aliases.TryGetValue(MselColumns.Normalise(name), out var field)
            ? (field, language ?? (IsText(field) ? (name.Any(c => c is >= 'А' and <= 'я' or 'ё' or 'Ё') ? "ru" : "en") : null))
            : null;
    }

    public static EegImportResult Import(Sheet sheet, ScenarioDefinition scenario, CultureInfo? culture = null)
    {
        var problems = new ProblemList(culture);
        var warnings = new ProblemList(culture);
        var headerRow = sheet.Rows.FirstOrDefault(r => r.Cells.Any(c => !c.IsBlank));
        if (headerRow is null)
        {
            problems.Add(sheet.File, Msg.EegNoRows);
            throw new ScenarioValidationException(sheet.File, problems);
        }

        var columns = ReadHeader(sheet.File, headerRow, problems);
        var rows = sheet.Rows.Where(r => r.Number > headerRow.Number && r.Cells.Any(c => !c.IsBlank)).ToList();
        if (rows.Count == 0)
        {
            problems.Add(sheet.File, Msg.EegNoRows);
        }

        if (problems.Count > 0)
        {
            throw new ScenarioValidationException(sheet.File, problems);
        }

        string Where(int row, EegField field, string? language = null) =>
            (columns.FirstOrDefault(c => c.Field == field && (language is null || c.Language == language)) ?? columns.FirstOrDefault(c => c.Field == field)) is { } column
                ? problems.Text(Msg.MselWhere, sheet.File, row, Sheet.ColumnName(column.Index), column.Header)
                : problems.Text(Msg.MselWhereRow, sheet.File, row);

        var capabilities = CoreCapabilities.For(scenario);
        var capabilityByName = capabilities.Values
            .SelectMany(c => new[] { c.Id }.Concat(c.Name.Values).Select(n => (Key: MselColumns.Normalise(n), c.Id)))
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Id, StringComparer.Ordinal);
        var sheetLanguages = columns.Where(c => IsText(c.Field) && c.Language is not null).Select(c => c.Language!).Distinct().ToList();

        var objectives = new List<(ObjectiveDefinition Objective, int Row)>();
        var tasks = new Dictionary<string, List<(CriticalTaskDefinition Task, int Row)>>(StringComparer.Ordinal);
        var taskRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var locator = new EegLocator(sheet.File, culture, columns);
        string? currentObjective = null;
        foreach (var row in rows)
        {
            string Cell(EegField field) => columns.FirstOrDefault(c => c.Field == field) is { } c ? row[c.Index].Text.Trim() : string.Empty;
            Dictionary<string, string> Texts(EegField field) => columns.Where(c => c.Field == field && c.Language is not null && !row[c.Index].IsBlank)
                .GroupBy(c => c.Language!).ToDictionary(g => g.Key, g => row[g.First().Index].Text.Trim(), StringComparer.Ordinal);

            // A merged or left-blank objective cell means "the objective above", as EEG sheets are usually laid out.
            var title = Texts(EegField.Objective);
            var objectiveId = Cell(EegField.ObjectiveId) is { Length: > 0 } id ? id
                : title.Count > 0 ? ObjectiveIdFor(title, scenario, objectives.Count + 1)
                : currentObjective;
            if (objectiveId is null)
            {
                problems.Add(Where(row.Number, EegField.Objective), Msg.EegNoObjective);
                continue;
            }

            currentObjective = objectiveId;
            if (!objectives.Any(o => o.Objective.Id == objectiveId))
            {
                var existing = scenario.Objectives.FirstOrDefault(o => o.Id == objectiveId);
                objectives.Add((new ObjectiveDefinition
                {
                    Id = objectiveId,
                    Title = title.Count > 0 ? title : existing?.Title ?? [],
                    Description = existing?.Description ?? [],
                }, row.Number));
                locator.ObjectiveRows.Add(row.Number);
                tasks[objectiveId] = [];
            }

            var taskTitle = Texts(EegField.Task);
            if (taskTitle.Count == 0)
            {
                problems.Add(Where(row.Number, EegField.Task), Msg.EegNoTask);
                continue;
            }

            var capabilityText = Cell(EegField.Capability);
            if (!capabilityByName.TryGetValue(MselColumns.Normalise(capabilityText), out var capability))
            {
                problems.Add(Where(row.Number, EegField.Capability), Msg.EegUnknownCapability, capabilityText);
                continue;
            }

            var taskId = Cell(EegField.TaskId) is { Length: > 0 } given ? given : $"{objectiveId}-{tasks[objectiveId].Count + 1}";
            if (taskRows.TryGetValue(taskId, out var earlier))
            {
                problems.Add(Where(row.Number, EegField.TaskId), Msg.EegDuplicateTask, taskId, earlier);
                continue;
            }

            taskRows[taskId] = row.Number;
            var targets = columns.Where(c => c.Field == EegField.Targets && c.Language is not null)
                .Select(c => (c.Language!, Lines: SplitTargets(row[c.Index].Text)))
                .ToList();
            var count = targets.Count == 0 ? 0 : targets.Max(t => t.Lines.Count);
            if (targets.Any(t => t.Lines.Count > 0 && t.Lines.Count != count))
            {
                problems.Add(Where(row.Number, EegField.Targets), Msg.EegTargetsDiffer, string.Join(", ", targets.Select(t => $"{t.Item1}: {t.Lines.Count}")));
                continue;
            }

            tasks[objectiveId].Add((new CriticalTaskDefinition
            {
                Id = taskId,
                Capability = capability,
                Title = taskTitle,
                Targets = Enumerable.Range(0, count).Select(k => targets.Where(t => t.Lines.Count > 0)
                    .ToDictionary(t => t.Item1, t => t.Lines[k], StringComparer.Ordinal)).ToList(),
            }, row.Number));
        }

        if (problems.Count > 0)
        {
            throw new ScenarioValidationException(sheet.File, problems);
        }

        var guide = objectives.Select(o =>
        {
            var own = tasks[o.Objective.Id];
            locator.TaskRows.Add(own.Select(t => t.Row).ToList());
            return o.Objective with
            {
                Capabilities = own.Select(t => t.Task.Capability).Distinct().ToList(),
                CriticalTasks = own.Select(t => t.Task).ToList(),
            };
        }).ToList();

        var absent = scenario.Languages.Except(sheetLanguages).ToList();
        if (absent.Count > 0 && sheetLanguages.Count > 0)
        {
            // As the MSEL import does: a one-language sheet fills the other languages from its own, and says so.
            var fallback = sheetLanguages.Contains(scenario.DefaultLanguage) ? scenario.DefaultLanguage : sheetLanguages[0];
            guide = guide.Select(o => Fill(o, absent, fallback)).ToList();
            warnings.Add(sheet.File, Msg.MselOneLanguage, string.Join(", ", sheetLanguages), string.Join(", ", absent), fallback);
        }

        var imported = ScenarioValidator.Normalize(scenario with { Objectives = guide });
        problems.AddRange(ScenarioValidator.Validate(imported, locator, culture));
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException(sheet.File, problems);
        }

        return new EegImportResult(imported, warnings, guide.Sum(o => o.CriticalTasks.Count));
    }

    /// <summary>The guide as rows with English or Russian headers, one row per critical task: what the import reads back.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(ScenarioDefinition scenario, bool russianHeaders)
    {
        var languages = scenario.Languages;
        string Header(EegField field, string? language = null) =>
            (russianHeaders ? Canonical[field].Ru : Canonical[field].En) + (language is null ? string.Empty : $" ({language})");
        var header = new List<string> { Header(EegField.ObjectiveId) };
        header.AddRange(languages.Select(l => Header(EegField.Objective, l)));
        header.Add(Header(EegField.Capability));
        header.Add(Header(EegField.TaskId));
        header.AddRange(languages.Select(l => Header(EegField.Task, l)));
        header.AddRange(languages.Select(l => Header(EegField.Targets, l)));
        var rows = new List<IReadOnlyList<string>> { header };
        foreach (var objective in scenario.Objectives)
        {
            foreach (var task in objective.CriticalTasks)
            {
                var row = new List<string> { objective.Id };
                row.AddRange(languages.Select(l => objective.Title.GetValueOrDefault(l, string.Empty)));
                row.Add(task.Capability);
                row.Add(task.Id);
                row.AddRange(languages.Select(l => task.Title.GetValueOrDefault(l, string.Empty)));
                row.AddRange(languages.Select(l => string.Join("\n", task.Targets.Select(t => t.GetValueOrDefault(l, string.Empty)))));
                rows.Add(row);
            }
        }

        return rows;
    }

    private static List<EegColumn> ReadHeader(string file, SheetRow headerRow, ProblemList problems)
    {
        var columns = new List<EegColumn>();
        for (var i = 0; i < headerRow.Cells.Count; i++)
        {
            var text = headerRow[i].Text.Trim();
            if (text.Length == 0 || Recognise(text) is not { } recognised)
            {
                continue;
            }

            if (columns.FirstOrDefault(c => c.Field == recognised.Field && c.Language == recognised.Language) is { } twin)
            {
                problems.Add(file, Msg.MselDuplicateColumn, $"{Sheet.ColumnName(twin.Index)} ({twin.Header})", $"{Sheet.ColumnName(i)} ({text})", recognised.Field);
                continue;
            }

            columns.Add(new EegColumn(i, text, recognised.Field, recognised.Language));
        }

        var known = string.Join(", ", Canonical.Values.Select(c => $"{c.En} / {c.Ru}"));
        if (columns.All(c => c.Field is not (EegField.ObjectiveId or EegField.Objective)))
        {
            problems.Add(file, Msg.EegMissingColumn, $"{Canonical[EegField.Objective].En} / {Canonical[EegField.ObjectiveId].En}", known);
        }

        foreach (var required in new[] { EegField.Capability, EegField.Task }.Where(f => columns.All(c => c.Field != f)))
        {
            problems.Add(file, Msg.EegMissingColumn, Canonical[required].En, known);
        }

        return columns;
    }

    /// <summary>The scenario's objective with that title in any language, else one numbered in sheet order.</summary>
    private static string ObjectiveIdFor(Dictionary<string, string> title, ScenarioDefinition scenario, int n)
    {
        var keys = title.Values.Select(MselColumns.Normalise).ToHashSet(StringComparer.Ordinal);
        return scenario.Objectives.FirstOrDefault(o => o.Title.Values.Any(t => keys.Contains(MselColumns.Normalise(t))))?.Id
            ?? string.Create(CultureInfo.InvariantCulture, $"objective-{n}");
    }

    /// <summary>One target per line (Alt+Enter in Excel), bullets or numbers in front left out; a semicolon is part of a target's sentence.</summary>
    private static List<string> SplitTargets(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Bullet().Replace(l, string.Empty)).Where(l => l.Length > 0).ToList();

    private static ObjectiveDefinition Fill(ObjectiveDefinition objective, List<string> absent, string from) => objective with
    {
        Title = Filled(objective.Title, absent, from),
        CriticalTasks = objective.CriticalTasks.Select(t => t with
        {
            Title = Filled(t.Title, absent, from),
            Targets = t.Targets.Select(x => Filled(x, absent, from)).ToList(),
        }).ToList(),
    };

    private static Dictionary<string, string> Filled(Dictionary<string, string> text, List<string> absent, string from) =>
        text.TryGetValue(from, out var value) ? new Dictionary<string, string>(text.Concat(absent.Where(l => !text.ContainsKey(l)).Select(l => KeyValuePair.Create(l, value)))) : text;

    private static Dictionary<string, EegField> BuildAliases()
    {
        var aliases = new (EegField Field, string[] Names)[]
        {
            (EegField.ObjectiveId, ["Objective ID", "Objective Id", "Objective No", "Objective Number", "Obj ID", "Код цели", "ИД цели", "Номер цели"]),
            (EegField.Objective, ["Objective", "Objectives", "Objective Title", "Exercise Objective", "Цель", "Цели", "Цель учения", "Название цели"]),
            (EegField.Capability, ["Capability", "Core Capability", "Core Capabilities", "Capability ID", "Потенциал", "Основной потенциал", "Базовый потенциал", "Возможность"]),
            (EegField.TaskId, ["Task ID", "Task Id", "Critical Task ID", "Task No", "Код задачи", "ИД задачи", "Номер задачи"]),
            (EegField.Task, ["Critical Task", "Critical Tasks", "Task", "Tasks", "Критическая задача", "Критические задачи", "Задача", "Ключевая задача"]),
            (EegField.Targets, ["Performance Targets", "Performance Target", "Targets", "Target", "Performance Measures", "Целевые показатели", "Показатели", "Показатели выполнения", "Критерии", "Критерии оценки"]),
        };
        // Add(), not TryAdd(): two fields claiming one spelling ("Objective #" is "objective" once punctuation goes) fails at start, not in a designer's import.
        var map = new Dictionary<string, EegField>(StringComparer.Ordinal);
        foreach (var (field, names) in aliases)
        {
            foreach (var name in names)
            {
                if (map.TryGetValue(MselColumns.Normalise(name), out var other) && other != field)
                {
                    throw new InvalidOperationException($"EEG header '{name}' means both {other} and {field}.");
                }

                map[MselColumns.Normalise(name)] = field;
            }
        }

        return map;
    }

    [GeneratedRegex(@"^\s*(?:[-•*·]|\d+[.)])\s*")]
    private static partial Regex Bullet();
}

/// <summary>Places a problem the scenario's validator finds in the imported guide at its sheet row.</summary>
internal sealed partial class EegLocator(string file, CultureInfo? culture, IReadOnlyList<EegColumn> columns) : IProblemLocator
{
    public List<int> ObjectiveRows { get; } = [];

    public List<List<int>> TaskRows { get; } = [];

    public string Scenario(string path)
    {
        var match = ObjectivePath().Match(path);
        if (!match.Success || int.Parse(match.Groups["o"].Value, CultureInfo.InvariantCulture) is var o && o >= ObjectiveRows.Count)
        {
            return $"{file}: {path}";
        }

        var row = ObjectiveRows[o];
        var field = EegField.Objective;
        if (match.Groups["t"].Success && int.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture) is var t && o < TaskRows.Count && t < TaskRows[o].Count)
        {
            row = TaskRows[o][t];
            field = match.Groups["rest"].Value.StartsWith("targets", StringComparison.Ordinal) ? EegField.Targets
                : match.Groups["rest"].Value.StartsWith("capability", StringComparison.Ordinal) ? EegField.Capability
                : match.Groups["rest"].Value.StartsWith("id", StringComparison.Ordinal) ? EegField.TaskId
                : EegField.Task;
        }
        else if (match.Groups["rest"].Value.StartsWith("capabilities", StringComparison.Ordinal))
        {
            field = EegField.Capability;
        }

        return columns.FirstOrDefault(c => c.Field == field) is { } column
            ? ScenarioText.Format(culture, Msg.MselWhere, file, row, Sheet.ColumnName(column.Index), column.Header)
            : ScenarioText.Format(culture, Msg.MselWhereRow, file, row);
    }

    public string Inject(int index, string field, string? language = null) => $"{file}: injects[{index}].{field}";

    [GeneratedRegex(@"^objectives\[(?<o>\d+)\](?:\.criticalTasks\[(?<t>\d+)\])?\.?(?<rest>.*)$")]
    private static partial Regex ObjectivePath();
}
