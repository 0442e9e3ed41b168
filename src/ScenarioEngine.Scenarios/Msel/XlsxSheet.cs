using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>The first worksheet of an .xlsx workbook, read and written with the Open XML SDK.</summary>
public static class XlsxSheet
{
    public static Sheet Read(string fileName, byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var first = workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().FirstOrDefault()
            ?? throw new InvalidDataException("The workbook has no sheets.");
        var worksheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];

        var rows = new List<SheetRow>();
        foreach (var row in worksheet.Worksheet.Descendants<Row>())
        {
            var cells = new List<SheetCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? Msel.Sheet.ColumnIndex(reference) : cells.Count;
                while (cells.Count < column)
                {
                    cells.Add(SheetCell.Empty);
                }

                cells.Add(ValueOf(cell, strings));
            }

            rows.Add(new SheetRow((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells));
        }

        return new Msel.Sheet(fileName, rows);
    }

    public static byte[] Write(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                {
                    // Inline strings keep every cell text as written: a time "0:30:00" stays text, not a number.
                    row.Append(new Cell
                    {
                        CellReference = $"{Msel.Sheet.ColumnName(c)}{r + 1}",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(rows[r][c]) { Space = SpaceProcessingModeValues.Preserve }),
                    });
                }

                data.Append(row);
            }

            worksheet.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0 }), data);
            workbook.Workbook.AppendChild(new Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "MSEL" }));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static SheetCell ValueOf(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return new SheetCell(int.TryParse(raw, out var index) && index < strings.Count ? strings[index] : string.Empty);
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return new SheetCell(cell.InlineString?.InnerText ?? string.Empty);
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return new SheetCell(raw == "1" ? "yes" : "no");
        }

        return cell.DataType is null || cell.DataType.Value == CellValues.Number
            ? double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? new SheetCell(Msel.Sheet.FormatNumber(number), number)
                : new SheetCell(raw)
            : new SheetCell(raw);
    }
}
