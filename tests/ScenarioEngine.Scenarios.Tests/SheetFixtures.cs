using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>Sheets as other programs save them, written by the tests themselves: CSV bytes and real XLSX through DocumentFormat.OpenXml.</summary>
internal static class SheetFixtures
{
    /// <summary>JSON with object keys sorted: text dictionaries compare equal whatever order their languages came in.</summary>
    public static string Canonical(object value)
    {
        static System.Text.Json.Nodes.JsonNode? Sort(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value?.DeepClone())))),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(x => Sort(x?.DeepClone())).ToArray()),
            _ => node?.DeepClone(),
        };

        return Sort(System.Text.Json.Nodes.JsonNode.Parse(TestJson.Serialize(value)))!.ToJsonString();
    }

    public static byte[] Csv(char separator, string[][] rows) =>
        Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Select(r =>
            string.Join(separator, r.Select(c => c.Contains(separator) || c.Contains('"') ? $"\"{c.Replace("\"", "\"\"")}\"" : c)))))).ToArray();

    /// <summary>A workbook shaped as Excel saves one: text in the shared string table, numbers as numbers.</summary>
    public static byte[] ExcelLikeWorkbook(IReadOnlyList<object[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{Scenarios.Msel.Sheet.ColumnName(c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case double number:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number) });
                            break;
                        case string text when text.Length > 0:
                            if (!index.TryGetValue(text, out var i))
                            {
                                i = index[text] = index.Count;
                                strings.SharedStringTable.Append(new SharedStringItem(new Text(text)));
                            }

                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i) });
                            break;
                    }
                }

                data.Append(row);
            }

            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Лист1" }));
        }

        return buffer.ToArray();
    }
}
