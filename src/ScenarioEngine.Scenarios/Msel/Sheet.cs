using System.Globalization;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>One cell as read: its text, and its number when a spreadsheet stored one (Excel keeps times as fractions of a day).</summary>
public readonly record struct SheetCell(string Text, double? Number = null)
{
    public static readonly SheetCell Empty = new(string.Empty);

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A spreadsheet row, numbered as the designer's program numbers it (the header is row 1).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell this[int column] => column < Cells.Count ? Cells[column] : SheetCell.Empty;
}

/// <summary>A sheet as rows of cells, whatever file it came from. The first row is the header.</summary>
public sealed record Sheet(string File, IReadOnlyList<SheetRow> Rows)
{
    /// <summary>"A", "B" … "Z", "AA": how spreadsheets name column <paramref name="index"/> (from 0).</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The column of a reference like "B7" (from 0); a reference past int range saturates rather than wrapping round to a small column.</summary>
    public static int ColumnIndex(string reference)
    {
        long index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = Math.Min((index * 26) + (char.ToUpperInvariant(c) - 'A' + 1), int.MaxValue);
        }

        return (int)index - 1;
    }

    public static string FormatNumber(double value) => value.ToString("G15", CultureInfo.InvariantCulture);
}

public enum SheetFormat
{
    Csv,
    Xlsx,
}

/// <summary>Reads and writes sheets as CSV or XLSX, chosen by file name or by the bytes themselves.</summary>
public static class SheetFiles
{
    public static SheetFormat? FormatOf(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".xlsx" or ".xlsm")
        {
            return SheetFormat.Xlsx;
        }

        if (extension is ".csv" or ".tsv" or ".txt")
        {
            return SheetFormat.Csv;
        }

        // A zip (XLSX) starts with "PK"; anything else that decodes as text is taken for CSV.
        return content.StartsWith("PK"u8) ? SheetFormat.Xlsx : extension.Length == 0 ? SheetFormat.Csv : null;
    }

    public static Sheet Read(string fileName, byte[] content, SheetFormat format, SheetLimits? limits = null) =>
        format == SheetFormat.Xlsx ? XlsxSheet.Read(fileName, content, limits) : CsvSheet.Read(fileName, content, limits);

    public static byte[] Write(IReadOnlyList<IReadOnlyList<string>> rows, SheetFormat format) =>
        format == SheetFormat.Xlsx ? XlsxSheet.Write(rows) : CsvSheet.Write(rows);
}
