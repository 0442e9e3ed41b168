using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Reports.Aar;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ScenarioEngine.Reports.Tests;

public sealed class AarDocumentTests
{
    private static readonly Lazy<AarReport> Report = new(() =>
    {
        var logs = SyntheticExercise.Create(ScenarioLoader.LoadSample(), injects: 12, teams: 3, devices: 9, responses: 40, observations: 30);
        return AarReport.From(logs, new ScenarioEngine.Evaluation.Consolidation
        {
            Capabilities =
            [
                new()
                {
                    ObjectiveId = "joint",
                    Capability = "operational-coordination",
                    FinalRating = Rating.S,
                    Strengths = [new() { Text = "Joint briefing before every raid.", Observations = [3, 7] }],
                    AreasForImprovement = [new() { Text = "Reports to control came late.", Observations = [12] }],
                },
            ],
            ImprovementPlan =
            [
                new() { Capability = "operational-coordination", Issue = "Late reports", CorrectiveAction = "Fixed reporting times", ResponsibleAgency = "Police", Start = new(2026, 12, 1), End = new(2027, 2, 1) },
            ],
        });
    });

    [Theory]
    [InlineData("en", "After-Action Report / Improvement Plan", "Exercise Overview", "Analysis of Capabilities", "Improvement Plan", "Appendix A: Exercise Timeline", "Operational Coordination")]
    [InlineData("ru", "Отчёт по итогам учения / план улучшений", "Общие сведения об учении", "Анализ потенциалов", "План улучшений", "Приложение А: хронология учения", "Оперативная координация")]
    public void Docx_follows_the_aar_ip_structure_in_the_asked_language_with_tables_and_chart_images(
        string language, string title, string overview, string analysis, string plan, string appendix, string capability)
    {
        var bytes = AarDocx.Write(Report.Value, language);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<W.Paragraph>().ToList();
        string Style(W.Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? string.Empty;
        var headings = paragraphs.Where(p => Style(p) == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(title, paragraphs.First(p => Style(p) == "Title").InnerText);
        Assert.Equal(overview, headings[0]);
        Assert.True(headings.IndexOf(analysis) < headings.IndexOf(plan) && headings.IndexOf(plan) < headings.IndexOf(appendix), string.Join(" | ", headings));
        Assert.Equal(appendix, headings[^1]);
        Assert.Contains(paragraphs, p => Style(p) == "Heading2" && p.InnerText.EndsWith(capability, StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.InnerText.Contains("#3, #7", StringComparison.Ordinal));

        var tables = body.Elements<W.Table>().ToList();
        var improvement = tables.Single(t => t.InnerText.Contains("Fixed reporting times", StringComparison.Ordinal));
        Assert.Equal(2, improvement.Elements<W.TableRow>().Count());
        var timeline = tables[^1];
        Assert.Equal(Report.Value.Logs.Events.Count + 1, timeline.Elements<W.TableRow>().Count());

        var images = document.MainDocumentPart.ImageParts.ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, image =>
        {
            using var png = image.GetStream();
            var signature = new byte[8];
            png.ReadExactly(signature);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        });
    }

    /// <summary>A drill stopped early has fired injects but nobody answered or rated: its report still exports.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    public void Exercise_with_no_responses_and_no_ratings_still_exports_as_docx_and_xlsx(string language)
    {
        var logs = SyntheticExercise.Create(ScenarioLoader.LoadSample(), injects: 3, teams: 2, devices: 2, responses: 0, observations: 0);
        var report = AarReport.From(logs, new ScenarioEngine.Evaluation.Consolidation());

        using var document = WordprocessingDocument.Open(new MemoryStream(AarDocx.Write(report, language)), isEditable: false);
        Assert.Equal(3, document.MainDocumentPart!.ImageParts.Count());
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(AarXlsx.Write(report, language)), isEditable: false);
        Assert.NotEmpty(workbook.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>());
    }

    [Theory]
    [InlineData("en", new[] { "Timeline", "Deliveries", "Responses", "Observations", "Improvement plan", "Hotwash", "Evidence found" })]
    [InlineData("ru", new[] { "Хронология", "Доставка", "Ответы", "Наблюдения", "План улучшений", "Разбор", "Найденные улики" })]
    public void Xlsx_has_one_sheet_per_table_with_a_row_per_record(string language, string[] sheets)
    {
        var bytes = AarXlsx.Write(Report.Value, language);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = document.WorkbookPart!;
        var names = workbook.Workbook!.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(sheets, names);
        int Rows(int sheet) => ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().ElementAt(sheet).Id!)).Worksheet!.Descendants<Row>().Count() - 1;
        var logs = Report.Value.Logs;
        Assert.Equal(logs.Events.Count, Rows(0));
        Assert.Equal(logs.Deliveries.Sum(d => d.Deliveries.Count), Rows(1));
        Assert.Equal(logs.Responses.Sum(r => r.Responses.Count), Rows(2));
        Assert.Equal(logs.Observations.Count, Rows(3));
        Assert.Equal(1, Rows(4));
        Assert.Equal(Report.Value.Hotwash!.Answers.Count, Rows(5));
    }

    [Fact]
    public void Json_archive_holds_the_scenario_every_log_the_metrics_and_the_consolidation()
    {
        using var json = System.Text.Json.JsonDocument.Parse(AarJson.Write(Report.Value));
        var root = json.RootElement;

        Assert.Equal("anti-trafficking-sample", root.GetProperty("scenario").GetProperty("id").GetString());
        Assert.Equal(Report.Value.Logs.Observations.Count, root.GetProperty("observations").GetArrayLength());
        Assert.Equal(Report.Value.Metrics.Deliveries.Count, root.GetProperty("metrics").GetProperty("deliveries").GetArrayLength());
        Assert.Equal("Late reports", root.GetProperty("consolidation").GetProperty("improvementPlan")[0].GetProperty("issue").GetString());
    }

    [Fact]
    public void Every_report_label_exists_in_russian()
    {
        var english = AarText.Keys(System.Globalization.CultureInfo.InvariantCulture).ToHashSet();
        var russian = AarText.Keys(System.Globalization.CultureInfo.GetCultureInfo("ru")).ToHashSet();

        Assert.NotEmpty(english);
        Assert.Equal(english.Order(StringComparer.Ordinal), russian.Order(StringComparer.Ordinal));
    }
}
