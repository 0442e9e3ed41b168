using System.CommandLine;
using System.Globalization;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Eeg;
using ScenarioEngine.Scenarios.Msel;

namespace ScenarioEngine.Cli;

/// <summary>
/// <c>validate</c>, <c>import</c> and <c>export</c>, with exit codes a script can use: 0 fine,
/// 1 the file has problems (each printed with where it is), 2 the command line was wrong.
/// </summary>
public static class CliApp
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var language = new Option<string>("--lang") { Description = "Language of the problems reported: en or ru.", DefaultValueFactory = _ => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName };
        var scenarioOption = new Option<FileInfo?>("--scenario") { Description = "The scenario YAML an MSEL spreadsheet belongs to (its teams, actors, sites, languages)." };
        var file = new Argument<FileInfo>("file") { Description = "A scenario (.yaml) or an MSEL spreadsheet (.csv, .xlsx)." };
        var outputOption = new Option<FileInfo>("--output", "-o") { Description = "Where to write the result.", Required = true };
        var headers = new Option<string>("--headers") { Description = "Header language of an exported sheet: en or ru.", DefaultValueFactory = _ => "en" };
        var map = new Option<string[]>("--map")
        {
            Description = "Map a sheet's column to a field, or leave it out: --map \"Inject=Message\" --map \"Colour=ignore\" (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var strict = new Option<bool>("--strict") { Description = "A sheet without one of the scenario's languages is an error, not a warning." };

        var validate = new Command("validate", "Check a scenario or an MSEL spreadsheet and list every problem.") { file, scenarioOption, map, strict, language };
        validate.SetAction(parse => Guard(error, parse.GetValue(language), culture =>
        {
            var package = Load(parse.GetValue(file)!, parse.GetValue(scenarioOption), Options(parse.GetValue(map), parse.GetValue(strict)), culture, output);
            output.WriteLine(Summary(package.Scenario));
            return Valid;
        }));

        var import = new Command("import", "Import an MSEL spreadsheet into a scenario and write the scenario YAML.") { file, scenarioOption, outputOption, map, strict, language };
        import.SetAction(parse => Guard(error, parse.GetValue(language), culture =>
        {
            var scenarioFile = parse.GetValue(scenarioOption) ?? throw new UsageException("import needs --scenario <scenario.yaml>.");
            var package = Load(parse.GetValue(file)!, scenarioFile, Options(parse.GetValue(map), parse.GetValue(strict)), culture, output);
            ScenarioWriter.WriteFile(package, parse.GetValue(outputOption)!.FullName);
            output.WriteLine(Summary(package.Scenario));
            output.WriteLine($"Written: {parse.GetValue(outputOption)!.FullName}");
            return Valid;
        }));

        var export = new Command("export", "Write a scenario as YAML (.yaml), or its MSEL as a spreadsheet (.csv, .xlsx).") { file, outputOption, headers, language };
        export.SetAction(parse => Guard(error, parse.GetValue(language), culture =>
        {
            var package = ScenarioLoader.LoadFile(parse.GetValue(file)!.FullName, culture);
            var target = parse.GetValue(outputOption)!;
            if (parse.GetValue(headers) is not ("en" or "ru"))
            {
                throw new UsageException("--headers is en or ru.");
            }

            if (target.Extension.ToLowerInvariant() is ".yaml" or ".yml")
            {
                ScenarioWriter.WriteFile(package, target.FullName);
                output.WriteLine($"{package.Scenario.Id} written to {target.FullName}");
                return Valid;
            }

            var format = target.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Xlsx : SheetFormat.Csv;
            File.WriteAllBytes(target.FullName, SheetFiles.Write(MselExporter.Rows(package.Scenario, parse.GetValue(headers) == "ru"), format));
            output.WriteLine($"{package.Scenario.Injects.Count} injects written to {target.FullName}");
            return Valid;
        }));

        var eegFile = new Argument<FileInfo>("file") { Description = "An exercise evaluation guide spreadsheet (.csv, .xlsx): one row per critical task." };
        var importEeg = new Command("import-eeg", "Import an exercise evaluation guide spreadsheet into a scenario's objectives and write the scenario YAML.") { eegFile, scenarioOption, outputOption, language };
        importEeg.SetAction(parse => Guard(error, parse.GetValue(language), culture =>
        {
            var scenarioFile = parse.GetValue(scenarioOption) ?? throw new UsageException("import-eeg needs --scenario <scenario.yaml>.");
            var sheetFile = parse.GetValue(eegFile)!;
            if (!sheetFile.Exists || !scenarioFile.Exists)
            {
                throw new UsageException($"No file {(sheetFile.Exists ? scenarioFile : sheetFile).FullName}.");
            }

            var bytes = File.ReadAllBytes(sheetFile.FullName);
            var format = SheetFiles.FormatOf(sheetFile.Name, bytes) ?? throw new UsageException($"{sheetFile.Name} is not a spreadsheet (.csv, .xlsx).");
            var package = ScenarioLoader.LoadFile(scenarioFile.FullName, culture);
            var imported = EegImporter.Import(SheetFiles.Read(sheetFile.Name, bytes, format), package.Scenario, culture);
            foreach (var warning in imported.Warnings)
            {
                output.WriteLine($"  ! {warning}");
            }

            ScenarioWriter.WriteFile(package with { Scenario = imported.Scenario }, parse.GetValue(outputOption)!.FullName);
            output.WriteLine($"OK: {imported.Scenario.Objectives.Count} objectives, {imported.TaskCount} critical tasks");
            output.WriteLine($"Written: {parse.GetValue(outputOption)!.FullName}");
            return Valid;
        }));

        var root = new RootCommand("ScenarioEngine scenario tool: check scenarios, MSEL and EEG spreadsheets before the drill.") { validate, import, importEeg, export };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>A YAML scenario on its own, or a spreadsheet imported into the scenario it belongs to.</summary>
    private static MselImportOptions Options(string[]? map, bool strict)
    {
        try
        {
            return new MselImportOptions { Map = MselImportOptions.ParseMap(map ?? []), StrictLanguages = strict };
        }
        catch (FormatException bad)
        {
            throw new UsageException($"--map \"{bad.Message}\" is not Header=Field (e.g. --map \"Inject=Message\").");
        }
    }

    private static ScenarioPackage Load(FileInfo file, FileInfo? scenarioFile, MselImportOptions options, CultureInfo culture, TextWriter output)
    {
        if (!file.Exists)
        {
            throw new UsageException($"No file {file.FullName}.");
        }

        var bytes = File.ReadAllBytes(file.FullName);
        if (file.Extension.ToLowerInvariant() is ".yaml" or ".yml")
        {
            return ScenarioLoader.LoadFile(file.FullName, culture);
        }

        if (SheetFiles.FormatOf(file.Name, bytes) is not { } format)
        {
            throw new UsageException($"{file.Name} is neither a scenario (.yaml) nor a spreadsheet (.csv, .xlsx).");
        }

        if (scenarioFile is null)
        {
            throw new UsageException("A spreadsheet is checked against its scenario: add --scenario <scenario.yaml>.");
        }

        var scenario = ScenarioLoader.LoadFile(scenarioFile.FullName, culture);
        var imported = MselImporter.ImportWithReport(SheetFiles.Read(file.Name, bytes, format), scenario.Scenario, options, culture);
        foreach (var note in imported.Report.Notes)
        {
            output.WriteLine($"  {note}");
        }

        foreach (var warning in imported.Report.Warnings)
        {
            output.WriteLine($"  ! {warning}");
        }

        return scenario with { Scenario = imported.Scenario };
    }

    private static int Guard(TextWriter error, string? language, Func<CultureInfo, int> action)
    {
        try
        {
            return action(ScenarioText.CultureFor(language));
        }
        catch (ScenarioValidationException invalid)
        {
            error.WriteLine($"{invalid.ScenarioSource}: {invalid.Problems.Count}");
            foreach (var problem in invalid.Problems)
            {
                error.WriteLine($"  {problem}");
            }

            return Invalid;
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine(e.Message);
            return e is UsageException ? Usage : Invalid;
        }
    }

    private static string Summary(ScenarioDefinition s) =>
        $"OK: {s.Id}: {s.Injects.Count} injects, {s.Teams.Count} teams, {s.Actors.Count} actors, {s.Sites.Count} sites, {s.Objectives.Count} objectives, languages {string.Join("/", s.Languages)}";

    private sealed class UsageException(string message) : Exception(message);
}
