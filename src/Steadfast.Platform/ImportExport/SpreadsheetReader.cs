using System.IO.Compression;
using System.Text;
using MiniExcelLibs;

namespace Steadfast.Platform.ImportExport;

/// <summary>Opens .xlsx and .csv files defensively: real Excel only, no zip bombs, GBK CSVs decoded.</summary>
public static class SpreadsheetReader
{
    public const long MaxUncompressedBytes = 512L * 1024 * 1024;
    public const int MaxRows = 200_000;

    public enum Kind
    {
        Xlsx,
        Csv,
    }

    /// <summary>Checks the bytes, not the name: an .xlsx is a zip with a workbook, a CSV is text.</summary>
    public static Kind Detect(Stream file, out string? problem)
    {
        problem = null;
        Span<byte> head = stackalloc byte[4];
        file.Position = 0;
        var n = file.Read(head);
        file.Position = 0;
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            try
            {
                using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
                if (zip.GetEntry("xl/workbook.xml") is null)
                    problem = "NotExcel";
                else if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
                    problem = "TooLarge";
            }
            catch (InvalidDataException)
            {
                problem = "NotExcel";
            }
            file.Position = 0;
            return Kind.Xlsx;
        }
        var sample = new byte[Math.Min(4096, file.Length)];
        file.ReadExactly(sample);
        file.Position = 0;
        if (sample.Any(b => b == 0))
            problem = "NotExcel";
        return Kind.Csv;
    }

    /// <summary>Rows as header → cell, streamed. CSV that is not UTF-8 is read as GB18030, as Chinese Excel saves it.</summary>
    public static IEnumerable<IDictionary<string, object?>> Rows(Stream file, Kind kind)
    {
        file.Position = 0;
        var source = kind == Kind.Csv ? Utf8(file) : file;
        using var rows = source.Query(useHeaderRow: true, excelType: kind == Kind.Csv ? ExcelType.CSV : ExcelType.XLSX).GetEnumerator();
        while (true)
        {
            IDictionary<string, object?> row;
            // Whatever the parser trips on inside an uploaded file (a sheet cut short by a zip whose headers lie
            // about its size, broken XML, a missing part) is a fault of the file, reported as such, not a crash.
            try
            {
                if (!rows.MoveNext())
                    yield break;
                row = (IDictionary<string, object?>)rows.Current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                throw new UnreadableSpreadsheetException(ex);
            }
            yield return row;
        }
    }

    private static MemoryStream Utf8(Stream file)
    {
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        var bytes = copy.ToArray();
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return new MemoryStream(Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF')));
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return new MemoryStream(Encoding.UTF8.GetBytes(Encoding.GetEncoding("GB18030").GetString(bytes)));
        }
    }
}

/// <summary>The file passed the first checks but could not be read to the end.</summary>
public sealed class UnreadableSpreadsheetException(Exception inner)
    : Exception("The spreadsheet could not be read: " + inner.Message, inner);
