using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>MSELs as designers keep them: Excel in Russian, CSV with semicolons, mistakes included.</summary>
public sealed class MselImportTests
{
    private static readonly ScenarioDefinition Drill = ScenarioLoader.Parse(TestScenarios.Branching, "branching.yaml");
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru");

    private static readonly string[] RussianHeader =
        ["№", "Время", "Условие", "От", "Кому", "Способ", "Тема (ru)", "Тема (en)", "Сообщение (ru)", "Сообщение (en)", "Ожидаемые действия", "Примечания", "Ответ", "Срок ответа", "Резерв"];

    private static readonly string[][] RussianRows =
    [
        ["1", "0:05", "", "Оператор горячей линии", "Группа А", "телефон", "Наводка", "Tip-off", "Звонок о складе.", "A call about the warehouse.", "Проверить", "Не раскрывать источник", "выбор: observe | raid", "0:20", "нет"],
        ["2", "", "ответ 1 своя группа выбор=observe", "Пост наблюдения", "team-a", "рация", "Наблюдение", "Observation", "Подъехал фургон.", "A van arrives.", "", "", "нет", "", "нет"],
        ["3", "", "после 2 +0:15", "Штаб", "все", "документ", "Приказ", "Order", "Доложить.", "Report.", "", "", "да", "", "нет"],
        ["4", "", "нет ответа 1", "Штаб", "Группа Б", "СМС", "Резерв", "Reserve", "Группа А молчит.", "Team A is silent.", "", "", "нет", "", "да"],
        ["5", "", "объект warehouse=raided", "Штаб", "актёр:guard", "лично", "Карточка", "Cue card", "Молчите.", "Stay silent.", "", "", "нет", "", "нет"],
    ];

    [Fact]
    public void Csv_with_russian_headers_and_semicolons_imports_every_field()
    {
        var csv = SheetFixtures.Csv(';', [RussianHeader, .. RussianRows]);

        var scenario = MselImporter.Import(CsvSheet.Read("msel.csv", csv), Drill, Russian);

        Assert.Equal(["1", "2", "3", "4", "5"], scenario.Injects.Select(i => i.Number));
        var first = scenario.Injects[0];
        Assert.Equal((TimeSpan.FromMinutes(5), DeliveryMethod.PhoneCall, "team-a"), (first.At!.Value, first.Method, first.To.Teams.Single()));
        Assert.Equal(("Наводка", "Tip-off"), (first.Subject["ru"], first.Subject["en"]));
        Assert.Equal(["observe", "raid"], first.ResponseForm!.Fields.Single().Choices.Select(c => c.Id));
        Assert.Equal(TimeSpan.FromMinutes(20), first.ResponseDeadline);
        Assert.Equal("Не раскрывать источник", first.ControllerNotes);
        Assert.Equal(new TriggerDefinition { Kind = TriggerKind.OnResponse, Inject = "1", From = ResponseScope.SameTeam, Condition = new ResponseCondition { Kind = ConditionKind.ChoiceEquals, Value = "observe" } }, scenario.Injects[1].Trigger);
        Assert.Equal(TimeSpan.FromMinutes(15), scenario.Injects[2].Trigger!.Delay);
        Assert.True(scenario.Injects[2].To.Everyone);
        Assert.Equal((true, TimeSpan.FromMinutes(20)), (scenario.Injects[3].Contingency, scenario.Injects[3].Trigger!.Delay!.Value));
        Assert.Equal(["guard"], scenario.Injects[4].To.Actors);
    }

    [Fact]
    public void Xlsx_saved_by_excel_with_shared_strings_and_times_as_numbers_imports()
    {
        var rows = RussianRows.Select(r => r.Select(c => (object)c).ToArray()).ToList();
        rows[0][1] = 5.0 / (24 * 60);
        var xlsx = SheetFixtures.ExcelLikeWorkbook([RussianHeader, .. rows]);

        var scenario = MselImporter.Import(XlsxSheet.Read("msel.xlsx", xlsx), Drill, Russian);

        Assert.Equal(TimeSpan.FromMinutes(5), scenario.Injects[0].At);
        Assert.Equal("Звонок о складе.", scenario.Injects[0].Message["ru"]);
        Assert.Equal(5, scenario.Injects.Count);
    }

