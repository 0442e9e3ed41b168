using System.Globalization;
using ScenarioEngine.Scenarios.Eeg;
using ScenarioEngine.Scenarios.Msel;

namespace ScenarioEngine.Scenarios.Tests;

public sealed class EegImportTests
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru");
    private static readonly ScenarioDefinition Sample = ScenarioLoader.LoadSample();

    // The sample's injects name its objectives; a sheet with only some of them is checked against a sample whose injects name none.
    private static readonly ScenarioDefinition Unlinked = Sample with { Injects = Sample.Injects.Select(i => i with { Objectives = [] }).ToList() };

    private static Sheet Xlsx(IReadOnlyList<object[]> rows, string name = "eeg.xlsx") =>
        SheetFiles.Read(name, SheetFixtures.ExcelLikeWorkbook(rows), SheetFormat.Xlsx);

    [Fact]
    public void Russian_xlsx_with_objective_cells_left_blank_below_reads_capabilities_by_name_and_one_target_per_line()
    {
        var sheet = Xlsx(
        [
            ["Код цели", "Цель (ru)", "Цель (en)", "Основной потенциал", "Код задачи", "Критическая задача (ru)", "Критическая задача (en)", "Показатели (ru)", "Показатели (en)"],
            ["joint", "Работать единой командой", "Work as one team", "Оперативная координация", "j-brief", "Совместный инструктаж", "Joint briefing", "Все ведомства на инструктаже\nИнструктаж до входа", "Every agency briefed\nBriefing before entry"],
            ["", "", "", "operational-communications", "j-radio", "Общий радиоканал", "Shared radio channel", "Канал с начала", "Channel from the start"],
            ["money", "Идти по следу денег", "Follow the money", "Financial Investigation", "", "Запрос на арест средств", "Freezing request", "", ""],
        ]);

        var result = EegImporter.Import(sheet, Unlinked, Russian);

        var objectives = result.Scenario.Objectives;
        Assert.Equal(["joint", "money"], objectives.Select(o => o.Id));
        Assert.Equal(["operational-coordination", "operational-communications"], objectives[0].Capabilities);
        Assert.Equal(["j-brief", "j-radio"], objectives[0].CriticalTasks.Select(t => t.Id));
        Assert.Equal("Work as one team", objectives[0].Title["en"]);
        Assert.Equal(["Every agency briefed", "Briefing before entry"], objectives[0].CriticalTasks[0].Targets.Select(t => t["en"]));
        Assert.Equal("Инструктаж до входа", objectives[0].CriticalTasks[0].Targets[1]["ru"]);
        Assert.Equal("money-1", Assert.Single(objectives[1].CriticalTasks).Id);
        Assert.Equal("financial-investigation", objectives[1].CriticalTasks[0].Capability);
        Assert.Equal(3, result.TaskCount);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void English_csv_in_one_language_fills_the_scenarios_other_language_and_says_so()
    {
        var bytes = SheetFixtures.Csv(';',
        [
            ["Objective ID", "Objective", "Core Capability", "Critical Task", "Performance Targets"],
            ["joint", "Work as one team", "Operational Coordination", "Joint briefing", "Every agency briefed"],
        ]);

        var result = EegImporter.Import(SheetFiles.Read("eeg.csv", bytes, SheetFormat.Csv), Unlinked);

        var task = Assert.Single(Assert.Single(result.Scenario.Objectives).CriticalTasks);
        Assert.Equal("Joint briefing", task.Title["ru"]);
        Assert.Equal(["Every agency briefed"], task.Targets.Select(t => t["ru"]));
        Assert.Equal(Msg.MselOneLanguage, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_row_and_column_in_russian_and_nothing_is_imported()
    {
        var sheet = Xlsx(
        [
            ["Код цели", "Цель", "Потенциал", "Код задачи", "Задача", "Показатели"],
            ["joint", "Работать единой командой", "Подводное плавание", "t-1", "Инструктаж", ""],
            ["joint", "", "Оперативная координация", "t-2", "Инструктаж", ""],
            ["joint", "", "Оперативная координация", "t-2", "Ещё раз", ""],
            ["joint", "", "Оперативная координация", "t-3", "", ""],
        ]);

        var invalid = Assert.Throws<ScenarioValidationException>(() => EegImporter.Import(sheet, Unlinked, Russian));

        Assert.Equal([Msg.EegUnknownCapability, Msg.EegDuplicateTask, Msg.EegNoTask], invalid.Problems.Select(p => p.Code));
        Assert.Equal("eeg.xlsx, строка 2, столбец C (Потенциал)", invalid.Problems[0].Where);
        Assert.Contains("«Подводное плавание»", invalid.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("eeg.xlsx, строка 4, столбец D (Код задачи)", invalid.Problems[1].Where);
        Assert.Contains("строке 3", invalid.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal("eeg.xlsx, строка 5, столбец E (Задача)", invalid.Problems[2].Where);
    }

    [Fact]
    public void Sheet_without_a_capability_or_task_column_is_refused_naming_the_columns_it_needs()
    {
        var sheet = Xlsx([["Objective", "Notes"], ["Work as one team", "x"]]);

        var invalid = Assert.Throws<ScenarioValidationException>(() => EegImporter.Import(sheet, Sample));

        Assert.All(invalid.Problems, p => Assert.Equal(Msg.EegMissingColumn, p.Code));
        Assert.Equal(2, invalid.Problems.Count);
        Assert.Contains("Core Capability", invalid.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guide_whose_objectives_injects_still_name_is_checked_whole_like_a_scenario()
    {
        // The sample's injects name the objective "identify"; a guide without it leaves them pointing nowhere.
        var sheet = Xlsx([["Objective ID", "Objective (en)", "Objective (ru)", "Capability", "Critical Task (en)", "Critical Task (ru)"], ["joint", "One team", "Одна команда", "operational-coordination", "Brief", "Инструктаж"]]);

        var invalid = Assert.Throws<ScenarioValidationException>(() => EegImporter.Import(sheet, Sample));

        Assert.Contains(invalid.Problems, p => p.Code == Msg.NoObjective);
    }

    [Theory]
    [InlineData(SheetFormat.Xlsx, false)]
    [InlineData(SheetFormat.Csv, true)]
    public void Samples_guide_written_as_a_sheet_reads_back_the_same(SheetFormat format, bool russianHeaders)
    {
        var bytes = SheetFiles.Write(EegImporter.Rows(Sample, russianHeaders), format);

        var again = EegImporter.Import(SheetFiles.Read($"eeg.{format}", bytes, format), Sample);

        Assert.Equal(SheetFixtures.Canonical(Sample.Objectives.Select(o => new { o.Id, o.Title, o.Capabilities, o.CriticalTasks })),
            SheetFixtures.Canonical(again.Scenario.Objectives.Select(o => new { o.Id, o.Title, o.Capabilities, o.CriticalTasks })));
    }
}
