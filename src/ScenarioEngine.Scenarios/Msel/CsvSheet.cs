using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// CSV as spreadsheets save it: UTF-8 (with or without BOM), separated by comma, semicolon
/// (Excel in Russian and most European locales) or tab, detected from the file.
/// </summary>
public static class CsvSheet
{
    public static Sheet Read(string fileName, byte[] content, SheetLimits? limits = null)
    {
        var budget = new SheetBudget(limits ?? SheetLimits.Default);
        using var reader = new StreamReader(new MemoryStream(content), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Delimiter = DetectDelimiter(content),
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,

            // A field is refused at the cell limit while it is read, not after the whole file was buffered into it.
            MaxFieldSize = budget.Limits.MaxCellChars + 1,
        };
        using var parser = new CsvParser(reader, config);
        var rows = new List<SheetRow>();
        while (ReadRow(parser, budget))
        {
            var record = parser.Record ?? [];
            var filled = 0;
            for (var column = 0; column < record.Length; column++)
            {
                if (record[column].Length > 0)
                {
                    var where = $"{Sheet.ColumnName(Math.Min(column, budget.Limits.MaxColumns))}{parser.Row}";
                    budget.Cell(parser.Row, column, where);
                    budget.Text(record[column].Length, where);
                    filled = column + 1;
                }
            }

            // Trailing empty fields (";;;;" to the sheet's formatted width) are dropped, so a line of commas costs nothing.
            rows.Add(new SheetRow(parser.Row, record.Take(filled).Select(text => new SheetCell(text)).ToList()));
        }

        return new Sheet(fileName, rows);
    }

    private static bool ReadRow(CsvParser parser, SheetBudget budget)
    {
        try
        {
            return parser.Read();
        }
        catch (MaxFieldSizeException)
        {
            throw new SheetLimitException(Msg.SheetCellTooLong, $"row {parser.Row}", budget.Limits.MaxCellChars);
        }
    }

    /// <summary>UTF-8 with a BOM and commas, so Excel opens Cyrillic text correctly by double-click.</summary>
    public static byte[] Write(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            // CsvHelper quotes only the configured "\r\n"; a lone "\n" inside a message would split the row on reading.
            ShouldQuote = args => args.Field is { Length: > 0 } f && (f.AsSpan().IndexOfAny("\",;\t\r\n") >= 0 || f[0] == ' ' || f[^1] == ' '),
        }))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The separator that occurs most often outside quotes in the first line (the header).</summary>
    public static string DetectDelimiter(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 64 * 1024));
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && counts.ContainsKey(c))
            {
                counts[c]++;
            }
        }

        return counts.MaxBy(kv => kv.Value).Key is var best && counts[best] > 0 ? best.ToString() : ",";
    }
}
