using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>
/// Files from outside that cost far more than their size are refused quickly, with a clear
/// message in the reader's language, before the reader pads, unpacks or buffers them (issue 12 §6).
/// The bounds are loose enough for a busy machine and far below what the files would cost unread.
/// </summary>
public sealed class HostileFileTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);
    private const long FewMegabytes = 64L * 1024 * 1024;
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru");

    [Fact]
    public void Xlsx_cell_at_column_AAAAAAA_is_refused_without_padding_the_columns_before_it()
    {
        var file = HostileFiles.XlsxCellAt("AAAAAAA1");

        var (error, elapsed, allocated) = Measure(() => XlsxSheet.Read("far.xlsx", file));

        Assert.Equal(Msg.SheetTooManyColumns, error.Code);
        Assert.Contains("AAAAAAA1", error.Message, StringComparison.Ordinal);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Xlsx_cell_a_million_rows_down_is_refused()
    {
        var file = HostileFiles.XlsxCellAt("A1000000");

        var (error, elapsed, allocated) = Measure(() => XlsxSheet.Read("far.xlsx", file));

        Assert.Equal(Msg.SheetTooManyRows, error.Code);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_parsed()
    {
        var file = HostileFiles.XlsxBomb(300L * 1024 * 1024);
        Assert.True(file.Length < 2 * 1024 * 1024, $"the bomb should be small on disk, was {file.Length} bytes");

        var (error, elapsed, allocated) = Measure(() => XlsxSheet.Read("bomb.xlsx", file));

        Assert.Equal(Msg.SheetTooLarge, error.Code);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Xlsx_cell_longer_than_excel_allows_is_refused_while_it_is_read()
    {
        var file = HostileFiles.XlsxLongCell(10 * 1024 * 1024);

        var (error, elapsed, allocated) = Measure(() => XlsxSheet.Read("long.xlsx", file));

        Assert.Equal(Msg.SheetCellTooLong, error.Code);
        AssertCheap(elapsed, allocated);
    }

    [Fact]
    public void Xlsx_with_more_filled_cells_than_any_msel_is_refused()
    {
        // A lower cap than the default keeps the test quick on a busy machine; the counting is the same.
        var limits = SheetLimits.Default with { MaxCells = 5_000 };
        var file = HostileFiles.XlsxManyCells(limits.MaxCells + 10);

        var (error, elapsed, _) = Measure(() => XlsxSheet.Read("many.xlsx", file, limits));

        Assert.Equal(Msg.SheetTooManyCells, error.Code);
        Assert.True(elapsed < Quickly, $"took {elapsed}");
    }

    [Fact]
    public void Csv_field_beyond_the_column_limit_is_refused_but_a_line_of_empty_fields_is_not()
    {
        var wide = Encoding.UTF8.GetBytes($"number,subject\n1{new string(',', 300)}x\n");
        var commas = Encoding.UTF8.GetBytes($"number,subject{new string(',', 1_000_000)}\n1,hello\n");

        var error = Assert.Throws<SheetLimitException>(() => CsvSheet.Read("wide.csv", wide));
        var sheet = CsvSheet.Read("commas.csv", commas);

        Assert.Equal(Msg.SheetTooManyColumns, error.Code);
        Assert.Equal(2, sheet.Rows[0].Cells.Count);
    }

    [Fact]
    public void Sheet_limit_errors_read_in_russian_for_a_russian_reader()
    {
        var error = Assert.Throws<SheetLimitException>(() => XlsxSheet.Read("far.xlsx", HostileFiles.XlsxCellAt("AAAAAAA1")));

        Assert.Contains("столбц", error.MessageIn(Russian), StringComparison.Ordinal);
        Assert.Contains("column", error.MessageIn(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_with_nested_aliases_is_refused_before_anything_expands_them()
    {
        var yaml = HostileFiles.YamlBillionLaughs(levels: 9);

        var elapsed = Stopwatch.StartNew();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "laughs.yaml", Russian));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var problem = Assert.Single(error.Problems);
        Assert.Equal(Msg.YamlTooManyAliases, problem.Code);
        Assert.Contains("ссыл", problem.Message, StringComparison.OrdinalIgnoreCase);
        AssertCheap(elapsed.Elapsed, allocated);
    }

    [Fact]
    public void Yaml_with_a_few_aliases_is_not_refused_for_them()
    {
        var yaml = HostileFiles.YamlBillionLaughs(levels: 2);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "laughs.yaml"));

        Assert.DoesNotContain(error.Problems, p => p.Code == Msg.YamlTooManyAliases);
    }

    [Fact]
    public void Yaml_nested_thousands_of_levels_deep_is_refused()
    {
        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(HostileFiles.YamlDeep(100_000), "deep.yaml"));

        Assert.Equal(Msg.YamlTooDeep, Assert.Single(error.Problems).Code);
    }

    private static (SheetLimitException Error, TimeSpan Elapsed, long Allocated) Measure(Action read)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var elapsed = Stopwatch.StartNew();
        var error = Assert.Throws<SheetLimitException>(read);
        return (error, elapsed.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private static void AssertCheap(TimeSpan elapsed, long allocated)
    {
        Assert.True(elapsed < Quickly, $"took {elapsed}");
        Assert.True(allocated < FewMegabytes, $"allocated {allocated / (1024 * 1024)} MB");
    }
}
