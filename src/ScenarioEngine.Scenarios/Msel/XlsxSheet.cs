using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// The first worksheet of an .xlsx workbook. Written with the Open XML SDK; read as a stream of XML
/// (the SDK finds the parts, an <see cref="XmlReader"/> walks them) under <see cref="SheetLimits"/>,
/// so a crafted file is refused before it is unpacked, padded or buffered beyond those limits.
/// </summary>
public static class XlsxSheet
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = true,
    };

    public static Sheet Read(string fileName, byte[] content, SheetLimits? limits = null)
    {
        limits ??= SheetLimits.Default;
        CheckUnpackedSize(content, limits);

        using var document = SpreadsheetDocument.Open(new MemoryStream(content), isEditable: false, new OpenSettings { MaxCharactersInPart = limits.MaxUnpackedBytes });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var firstSheetId = FirstSheetId(workbook) ?? throw new InvalidDataException("The workbook has no sheets.");
        var worksheet = workbook.GetPartById(firstSheetId) as WorksheetPart ?? throw new InvalidDataException("The first sheet is not a worksheet.");
        var budget = new SheetBudget(limits);
        var strings = workbook.SharedStringTablePart is { } table ? SharedStrings(table, budget) : [];
        return new Msel.Sheet(fileName, Rows(worksheet, strings, budget));
    }

    /// <summary>
    /// Unpacks every entry into nothing, counting, before the SDK opens any part: a zip's declared
    /// sizes can lie, and the package reader parses some parts (relationships, content types) on its own.
    /// </summary>
    private static void CheckUnpackedSize(byte[] content, SheetLimits limits)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var buffer = new byte[81920];
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (total + entry.Length > limits.MaxUnpackedBytes)
            {
                throw TooLarge(limits);
            }

            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > limits.MaxUnpackedBytes)
                {
                    throw TooLarge(limits);
                }
            }
        }
    }

    private static SheetLimitException TooLarge(SheetLimits limits) =>
        new(Msg.SheetTooLarge, limits.MaxUnpackedBytes / (1024 * 1024));

    private static string? FirstSheetId(WorkbookPart workbook)
    {
        using var xml = XmlReader.Create(workbook.GetStream(FileMode.Open, FileAccess.Read), XmlSettings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
            {
                return xml.GetAttribute("id", RelationshipsNamespace);
            }
        }

        return null;
    }

    private static List<string> SharedStrings(SharedStringTablePart table, SheetBudget budget)
    {
        var strings = new List<string>();
        using var xml = XmlReader.Create(table.GetStream(FileMode.Open, FileAccess.Read), XmlSettings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                strings.Add(RichText(xml, budget, $"shared string {strings.Count}"));
            }
        }

        return strings;
    }

    private static List<SheetRow> Rows(WorksheetPart worksheet, List<string> strings, SheetBudget budget)
    {
        var rows = new List<SheetRow>();
        var rowNumber = 0;
        List<SheetCell>? cells = null;
        using var xml = XmlReader.Create(worksheet.GetStream(FileMode.Open, FileAccess.Read), XmlSettings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
            {
                AddRow();
                rowNumber = Number(xml.GetAttribute("r")) ?? rowNumber + 1;
                cells = [];
                if (xml.IsEmptyElement)
                {
                    AddRow();
                }
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c" && cells is not null)
            {
                var reference = xml.GetAttribute("r");
                var column = reference is null ? cells.Count : Msel.Sheet.ColumnIndex(reference);
                var where = reference ?? $"{Msel.Sheet.ColumnName(column)}{rowNumber}";
                if (Cell(xml, strings, budget, where) is not { } cell)
                {
                    continue;
                }

                // Checked before padding: a reference like AAAAAAA1 would otherwise pad hundreds of millions of blanks.
                budget.Cell(rowNumber, column, where);
                while (cells.Count < column)
                {
                    cells.Add(SheetCell.Empty);
                }

                if (column < cells.Count)
                {
                    cells[column] = cell;
                }
                else
                {
                    cells.Add(cell);
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row")
            {
                AddRow();
            }
        }

        AddRow();
        return rows;

        // Rows without a filled cell are left out: nothing reads them, and a million empty rows would cost memory.
        void AddRow()
        {
            if (cells is { Count: > 0 })
            {
                rows.Add(new SheetRow(rowNumber, cells));
            }

            cells = null;
        }
    }

    /// <summary>The cell the reader stands on, or null when it holds nothing (only a style, say).</summary>
    private static SheetCell? Cell(XmlReader xml, List<string> strings, SheetBudget budget, string where)
    {
        var type = xml.GetAttribute("t");
        if (xml.IsEmptyElement)
        {
            return null;
        }

        string? raw = null;
        string? inline = null;
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "v":
                    raw = Text(xml, budget, where, budget.Scratch.Clear());
                    break;
                case "is":
                    inline = RichText(xml, budget, where);
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }

        return type switch
        {
            "s" => raw is null ? null : new SheetCell(int.TryParse(raw, out var index) && index >= 0 && index < strings.Count ? strings[index] : string.Empty),
            "inlineStr" => inline is null ? null : new SheetCell(inline),
            "b" => raw is null ? null : new SheetCell(raw == "1" ? "yes" : "no"),
            null or "n" => raw is null ? null
                : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new SheetCell(Msel.Sheet.FormatNumber(number), number)
                    : new SheetCell(raw),
            _ => raw is null ? null : new SheetCell(raw),
        };
    }

    /// <summary>The text runs of a shared string or an inline string; phonetic hints (rPh) are not the cell's text.</summary>
    private static string RichText(XmlReader xml, SheetBudget budget, string where)
    {
        var text = new StringBuilder();
        if (xml.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh")
            {
                xml.Skip();
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                Text(xml, budget, where, text);
            }
        }

        return text.ToString();
    }

    /// <summary>An element's text, read in chunks so one huge text node is refused at the cell limit, not buffered whole.</summary>
    private static string Text(XmlReader xml, SheetBudget budget, string where, StringBuilder text)
    {
        if (xml.IsEmptyElement)
        {
            return text.ToString();
        }

        var buffer = budget.Chunk;
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                {
                    text.Append(buffer, 0, read);
                    budget.Text(text.Length, where);
                }
            }
        }

        return text.ToString();
    }

    private static int? Number(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? (int)Math.Min(number, int.MaxValue) : null;

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
}
