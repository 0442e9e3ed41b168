using System.Globalization;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// How much a sheet may hold before it is refused. A designer's MSEL has hundreds of rows and a
/// few dozen columns; files from outside may be crafted so that a cell at column AAAAAAA or a zip
/// of hundreds of MB of XML would make a naive reader pad or buffer gigabytes (issue 12 §6).
/// </summary>
public sealed record SheetLimits
{
    public static SheetLimits Default { get; } = new();

    /// <summary>A week-long drill's MSEL has a few thousand injects at most; rows are numbered as the sheet numbers them.</summary>
    public int MaxRows { get; init; } = 20_000;

    public int MaxColumns { get; init; } = 256;

    /// <summary>Filled cells in the sheet (blank cells cost nothing and are not counted).</summary>
    public int MaxCells { get; init; } = 250_000;

    /// <summary>Excel's own limit on the text of one cell.</summary>
    public int MaxCellChars { get; init; } = 32_767;

    /// <summary>Every entry of an XLSX unpacked, together; the compressed size says nothing about it.</summary>
    public long MaxUnpackedBytes { get; init; } = 48L * 1024 * 1024;
}

/// <summary>A sheet refused for its size: <see cref="Code"/> is a key of the validation messages, shown in the reader's language.</summary>
public sealed class SheetLimitException(string code, params object[] args)
    : Exception(ScenarioText.Format(CultureInfo.InvariantCulture, code, args))
{
    public string Code { get; } = code;

    public IReadOnlyList<object> Args { get; } = args;

    public string MessageIn(CultureInfo? culture) => ScenarioText.Format(culture, Code, [.. Args]);
}

/// <summary>Counts what a reader takes from a sheet and throws as soon as a limit is passed, before anything is padded or buffered.</summary>
internal sealed class SheetBudget(SheetLimits limits)
{
    private int _cells;

    public SheetLimits Limits { get; } = limits;

    /// <summary>Buffers a reader reuses for every cell, so reading costs what the cells hold and no more.</summary>
    public char[] Chunk { get; } = new char[4096];

    public System.Text.StringBuilder Scratch { get; } = new();

    /// <summary>Checks a filled cell's place (row from 1, column from 0) before the reader pads up to it.</summary>
    public void Cell(int row, int column, string reference)
    {
        if (column >= Limits.MaxColumns)
        {
            throw new SheetLimitException(Msg.SheetTooManyColumns, reference, Sheet.ColumnName(Limits.MaxColumns - 1), Limits.MaxColumns);
        }

        if (row > Limits.MaxRows)
        {
            throw new SheetLimitException(Msg.SheetTooManyRows, reference, Limits.MaxRows);
        }

        if (++_cells > Limits.MaxCells)
        {
            throw new SheetLimitException(Msg.SheetTooManyCells, Limits.MaxCells);
        }
    }

    public void Text(int length, string reference)
    {
        if (length > Limits.MaxCellChars)
        {
            throw new SheetLimitException(Msg.SheetCellTooLong, reference, Limits.MaxCellChars);
        }
    }
}
