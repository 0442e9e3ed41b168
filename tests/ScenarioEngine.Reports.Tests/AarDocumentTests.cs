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

    /// <summary>
    /// Phones that received every inject but nobody tapped Acknowledge (a drill on paper, or the
    /// button missed): the report says so in words, and never as an empty or zero duration.
    /// </summary>
    [Theory]
    [InlineData("en", "Deliveries acknowledged", "0 of 3", "not acknowledged", "no response")]
    [InlineData("ru", "Подтверждено доставок", "0 из 3", "не подтверждено", "нет ответа")]
    public void Deliveries_with_no_acknowledgement_are_reported_as_not_acknowledged_in_docx_xlsx_and_json(
        string language, string overviewLabel, string overviewValue, string notAcknowledged, string notResponded)
    {
        var synthetic = SyntheticExercise.Create(ScenarioLoader.LoadSample(), injects: 3, teams: 2, devices: 2, responses: 0, observations: 0);
        var logs = synthetic with
        {
            Deliveries = synthetic.Deliveries.Select(r => r with { Deliveries = r.Deliveries.Select(d => d with { SeenAt = null, AcknowledgedAt = null }).ToList() }).ToList(),
        };
        var report = AarReport.From(logs, new ScenarioEngine.Evaluation.Consolidation());

        Assert.Equal(3, report.Metrics.Deliveries.Count);
        Assert.All(report.Metrics.Deliveries, d => Assert.True(d.ToDelivered is not null && d.ToAcknowledged is null, d.InjectNumber));

        using (var document = WordprocessingDocument.Open(new MemoryStream(AarDocx.Write(report, language)), isEditable: false))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            var tables = body.Elements<W.Table>().ToList();
            string[] Cells(W.TableRow row) => row.Elements<W.TableCell>().Select(c => c.InnerText).ToArray();
            Assert.Contains(tables[0].Elements<W.TableRow>().Select(Cells), row => row.SequenceEqual([overviewLabel, overviewValue]));
            var deliveries = tables.Single(t => t.InnerText.Contains(notAcknowledged, StringComparison.Ordinal)).Elements<W.TableRow>().Select(Cells).ToList();
            Assert.Equal(4, deliveries.Count);
            Assert.All(deliveries.Skip(1), row =>
            {
                Assert.Matches(@"^\d\d:\d\d:\d\d$", row[2]);
                Assert.Equal(notAcknowledged, row[4]);
                Assert.Equal(notResponded, row[5]);
            });
            Assert.Equal(3, document.MainDocumentPart.ImageParts.Count());
        }

        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(AarXlsx.Write(report, language)), isEditable: false))
        {
            var part = workbook.WorkbookPart!;
            var sheet = (WorksheetPart)part.GetPartById(part.Workbook!.Sheets!.Elements<Sheet>().ElementAt(1).Id!);
            var rows = sheet.Worksheet!.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToArray()).ToList();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, row => Assert.Equal((notAcknowledged, notResponded), (row[5], row[6])));
        }

        using var json = System.Text.Json.JsonDocument.Parse(AarJson.Write(report));
        Assert.All(json.RootElement.GetProperty("metrics").GetProperty("deliveries").EnumerateArray(), d =>
            Assert.False(d.TryGetProperty("toAcknowledged", out _), d.GetRawText()));
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
