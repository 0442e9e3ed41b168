using System.Globalization;
using ScenarioEngine.Scenarios.Msel;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>
/// Sheets made for other tools, imported as they are. The fixtures are written here from each
/// tool's published column list, with made-up content.
/// </summary>
public sealed class MselDialectTests
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru");

    /// <summary>A bilingual drill starting 1 June 2026 08:00 Moscow time, with teams Alpha and Bravo.</summary>
    internal static readonly ScenarioDefinition Drill = ScenarioLoader.Parse(
        """
        id: dialects
        title: { en: "Warehouse drill", ru: "Учение на складе" }
        languages: [en, ru]
        defaultLanguage: en
        scenarioStart: "2026-06-01T08:00:00+03:00"
        sites:
          - id: warehouse
            name: { en: "Warehouse", ru: "Склад" }
        actors:
          - id: guard
            name: { en: "Guard", ru: "Охранник" }
            site: warehouse
        teams:
          - id: alpha
            name: { en: "Alpha", ru: "Альфа" }
            agencies: [police]
          - id: bravo
            name: { en: "Bravo", ru: "Браво" }
            agencies: [labour]
        """, "dialects.yaml");

    [Fact]
    public void Conducttr_mel_reads_to_as_the_persona_and_team_as_the_audience_and_keeps_faction_and_tab_as_tags()
    {
        var csv = SheetFixtures.Csv(',',
        [
            ["Number", "Time", "From", "Faction", "To", "Team", "Method", "Subject", "Message", "Expected Action", "Tab"],
            ["1", "00:05", "Bank compliance officer", "Finance", "Detective on duty", "Team Alpha", "Email", "Odd transfers", "Three transfers to one card.", "Ask for statements", "Day 1"],
            ["2", "00:20", "Hotline", "", "Duty officer", "Bravo", "Phone", "A call", "A neighbour heard shouting.", "", "Day 1"],
        ]);

        var (scenario, report) = MselImporter.ImportWithReport(CsvSheet.Read("conducttr.csv", csv), Drill, MselImportOptions.Default);

        Assert.Equal(MselDialects.Conducttr, report.Dialect);
        var first = scenario.Injects[0];
        Assert.Equal(["alpha"], first.To.Teams);
        Assert.Equal("Detective on duty", first.ToPersona["en"]);
        Assert.Equal("Bank compliance officer", first.From["en"]);
        Assert.Equal(new Dictionary<string, string> { ["Faction"] = "Finance", ["Tab"] = "Day 1" }, first.Tags);
        Assert.Equal((TimeSpan.FromMinutes(5), DeliveryMethod.Email), (first.At!.Value, first.Method));
        Assert.Equal(["bravo"], scenario.Injects[1].To.Teams);
        Assert.Contains(report.Matches, m => m is { Written: "Team Alpha", Id: "alpha", How: NameMatch.WithoutKindWord });
        Assert.Equal(Msg.MselOneLanguage, Assert.Single(report.Warnings).Code);
    }

    [Fact]
    public void Hseep_msel_in_excel_turns_day_and_clock_time_into_offsets_from_the_scenario_start()
    {
        var xlsx = SheetFixtures.ExcelLikeWorkbook(
        [
            ["MSEL #", "Day", "Scenario Time", "Event Synopsis", "Responsible Controller", "Player", "Inject Mode", "Inject", "Expected Player Action", "Core Capability", "Notes"],
            ["1", "1", 9.5 / 24, "Tip-off", "Lead controller", "All players", "Phone", "A caller reports people living in the warehouse.", "Open a case", "Operational Coordination", "Caller stays anonymous"],
            ["2", "Day 2", "13:30", "Inspection", "Site controller", "Team Bravo", "Hard copy", "Labour inspection order.", "", "Situational Assessment", ""],
        ]);

        var (scenario, report) = MselImporter.ImportWithReport(XlsxSheet.Read("hseep.xlsx", xlsx), Drill, MselImportOptions.Default);

        Assert.Equal(MselDialects.Hseep, report.Dialect);
        var (first, second) = (scenario.Injects[0], scenario.Injects[1]);
        Assert.Equal(TimeSpan.FromMinutes(90), first.At);
        Assert.Equal(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(330), second.At);
        Assert.Equal(("Tip-off", "A caller reports people living in the warehouse."), (first.Subject["en"], first.Message["en"]));
        Assert.True(first.To.Everyone);
        Assert.Equal(["bravo"], second.To.Teams);
        Assert.Equal((DeliveryMethod.PhoneCall, DeliveryMethod.Document), (first.Method, second.Method));
        Assert.Equal("Open a case", first.ExpectedAction["en"]);
        Assert.Equal("Caller stays anonymous", first.ControllerNotes);
        Assert.Equal(new Dictionary<string, string> { ["Responsible Controller"] = "Lead controller", ["Core Capability"] = "Operational Coordination" }, first.Tags);
    }

    [Fact]
    public void Russian_sheet_headed_soderzhanie_vvodnoy_imports_as_russian_text_that_english_falls_back_to()
    {
        var csv = SheetFixtures.Csv(';',
        [
            ["№ п/п", "День", "Время", "От кого", "Кому", "Способ", "Тема", "Содержание вводной", "Ожидаемые действия", "Кто вводит", "Примечание"],
            ["1", "1", "0:10", "Дежурная часть", "Группа Альфа", "по телефону", "Сообщение о складе", "Соседи слышали крики на складе.", "Выехать на место", "Посредник Иванов", "Не называть заявителя"],
            ["2", "1", "0:40", "Прокуратура", "Браво", "документ", "Поручение", "Провести проверку.", "", "", ""],
        ]);

        var (scenario, report) = MselImporter.ImportWithReport(CsvSheet.Read("вводные.csv", csv), Drill, MselImportOptions.Default, Russian);

        Assert.Equal(MselDialects.Russian, report.Dialect);
        var first = scenario.Injects[0];
        Assert.Equal("Соседи слышали крики на складе.", first.Message["ru"]);
        Assert.Equal(first.Message["ru"], first.Message["en"]);
        Assert.Equal(("Дежурная часть", "Выехать на место"), (first.From["ru"], first.ExpectedAction["ru"]));
        Assert.Equal(["alpha"], first.To.Teams);
        Assert.Equal(["bravo"], scenario.Injects[1].To.Teams);
        Assert.Equal(new Dictionary<string, string> { ["Кто вводит"] = "Посредник Иванов" }, first.Tags);
        Assert.Equal((TimeSpan.FromMinutes(10), DeliveryMethod.PhoneCall), (first.At!.Value, first.Method));
        Assert.Equal("В таблице есть текст только на языке ru; для языка en будет показан текст на языке ru.", Assert.Single(report.Warnings).Message);
    }

    [Fact]
    public void Crucible_blueprint_export_imports_with_made_up_numbers_and_its_other_fields_as_tags()
    {
        var csv = SheetFixtures.Csv(',',
        [
            ["Move", "Group", "Name", "Description", "From Org", "To Org", "Delivery Method", "Status", "Date Posted"],
            ["0", "1", "Breaking news", "A local paper reports a raid.", "City Gazette", "Alpha, Bravo", "News", "Approved", "2026-06-01 10:00"],
            ["0", "2", "Email", "The bank asks for a warrant.", "Bank", "Alpha", "Email", "Approved", "2026-06-01 11:15"],
        ]);

        var (scenario, report) = MselImporter.ImportWithReport(CsvSheet.Read("blueprint.csv", csv), Drill, MselImportOptions.Default);

        Assert.Equal(MselDialects.Blueprint, report.Dialect);
        Assert.Equal(["1", "2"], scenario.Injects.Select(i => i.Number));
        Assert.Contains(report.Warnings, w => w.Code == Msg.MselNumbered);
        var first = scenario.Injects[0];
        Assert.Equal(("Breaking news", "City Gazette", DeliveryMethod.MediaReport), (first.Subject["en"], first.From["en"], first.Method));
        Assert.Equal(["alpha", "bravo"], first.To.Teams);
        Assert.Equal(TimeSpan.FromHours(2), first.At);
        Assert.Equal(new Dictionary<string, string> { ["Move"] = "0", ["Group"] = "1", ["Status"] = "Approved" }, first.Tags);
    }

    [Fact]
    public void An_unknown_header_is_refused_with_its_name_and_imports_once_mapped()
    {
        string[][] rows =
        [
            ["Serial", "Audience", "Headline", "Body text", "Colour"],
            ["1", "alpha", "Tip", "Someone called.", "red"],
        ];

        var refused = Assert.Throws<ScenarioValidationException>(() => MselImporter.Import(CsvSheet.Read("own.csv", SheetFixtures.Csv(',', rows)), Drill));
        var (scenario, report) = MselImporter.ImportWithReport(CsvSheet.Read("own.csv", SheetFixtures.Csv(',', rows)), Drill,
            new MselImportOptions { Map = MselImportOptions.ParseMap(["Body text=Message"]) });

        var missing = Assert.Single(refused.Problems);
        Assert.Equal(Msg.MselMissingColumn, missing.Code);
        Assert.Contains("D 'Body text'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("Someone called.", scenario.Injects.Single().Message["en"]);
        Assert.Equal(["Colour"], report.IgnoredColumns);
        Assert.Contains(report.Notes, n => n.Code == Msg.MselIgnoredColumn && n.Message.Contains("Colour", StringComparison.Ordinal));
        Assert.Equal(MselColumnSource.Mapped, report.Columns.Single(c => c.Header == "Body text").Source);
    }

    [Fact]
    public void A_column_mapped_to_ignore_no_longer_clashes_with_another_of_the_same_meaning()
    {
        string[][] rows =
        [
            ["No", "To", "Recipients", "Subject", "Message"],
            ["1", "alpha", "Alpha team leader", "Tip", "Someone called."],
        ];

        var clash = Assert.Throws<ScenarioValidationException>(() => MselImporter.Import(CsvSheet.Read("two.csv", SheetFixtures.Csv(',', rows)), Drill));
        var scenario = MselImporter.ImportWithReport(CsvSheet.Read("two.csv", SheetFixtures.Csv(',', rows)), Drill,
            new MselImportOptions { Map = MselImportOptions.ParseMap(["recipients=ignore"]) }).Scenario;

        Assert.Equal(Msg.MselDuplicateColumn, Assert.Single(clash.Problems).Code);
        Assert.Equal(["alpha"], scenario.Injects.Single().To.Teams);
    }

    [Fact]
    public void A_mapping_that_names_a_missing_column_or_an_unknown_field_is_refused_with_what_exists()
    {
        var csv = SheetFixtures.Csv(',', [["No", "To", "Subject", "Message"], ["1", "alpha", "Tip", "Text"]]);

        var error = Assert.Throws<ScenarioValidationException>(() => MselImporter.ImportWithReport(CsvSheet.Read("m.csv", csv), Drill,
            new MselImportOptions { Map = MselImportOptions.ParseMap(["Inject=Message", "Subject=Colour"]) }));

        Assert.Equal([Msg.MselMapUnknownField, Msg.MselMapUnknownColumn], error.Problems.Select(p => p.Code));
        Assert.Contains("No, To, Subject, Message", error.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_language_sheet_fails_every_row_only_when_strict()
    {
        var csv = SheetFixtures.Csv(',', [["No", "To", "Subject", "Message"], ["1", "alpha", "Tip", "Text"], ["2", "bravo", "Order", "Text"]]);

        var lenient = MselImporter.ImportWithReport(CsvSheet.Read("en.csv", csv), Drill, MselImportOptions.Default);
        var strict = Assert.Throws<ScenarioValidationException>(() =>
            MselImporter.ImportWithReport(CsvSheet.Read("en.csv", csv), Drill, new MselImportOptions { StrictLanguages = true }));

        Assert.Equal("The sheet has text in en only; the scenario's ru text falls back to en.", Assert.Single(lenient.Report.Warnings).Message);
        Assert.Equal(2, lenient.Scenario.Injects.Count);
        Assert.Equal(new Dictionary<string, string> { ["en"] = "Tip", ["ru"] = "Tip" }, lenient.Scenario.Injects[0].Subject);
        Assert.Equal(4, strict.Problems.Count(p => p.Code == Msg.MissingTranslation));
    }

    [Theory]
    [InlineData("Team Alpha", NameMatch.WithoutKindWord)]
    [InlineData("Группа Альфа", NameMatch.WithoutKindWord)]
    [InlineData("alpha", NameMatch.Exact)]
    [InlineData("ALPHA", NameMatch.Exact)]
    [InlineData("Альфа", NameMatch.Exact)]
    [InlineData("Alpha team", NameMatch.WithoutKindWord)]
    [InlineData("alph", NameMatch.Prefix)]
    [InlineData("team:alp", NameMatch.Prefix)]
    public void Team_names_match_loosely_and_the_report_says_how(string written, NameMatch how)
    {
        var csv = SheetFixtures.Csv(',', [["No", "To", "Subject", "Message"], ["1", written, "Tip", "Text"]]);

        var (scenario, report) = MselImporter.ImportWithReport(CsvSheet.Read("n.csv", csv), Drill, MselImportOptions.Default);

        Assert.Equal(["alpha"], scenario.Injects.Single().To.Teams);
        Assert.Equal(how == NameMatch.Exact ? [] : [how], report.Matches.Select(m => m.How));
    }

    [Fact]
    public void A_prefix_that_fits_two_names_is_refused_with_both()
    {
        var drill = Drill with { Teams = [.. Drill.Teams, Drill.Teams[0] with { Id = "alpine", Name = new() { ["en"] = "Alpine", ["ru"] = "Альпы" } }] };
        var csv = SheetFixtures.Csv(',', [["No", "To", "Subject", "Message"], ["1", "Al", "Tip", "Text"]]);

        var error = Assert.Throws<ScenarioValidationException>(() => MselImporter.Import(CsvSheet.Read("a.csv", csv), drill));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((Msg.AudienceAmbiguous, "a.csv, row 2, column B (To)"), (problem.Code, problem.Where));
        Assert.Contains("alpha, alpine", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clock_time_without_a_scenario_start_is_refused_where_it_is()
    {
        var csv = SheetFixtures.Csv(',', [["MSEL #", "Day", "Scenario Time", "Event Synopsis", "Player", "Inject"], ["1", "1", "09:30", "Tip", "alpha", "Text"]]);

        var error = Assert.Throws<ScenarioValidationException>(() => MselImporter.Import(CsvSheet.Read("h.csv", csv), Drill with { ScenarioStart = null }));

        Assert.Equal((Msg.AtTimeNeedsScenarioStart, "h.csv, row 2, column C (Scenario Time)"), (error.Problems[0].Code, error.Problems[0].Where));
    }
}
