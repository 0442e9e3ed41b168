using System.IO.Compression;
using System.Text;

namespace ScenarioEngine.Testing;

/// <summary>
/// Files crafted to cost a reader far more than their size (issue 12 §6), made in memory by the
/// test that uses them: a few KB each, whatever they unpack to. Only the BCL, so the pure scenario
/// tests can link this file without the web node.
/// </summary>
public static class HostileFiles
{
    /// <summary>A one-sheet workbook holding one inline-string cell at <paramref name="reference"/>, e.g. "AAAAAAA1".</summary>
    public static byte[] XlsxCellAt(string reference)
    {
        var row = new string(reference.SkipWhile(char.IsAsciiLetter).ToArray());
        return Xlsx(sheet => sheet.Write($"<row r=\"{row}\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>far away</t></is></c></row>"));
    }

    /// <summary>A workbook whose sheet XML unpacks to about <paramref name="unpackedBytes"/> of formatted but empty cells.</summary>
    public static byte[] XlsxBomb(long unpackedBytes)
    {
        const string Cell = "<c s=\"1\"/>";
        var chunk = new StringBuilder().Insert(0, Cell, 100_000).ToString();
        return Xlsx(sheet =>
        {
            sheet.Write("<row r=\"1\">");
            for (long written = 0; written < unpackedBytes; written += chunk.Length)
            {
                sheet.Write(chunk);
            }

            sheet.Write("</row>");
        });
    }

    /// <summary>A workbook with one cell whose text is <paramref name="chars"/> characters long.</summary>
    public static byte[] XlsxLongCell(int chars) =>
        Xlsx(sheet => sheet.Write($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{new string('x', chars)}</t></is></c></row>"));

    /// <summary>A workbook with <paramref name="count"/> filled cells, a hundred to a row, their places implied by order.</summary>
    public static byte[] XlsxManyCells(int count)
    {
        var row = new StringBuilder().Insert(0, "<c><v>1</v></c>", 100).ToString();
        return Xlsx(sheet =>
        {
            for (var r = 1; r <= (count + 99) / 100; r++)
            {
                sheet.Write($"<row r=\"{r}\">{row}</row>");
            }
        });
    }

    /// <summary>
    /// A scenario file whose title holds nested aliases: <paramref name="levels"/> levels of ten
    /// aliases each, so it would expand to 10^levels values in a few hundred bytes.
    /// </summary>
    public static string YamlBillionLaughs(int levels = 9)
    {
        var yaml = new StringBuilder("id: laughs\nlaughs:\n  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= levels; level++)
        {
            var previous = $"*l{level - 1}";
            yaml.Append($"  - &l{level} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }

        return yaml.ToString();
    }

    /// <summary>A scenario file nested <paramref name="depth"/> flow sequences deep.</summary>
    public static string YamlDeep(int depth) => $"id: deep\ntitle: {new string('[', depth)}{new string(']', depth)}\n";

    private static byte[] Xlsx(Action<TextWriter> writeSheetData)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Entry(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """);
            Entry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>
                """);
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            writeSheetData(sheet);
            sheet.Write("</sheetData></worksheet>");
        }

        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
