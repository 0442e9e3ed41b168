using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ScenarioEngine.Evidence;
using ScenarioEngine.Reports.Aar;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Tests;

/// <summary>The AAR's evidence table: which team found which prop, where, when, after how many early scans.</summary>
public sealed class EvidenceFindsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly EvidenceScanRecord[] Scans =
    [
        Scan(1, "team-a", "passports", EvidenceScanOutcome.NotYet, minutes: 5),
        Scan(2, "team-a", "passports", EvidenceScanOutcome.NotYet, minutes: 9),
        Scan(3, "team-b", "ledger", EvidenceScanOutcome.Found, minutes: 12),
        Scan(4, "team-a", "passports", EvidenceScanOutcome.Found, minutes: 30),
        Scan(5, "team-a", "passports", EvidenceScanOutcome.AlreadyFound, minutes: 31),
        Scan(6, "team-c", null, EvidenceScanOutcome.NotThisExercise, minutes: 40),
    ];

    [Fact]
    public void Each_team_and_item_is_found_once_at_its_first_find_with_the_early_scans_counted()
    {
        var finds = EvidenceFinds.From(Scans);

        Assert.Equal([("team-b", "ledger", 0, 12), ("team-a", "passports", 2, 30)],
            finds.Select(f => (f.TeamId, f.ItemId, f.EarlyScans, (int)(f.FoundAt - Start).TotalMinutes)));
        Assert.All(finds, f => Assert.Equal("Anna", f.DeviceName));
    }

    [Theory]
    [InlineData("en", "Evidence found", "Passports in the office safe")]
    [InlineData("ru", "Найденные улики", "Паспорта в сейфе администратора")]
    public void The_workbook_has_an_evidence_sheet_with_a_row_per_find_in_the_readers_language(string language, string sheetName, string passports)
    {
        var logs = SyntheticExercise.Create(Scenarios.ScenarioLoader.LoadSample(), injects: 3, teams: 2, devices: 2, responses: 0, observations: 0) with { EvidenceScans = Scans };
        var report = AarReport.From(logs, new ScenarioEngine.Evaluation.Consolidation());

        using var document = SpreadsheetDocument.Open(new MemoryStream(AarXlsx.Write(report, language)), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook!.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet!.Descendants<Row>().Skip(1).Select(r => r.InnerText).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Contains(passports, rows[1], StringComparison.Ordinal);
        Assert.Contains("team-a", rows[1], StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(AarJson.Write(report));
        Assert.Equal(2, json.RootElement.GetProperty("evidenceFound").GetArrayLength());
        Assert.Equal(6, json.RootElement.GetProperty("evidenceScans").GetArrayLength());
    }

    private static EvidenceScanRecord Scan(long sequence, string team, string? item, EvidenceScanOutcome outcome, int minutes) => new()
    {
        Sequence = sequence,
        ScanId = $"scan-{sequence}",
        TeamId = team,
        DeviceId = "phone-1",
        DeviceName = "Anna",
        ItemId = item,
        SiteId = item switch { "passports" => "sauna", "ledger" => "construction", _ => null },
        Outcome = outcome,
        ScannedAt = Start.AddMinutes(minutes),
    };
}
