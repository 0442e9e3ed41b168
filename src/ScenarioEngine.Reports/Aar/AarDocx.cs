using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ScenarioEngine.Reports.Metrics;
using ScenarioEngine.Scenarios.Evaluation;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace ScenarioEngine.Reports.Aar;

/// <summary>
/// The after-action report and improvement plan as a Word document, in the order of the HSEEP
/// AAR/IP template: overview, objectives and capabilities, analysis per capability, charts, the
/// improvement plan, and the timeline as an appendix. Every heading and label comes from AarText.
/// </summary>
public static class AarDocx
{
    public static byte[] Write(AarReport report, string language)
    {
        var text = new AarText(language);
        var scenario = report.Logs.Scenario;
        string Pick(IReadOnlyDictionary<string, string> t) => text.Pick(t, scenario.DefaultLanguage);
        var capabilities = CoreCapabilities.For(scenario);
        string CapabilityName(string id) => capabilities.TryGetValue(id, out var c) ? Pick(c.Name) : id;
        string Time(TimeSpan? t) => t is { } v ? TimeText.FormatOffset(v) : "—";

        // A step that never happened is said in words: "—" or an empty cell reads like zero in a table of durations.
        string Step(TimeSpan? t, string missing) => t is { } v ? v.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : text[missing];
        var deliveries = report.Metrics.Deliveries;

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            AddStyles(main);
            var body = main.Document.Body!;

            body.Append(Paragraph(text["ReportTitle"], "Title"));
            body.Append(Paragraph(Pick(scenario.Title), "Subtitle"));

            body.Append(Heading(text["ExerciseOverview"], 1));
            var events = report.Logs.Events;
            body.Append(Table(
                [text["ExerciseName"], string.Empty],
                [
                    [text["ExerciseName"], Pick(scenario.Title)],
                    [text["ExerciseId"], report.Logs.ExerciseId],
                    [text["Scenario"], $"{scenario.Id} {scenario.Version}".Trim()],
                    [text["Started"], events.Count > 0 ? Wall(events.Min(e => e.At)) : "—"],
                    [text["Ended"], events.Count > 0 ? Wall(events.Max(e => e.At)) : "—"],
                    [text["ExerciseTime"], Time(report.Metrics.LoggedUntil)],
                    [text["Teams"], string.Join(", ", scenario.Teams.Select(t => Pick(t.Name)))],
                    [text["Evaluators"], string.Join(", ", scenario.Evaluators.Select(e => Pick(e.Name)))],
                    [text["Injects"], report.Metrics.Deliveries.Select(d => d.InjectNumber).Distinct().Count().ToString(CultureInfo.InvariantCulture)],
                    [text["DeliveriesAcknowledged"], string.Format(text.Culture, text["AcknowledgedOf"], deliveries.Count(d => d.ToAcknowledged is not null), deliveries.Count)],
                    [text["Responses"], report.Logs.Responses.Sum(r => r.Responses.Count).ToString(CultureInfo.InvariantCulture)],
                    [text["Observations"], report.Logs.Observations.Count.ToString(CultureInfo.InvariantCulture)],
                ],
                header: false));

            body.Append(Heading(text["ObjectivesAndCapabilities"], 1));
            body.Append(Table(
                [text["Objective"], text["Capability"], text["CriticalTask"], text["Targets"]],
                scenario.Objectives.SelectMany(o => o.CriticalTasks.Select(t => new[]
                {
                    Pick(o.Title), CapabilityName(t.Capability), Pick(t.Title), string.Join("; ", t.Targets.Select(Pick)),
                })).ToList()));

            body.Append(Heading(text["Analysis"], 1));
            foreach (var objective in scenario.Objectives)
            {
                foreach (var capability in objective.Capabilities)
                {
                    body.Append(Heading($"{Pick(objective.Title)}: {CapabilityName(capability)}", 2));
                    var ratings = report.Metrics.Ratings.Where(r => r.ObjectiveId == objective.Id && (r.Capability == capability || (r.Capability is null && objective.Capabilities.Count == 1))).ToList();
                    var review = report.Consolidation.Capabilities.FirstOrDefault(c => c.ObjectiveId == objective.Id && c.Capability == capability);
                    var final = review?.FinalRating;
                    body.Append(Paragraph($"{text["FinalRating"]}: {(final is { } f ? text["Rating" + f] : "—")}"));
                    body.Append(Paragraph($"{text["ObservedRating"]}: {(MetricsCalculator.Typical(ratings.Select(r => r.Rating)) is { } typical ? text["Rating" + typical] : "—")}"));
                    body.Append(Heading(text["Strengths"], 3));
                    Findings(body, review?.Strengths ?? [], text);
                    body.Append(Heading(text["AreasForImprovement"], 3));
                    Findings(body, review?.AreasForImprovement ?? [], text);
                    if (ratings.Count > 0)
                    {
                        body.Append(Table(
                            ["#", text["Time"], text["CriticalTask"], text["Team"], text["Rating"], text["Evaluator"], text["Note"]],
                            ratings.Select(r => new[] { r.Sequence.ToString(CultureInfo.InvariantCulture), Time(r.ScenarioTime), r.CriticalTaskId ?? "—", r.TeamId ?? "—", r.Rating.ToString(), r.Evaluator, r.Note ?? string.Empty }).ToList()));
                    }
                }
            }

            body.Append(Heading(text["Charts"], 1));
            Image(main, body, AarCharts.ResponseTimes(report.Metrics, text), 1, text["ChartResponseTime"]);
            Image(main, body, AarCharts.RatingsHeatmap(scenario, report.Metrics, text), 2, text["ChartRatings"]);
            Image(main, body, AarCharts.AcknowledgementCurve(report.Metrics, text), 3, text["ChartAcknowledgement"]);

            body.Append(Heading(text["Delivery"], 1));
            body.Append(Table(
                [text["Inject"], text["Recipient"], text["Delivered"], text["Seen"], text["Acknowledged"], text["Responded"], text["Deadline"], text["DeadlineMet"]],
                report.Metrics.Deliveries.Select(d => new[]
                {
                    d.InjectNumber, d.RecipientId, Step(d.ToDelivered, "NotDelivered"), Step(d.ToSeen, "NotSeen"), Step(d.ToAcknowledged, "NotAcknowledged"), Step(d.ToResponded, "NotResponded"), Time(d.Deadline),
                    d.DeadlineMet switch { true => text["Yes"], false => text["No"], null => "—" },
                }).ToList()));
            body.Append(Heading(text["Contingencies"], 2));
            body.Append(Table([text["Inject"], text["FiredAt"], text["StoodDown"]],
                report.Metrics.Contingencies.Select(c => new[] { c.InjectNumber, Time(c.FiredAt), c.StoodDown ? text["Yes"] : text["No"] }).ToList()));
            body.Append(Heading(text["Disclosures"], 2));
            body.Append(Table([text["Time"], text["Inject"], text["Gate"], text["Team"], text["AfterCueCard"]],
                report.Metrics.Disclosures.Select(d => new[] { Time(d.ScenarioTime), d.InjectNumber, d.GateId, d.TeamId, Time(d.AfterCueCard) }).ToList()));

            body.Append(Heading(text["ImprovementPlan"], 1));
            body.Append(Table(
                [text["Capability"], text["Issue"], text["CorrectiveAction"], text["ResponsibleAgency"], text["StartDate"], text["EndDate"]],
                report.Consolidation.ImprovementPlan.Select(i => new[]
                {
                    CapabilityName(i.Capability), i.Issue, i.CorrectiveAction, i.ResponsibleAgency,
                    i.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }).ToList()));

            if (report.Hotwash is { } hotwash)
            {
                body.Append(Heading(text["Hotwash"], 1));
                body.Append(Paragraph(string.Format(text.Culture, text["HotwashRespondents"], hotwash.Respondents)));
                if (hotwash.Form.Anonymous)
                {
                    body.Append(Paragraph(text["HotwashAnonymous"]));
                }

                foreach (var question in hotwash.Form.Questions)
                {
                    body.Append(Heading(Pick(question.Label), 2));
                    var answers = hotwash.Answers.Where(a => a.QuestionId == question.Id).ToList();
                    if (question.Kind == ResponseFieldKind.Choice)
                    {
                        body.Append(Table([text["Answer"], text["Count"]], question.Choices
                            .Select(c => new[] { Pick(c.Label), answers.Count(a => a.Answer == c.Id).ToString(CultureInfo.InvariantCulture) }).ToList()));
                    }
                    else if (answers.Count == 0)
                    {
                        body.Append(Paragraph(text["NoneRecorded"]));
                    }
                    else
                    {
                        foreach (var answer in answers)
                        {
                            var who = hotwash.Form.Anonymous ? string.Empty : $" ({string.Join(", ", new[] { answer.TeamId, answer.DeviceName }.Where(s => !string.IsNullOrEmpty(s)))})";
                            body.Append(Paragraph($"• {answer.Answer}{who}"));
                        }
                    }
                }
            }

            body.Append(Heading(text["AppendixTimeline"], 1));
            body.Append(Table(
                [text["Time"], text["WallTime"], text["Event"], text["Inject"], text["Detail"]],
                report.Logs.Events.OrderBy(e => e.Sequence).Select(e => new[] { Time(e.ScenarioTime), Wall(e.At), e.Kind, e.InjectNumber ?? string.Empty, e.Detail ?? string.Empty }).ToList()));
            body.Append(new SectionProperties(new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134 }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static string Wall(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Findings(Body body, IReadOnlyList<Finding> findings, AarText text)
    {
        if (findings.Count == 0)
        {
            body.Append(Paragraph(text["NoneRecorded"]));
        }

        foreach (var finding in findings)
        {
            var refs = finding.Observations.Count == 0 ? string.Empty : $" ({text["SeeObservations"]} {string.Join(", ", finding.Observations.Select(o => $"#{o}"))})";
            body.Append(Paragraph($"• {finding.Text}{refs}"));
        }
    }

    private static Paragraph Heading(string content, int level) => Paragraph(content, $"Heading{level}");

    private static Paragraph Paragraph(string content, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new Text(content) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return paragraph;
    }

    private static Table Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, bool header = true)
    {
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 },
        };
        var table = new Table(new TableProperties(new TableBorders(border()), new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        if (header)
        {
            table.Append(Row(headers, bold: true));
        }

        foreach (var row in rows)
        {
            table.Append(Row(row, bold: false));
        }

        if (rows.Count == 0 && !header)
        {
            table.Append(Row(headers, bold: false));
        }

        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold)
    {
        var row = new TableRow();
        if (bold)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var run = new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve });
            if (bold)
            {
                run.PrependChild(new RunProperties(new Bold()));
            }

            row.Append(new TableCell(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }), run)));
        }

        return row;
    }

    private static void Image(MainDocumentPart main, Body body, byte[] png, uint id, string name)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var s = new MemoryStream(png))
        {
            part.FeedData(s);
        }

        // 15.9 cm wide at the chart's aspect ratio, in EMU.
        const long Cx = 5_724_000L;
        const long Cy = Cx * AarCharts.Height / AarCharts.Width;
        var relationship = main.GetIdOfPart(part);
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = Cx, Cy = Cy },
            new DW.DocProperties { Id = id, Name = name },
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = $"chart{id}.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = Cx, Cy = Cy }), new A.PresetGeometry { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 });
        body.Append(new Paragraph(new Run(drawing)));
        body.Append(Paragraph(name, "Caption"));
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        Style Make(string id, string name, int halfPoints, bool bold, string? color = null, int? outline = null)
        {
            var run = new StyleRunProperties(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
            if (bold)
            {
                run.Append(new Bold());
            }

            if (color is not null)
            {
                run.Append(new Color { Val = color });
            }

            var paragraph = new StyleParagraphProperties(new SpacingBetweenLines { Before = "240", After = "120" });
            if (outline is { } level)
            {
                paragraph.Append(new OutlineLevel { Val = level });
                paragraph.Append(new KeepNext());
            }

            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new PrimaryStyle(), paragraph, run)
            { Type = StyleValues.Paragraph, StyleId = id };
        }

        styles.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = "Liberation Sans", HighAnsi = "Liberation Sans", ComplexScript = "Liberation Sans" }, new FontSize { Val = "20" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Make("Title", "Title", 44, bold: true, "1F3864"),
            Make("Subtitle", "Subtitle", 28, bold: false, "404040"),
            Make("Heading1", "heading 1", 32, bold: true, "1F3864", 0),
            Make("Heading2", "heading 2", 26, bold: true, "2E74B5", 1),
            Make("Heading3", "heading 3", 22, bold: true, "404040", 2),
            Make("Caption", "caption", 18, bold: false, "595959"));
        styles.Styles.Save();
    }
}
