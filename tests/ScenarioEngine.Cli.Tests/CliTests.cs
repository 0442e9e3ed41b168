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

    private int Run(params string[] args) => CliApp.Run(args, _out, _err);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
