using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Reports.Aar;

/// <summary>The report's tables as a workbook, one sheet each: timeline, deliveries, responses, observations, improvement plan.</summary>
public static class AarXlsx
{
    public static byte[] Write(AarReport report, string language)
    {
        var text = new AarText(language);
        string Time(TimeSpan? t) => t is { } v ? Scenarios.TimeText.FormatOffset(v) : string.Empty;
        // A step that never happened is said in words, so an empty cell is never summed as zero.
        string Step(TimeSpan? t, string missing) => t is { } v ? v.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) : text[missing];
        string Wall(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        var sheets = new List<(string Name, string[] Header, IEnumerable<string[]> Rows)>
        {
            (text["SheetTimeline"], [text["Time"], text["WallTime"], text["Event"], text["Inject"], text["Detail"]],
                report.Logs.Events.OrderBy(e => e.Sequence).Select(e => new[] { Time(e.ScenarioTime), Wall(e.At), e.Kind, e.InjectNumber ?? string.Empty, e.Detail ?? string.Empty })),
            (text["SheetDeliveries"], [text["Inject"], text["Recipient"], text["Time"], $"{text["Delivered"]} ({text["Seconds"]})", $"{text["Seen"]} ({text["Seconds"]})", $"{text["Acknowledged"]} ({text["Seconds"]})", $"{text["Responded"]} ({text["Seconds"]})", text["Deadline"], text["DeadlineMet"]],
                report.Metrics.Deliveries.Select(d => new[]
                {
                    d.InjectNumber, d.RecipientId, Time(d.FiredScenarioTime), Step(d.ToDelivered, "NotDelivered"), Step(d.ToSeen, "NotSeen"), Step(d.ToAcknowledged, "NotAcknowledged"), Step(d.ToResponded, "NotResponded"), Time(d.Deadline),
                    d.DeadlineMet switch { true => text["Yes"], false => text["No"], null => string.Empty },
                })),
            (text["SheetResponses"], [text["WallTime"], text["Recipient"], text["Inject"], text["Device"], text["Text"]],
                report.Logs.Responses.SelectMany(r => r.Responses.Select(x => new[] { Wall(x.StoredAt), r.Recipient.Id, x.InjectNumber, x.DeviceName, x.Text ?? x.Choice ?? string.Empty }))),
            (text["SheetObservations"], ["#", text["Time"], text["Objective"], text["CriticalTask"], text["Team"], text["Rating"], text["Evaluator"], text["Inject"], text["Note"], text["Corrects"]],
                report.Logs.Observations.Select(o => new[]
                {
                    o.Sequence.ToString(CultureInfo.InvariantCulture), Time(o.ScenarioTime), o.Entry.ObjectiveId, o.Entry.CriticalTaskId ?? string.Empty, o.Entry.TeamId ?? string.Empty,
                    o.Entry.Rating?.ToString() ?? string.Empty, o.Entry.Evaluator, o.Entry.InjectNumber ?? string.Empty, o.Entry.Note ?? string.Empty, o.Entry.Corrects?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                })),
            (text["SheetImprovementPlan"], [text["Capability"], text["Issue"], text["CorrectiveAction"], text["ResponsibleAgency"], text["StartDate"], text["EndDate"]],
                report.Consolidation.ImprovementPlan.Select(i => new[] { i.Capability, i.Issue, i.CorrectiveAction, i.ResponsibleAgency, i.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })),
        };
        if (report.Hotwash is { } hotwash)
        {
            // Anonymous: no team or device column at all, not an empty one.
            var fallback = report.Logs.Scenario.DefaultLanguage;
            string[] header = hotwash.Form.Anonymous ? [text["Question"], text["Answer"]] : [text["Question"], text["Answer"], text["Team"], text["Device"]];
            sheets.Add((text["SheetHotwash"], header, hotwash.Answers.Select(a =>
            {
                var (question, answer) = AarHotwashText.Row(hotwash, a, text, fallback);
                return hotwash.Form.Anonymous ? new[] { question, answer } : [question, answer, a.TeamId ?? string.Empty, a.DeviceName ?? string.Empty];
            })));
        }

        // Last, so the sheets before it keep their places: which team found which prop, where and when.
        var scenario = report.Logs.Scenario;
        sheets.Add((text["SheetEvidence"], [text["WallTime"], text["Team"], text["EvidenceItem"], text["Site"], text["Device"], text["EarlyScans"]],
            Metrics.EvidenceFinds.From(report.Logs.EvidenceScans).Select(f => new[]
            {
                Wall(f.FoundAt), f.TeamId, scenario.FindEvidence(f.ItemId) is { } item ? Pick(item.Name, language, scenario.DefaultLanguage) : f.ItemId,
                scenario.Sites.Find(s => s.Id == f.SiteId) is { } site ? Pick(site.Name, language, scenario.DefaultLanguage) : f.SiteId,
                f.DeviceName, f.EarlyScans.ToString(CultureInfo.InvariantCulture),
            })));

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            uint id = 1;
            foreach (var (name, header, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData(Row(header));
                foreach (var row in rows)
                {
                    data.Append(Row(row));
                }

                part.Worksheet = new Worksheet(data);
                // Sheet names are at most 31 characters in Excel.
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name.Length > 31 ? name[..31] : name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static string Pick(Dictionary<string, string> text, string language, string fallback) =>
        text.GetValueOrDefault(language) ?? text.GetValueOrDefault(fallback) ?? text.Values.FirstOrDefault() ?? string.Empty;

    private static Row Row(IEnumerable<string> cells) =>
        new(cells.Select(c => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(c) { Space = SpaceProcessingModeValues.Preserve }) }));
}