    [Fact]
    public void Sheet_with_every_kind_of_error_reports_each_with_its_row_and_column_and_imports_nothing()
    {
        string[][] rows =
        [
            ["1", "0:05", "", "От", "Группа А", "телефон", "Наводка", "Tip-off", "Текст", "Text", "", "", "выбор: observe | raid", "0:20", "нет"],
            ["1", "скоро", "", "От", "Группа Я", "голубь", "Тема", "Subject", "Текст", "Text", "", "", "нет", "", "может быть"],
            ["3", "", "когда-нибудь", "От", "team-a", "", "", "Subject", "Текст", "Text", "", "", "нет", "", "нет"],
            ["4", "0:10", "после 1 +0:05", "От", "team-a", "", "Тема", "Subject", "Текст", "Text", "", "", "нет", "", "нет"],
            ["5", "", "после 6", "От", "team-a", "", "Тема", "Subject", "Текст", "Text", "", "", "нет", "", "нет"],
            ["6", "", "после 5", "От", "team-a", "", "Тема", "Subject", "Текст", "Text", "", "", "нет", "", "нет"],
            ["7", "", "ответ 3 выбор=raid", "От", "team-a", "", "Тема", "Subject", "Текст", "Text", "", "", "нет", "", "нет"],
            ["8", "0:30", "", "От", "team-a", "", "Тема", "Subject", "Текст", "Text", "", "", "нет", "", "да"],
        ];

        var error = Assert.Throws<ScenarioValidationException>(() => MselImporter.Import(CsvSheet.Read("ошибки.csv", SheetFixtures.Csv(',', [RussianHeader, .. rows])), Drill, Russian));

        var found = error.Problems.Select(p => (p.Code, p.Where)).ToList();
        Assert.Contains((Msg.TimeOffsetInvalid, "ошибки.csv, строка 3, столбец B (Время)"), found);
        Assert.Contains((Msg.AudienceInvalid, "ошибки.csv, строка 3, столбец E (Кому)"), found);
        Assert.Contains((Msg.MethodInvalid, "ошибки.csv, строка 3, столбец F (Способ)"), found);
        Assert.Contains((Msg.BoolInvalid, "ошибки.csv, строка 3, столбец O (Резерв)"), found);
        Assert.Contains((Msg.Duplicate, "ошибки.csv, строка 3, столбец A (№)"), found);
        Assert.Contains((Msg.TriggerInvalid, "ошибки.csv, строка 4, столбец C (Условие)"), found);
        Assert.Contains((Msg.MissingTranslation, "ошибки.csv, строка 4, столбец G (Тема (ru))"), found);
        Assert.Contains((Msg.OneTriggerOnly, "ошибки.csv, строка 5, столбец C (Условие)"), found);
        Assert.Contains((Msg.TriggerCycle, "ошибки.csv, строка 6, столбец C (Условие)"), found);
        Assert.Contains((Msg.TriggerOnInjectWithoutResponse, "ошибки.csv, строка 8, столбец C (Условие)"), found);
        Assert.Contains((Msg.ContingencyWithTime, "ошибки.csv, строка 9, столбец O (Резерв)"), found);
        Assert.True(error.Problems.Count == 11, string.Join("\n", error.Problems));
        Assert.All(error.Problems, p => Assert.DoesNotMatch("[A-Za-z]{4,} [a-z]{4,} [a-z]{4,}", p.Message.Replace("0:05:00", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_required_columns_are_named_in_the_readers_language()
    {
        var error = Assert.Throws<ScenarioValidationException>(() =>
            MselImporter.Import(CsvSheet.Read("short.csv", SheetFixtures.Csv(',', [["No.", "Time", "Subject"], ["1", "0:05", "x"]])), Drill));

        Assert.Equal(["No 'To' column.", "No 'Message' column."], error.Problems.Select(p => p.Message.Split(" Recognised")[0]));
    }

    [Fact]
    public void Tab_separated_file_with_a_quoted_multi_line_message_imports()
    {
        var csv = Encoding.UTF8.GetBytes("Number\tTime\tTo\tSubject (en)\tSubject (ru)\tMessage (en)\tMessage (ru)\r\n" +
            "1\t0:05:00\tteam-a\tTip\tНаводка\t\"Line one,\nline two; \"\"quoted\"\"\"\tТекст\r\n");

        var scenario = MselImporter.Import(CsvSheet.Read("msel.tsv", csv), Drill);

        Assert.Equal("Line one,\nline two; \"quoted\"", scenario.Injects.Single().Message["en"]);
    }

    [Fact]
    public void A_few_hundred_rows_import_in_well_under_a_second()
    {
        var rows = Enumerable.Range(1, 400).Select(n => new[]
        {
            n.ToString(CultureInfo.InvariantCulture), TimeText.FormatOffset(TimeSpan.FromMinutes(n * 3)), "", "Штаб", n % 2 == 0 ? "Группа А" : "Группа Б", "email",
            $"Тема {n}", $"Subject {n}", $"Сообщение номер {n}", $"Message number {n}", "", "", "нет", "", "нет",
        }).ToArray();
        var xlsx = XlsxSheet.Write([RussianHeader, .. rows]);

        var clock = Stopwatch.StartNew();
        var scenario = MselImporter.Import(XlsxSheet.Read("big.xlsx", xlsx), Drill, Russian);
        clock.Stop();

        Assert.Equal(400, scenario.Injects.Count);
        Assert.Equal(TimeSpan.FromMinutes(1200), scenario.Injects[^1].At);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(SheetFormat.Csv, false)]
    [InlineData(SheetFormat.Xlsx, true)]
    public void Exported_msel_imports_back_to_the_same_injects(SheetFormat format, bool russianHeaders)
    {
        var sample = ScenarioLoader.LoadSample();
        var bytes = SheetFiles.Write(MselExporter.Rows(sample, russianHeaders), format);

        var again = MselImporter.Import(SheetFiles.Read($"msel.{format}", bytes, format), sample);

        Assert.Equal(SheetFixtures.Canonical(sample.Injects), SheetFixtures.Canonical(again.Injects));
    }

    [Theory]
    [InlineData("manual")]
    [InlineData("after 5 +0:10:00")]
    [InlineData("response 7 choice=raid")]
    [InlineData("response 7 same team account~40817")]
    [InlineData("no response 7 within 0:30:00 same team")]
    [InlineData("site sauna=raided")]
    public void Trigger_cells_read_back_as_written(string cell)
    {
        Assert.True(TriggerText.TryParse(cell, out var trigger));
        var inject = new InjectDefinition
        {
            Number = "x",
            Subject = new() { ["en"] = "x" },
            Message = new() { ["en"] = "x" },
            To = new AudienceDefinition { Teams = ["t"] },
            Trigger = trigger,
        };

        Assert.Equal(cell, TriggerText.Format(inject));
    }

    [Theory]
    [InlineData("после 5 +0:10", TriggerKind.AfterInject)]
    [InlineData("ответ 7 своя группа выбор=raid", TriggerKind.OnResponse)]
    [InlineData("нет ответа 7 за 0:30", TriggerKind.IfNoResponse)]
    [InlineData("объект sauna=raided", TriggerKind.OnSiteState)]
    public void Russian_trigger_cells_are_understood(string cell, TriggerKind kind)
    {
        Assert.True(TriggerText.TryParse(cell, out var trigger));
        Assert.Equal(kind, trigger!.Kind);
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("ends with a break\n")]
    [InlineData("a \"quote\", a comma; a semicolon")]
    [InlineData(" leading and trailing spaces ")]
    public void A_cell_with_a_bare_line_break_or_separators_survives_csv_export(string value)
    {
        var bytes = CsvSheet.Write([["Number", "Message", "To"], ["1", value, "team-a"], ["2", "next", "team-b"]]);

        var sheet = CsvSheet.Read("s.csv", bytes);

        Assert.Equal((value, "team-b"), (sheet.Rows[1][1].Text, sheet.Rows[2][2].Text));
    }
}
