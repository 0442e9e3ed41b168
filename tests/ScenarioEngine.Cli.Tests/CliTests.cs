using ScenarioEngine.Cli;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Cli.Tests;

/// <summary>The designers' tool, run in-process with its output captured.</summary>
public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("scenario-cli-");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Valid_scenario_passes_with_a_summary()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);

        Assert.Equal(CliApp.Valid, Run("validate", yaml));
        Assert.StartsWith("OK: branching: 7 injects", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_scenario_lists_every_problem_in_russian_and_exits_1()
    {
        var yaml = Write("bad.yaml", TestScenarios.Branching.Replace("choice: raid", "choice: storm", StringComparison.Ordinal).Replace("teams: [team-b]", "teams: [team-z]", StringComparison.Ordinal));

        Assert.Equal(CliApp.Invalid, Run("validate", yaml, "--lang", "ru"));
        Assert.Contains("bad.yaml: 2", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("Нет группы 'team-z'.", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("не предлагает варианта 'storm'", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_then_import_writes_a_scenario_that_validates()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var xlsx = Path.Combine(_folder.FullName, "msel.xlsx");
        var output = Path.Combine(_folder.FullName, "out", "imported.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        Assert.Equal(CliApp.Valid, Run("export", yaml, "-o", xlsx, "--headers", "ru"));
        Assert.Equal(CliApp.Valid, Run("validate", xlsx, "--scenario", yaml));
        Assert.Equal(CliApp.Valid, Run("import", xlsx, "--scenario", yaml, "-o", output));

        Assert.Equal(7, ScenarioLoader.LoadFile(output).Scenario.Injects.Count);
    }

    [Fact]
    public void Spreadsheet_without_its_scenario_is_a_usage_error()
    {
        var csv = Write("msel.csv", "Number,To,Subject,Message\r\n1,team-a,x,y\r\n");

        Assert.Equal(CliApp.Usage, Run("validate", csv));
        Assert.Contains("--scenario", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_with_an_unknown_text_column_is_refused_naming_it_and_validates_with_map()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var csv = Write("own.csv", "Serial,Audience,Headline (en),Headline (ru),Details (en),Details (ru),Colour\r\n1,Team A,Tip,Наводка,Someone called.,Звонок.,red\r\n");

        Assert.Equal(CliApp.Invalid, Run("validate", csv, "--scenario", yaml));
        Assert.Contains("E 'Details (en)'", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("--map", _err.ToString(), StringComparison.Ordinal);

        Assert.Equal(CliApp.Valid, Run("validate", csv, "--scenario", yaml, "--map", "Details (en)=Message (en)", "--map", "Details (ru)=Message (ru)"));
        Assert.Contains("Column G (Colour) is not used and was left out.", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("OK: branching: 1 injects", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_without_an_equals_sign_is_a_usage_error()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var csv = Write("msel.csv", "Number,To,Subject,Message\r\n1,team-a,x,y\r\n");

        Assert.Equal(CliApp.Usage, Run("validate", csv, "--scenario", yaml, "--map", "Inject"));
        Assert.Contains("Header=Field", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_language_conducttr_sheet_passes_with_a_warning_and_fails_with_strict()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var csv = Write("mel.csv", "Number,Time,From,Faction,To,Team,Method,Subject,Message,Expected Action,Tab\r\n" +
            "1,0:05,Hotline,Police,Duty officer,A,Phone,Tip,A call about the warehouse.,Open a case,Day 1\r\n");

        Assert.Equal(CliApp.Valid, Run("validate", csv, "--scenario", yaml));
        Assert.Contains("Read as Conducttr MEL.", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("! mel.csv: The sheet has text in en only; the scenario's ru text falls back to en.", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("'A' taken as team 'team-a'", _out.ToString(), StringComparison.Ordinal);

        Assert.Equal(CliApp.Invalid, Run("validate", csv, "--scenario", yaml, "--strict"));
        Assert.Contains("Missing the 'ru' text.", _err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("again.yaml")]
    [InlineData("msel.csv")]
    [InlineData("msel.xlsx")]
    public void Export_writes_yaml_csv_or_xlsx_by_the_name_given_and_it_validates_again(string name)
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var target = Path.Combine(_folder.FullName, name);

        Assert.Equal(CliApp.Valid, Run("export", yaml, "-o", target, "--headers", "ru"));
        Assert.Equal(CliApp.Valid, name.EndsWith(".yaml", StringComparison.Ordinal) ? Run("validate", target) : Run("validate", target, "--scenario", yaml, "--strict"));

        Assert.Contains("OK: branching: 7 injects", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Eeg_sheet_with_russian_headers_is_imported_into_the_scenarios_objectives()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var csv = Write("eeg.csv", "Код цели;Цель (en);Цель (ru);Основной потенциал;Критическая задача (en);Критическая задача (ru);Целевые показатели (en);Целевые показатели (ru)\r\n"
            + "raid;Raid safely;Безопасный рейд;Оперативная координация;Cover the exits;Перекрыть выходы;Exits covered before entry;Выходы перекрыты до входа\r\n");
        var output = Path.Combine(_folder.FullName, "with-eeg.yaml");

        Assert.Equal(CliApp.Valid, Run("import-eeg", csv, "--scenario", yaml, "-o", output));

        var objective = Assert.Single(ScenarioLoader.LoadFile(output).Scenario.Objectives);
        Assert.Equal(["operational-coordination"], objective.Capabilities);
        Assert.Equal("Выходы перекрыты до входа", Assert.Single(Assert.Single(objective.CriticalTasks).Targets)["ru"]);
        Assert.Contains("OK: 1 objectives, 1 critical tasks", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Eeg_sheet_naming_an_unknown_capability_exits_1_with_its_row_and_column()
    {
        var yaml = Write("drill.yaml", TestScenarios.Branching);
        var csv = Write("eeg.csv", "Objective ID,Objective,Capability,Critical Task\r\nraid,Raid safely,Skydiving,Cover the exits\r\n");

        Assert.Equal(CliApp.Invalid, Run("import-eeg", csv, "--scenario", yaml, "-o", Path.Combine(_folder.FullName, "x.yaml"), "--lang", "en"));
        Assert.Contains("eeg.csv, row 2, column C (Capability)", _err.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "x.yaml")));
    }

    private int Run(params string[] args) => CliApp.Run(args, _out, _err);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
