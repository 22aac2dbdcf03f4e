using Microsoft.AspNetCore.Http;
using MiniExcelLibs;

namespace Steadfast.Platform.ImportExport;

/// <summary>One column of an export: its header in the reader's language and how to read a row.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes rows into an .xlsx response. Rows stream from the database into the workbook one by one;
    /// only the compressed file is held in memory, since the zip is finished before it is sent.
    /// </summary>
    public static IResult File<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string fileName) =>
        Results.Stream(
            async stream =>
            {
                IDictionary<string, object?> Line(T row)
                {
                    var line = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var c in columns)
                        line[c.Header] = c.Value(row);
                    return line;
                }
                await using var memory = new MemoryStream();
                // MiniExcel reads a synchronous sequence; a worker thread keeps the request thread free meanwhile.
                await Task.Run(() =>
                {
                    var lines = rows.ToBlockingEnumerable().Select(Line);
                    using var e = lines.GetEnumerator();
                    var first = e.MoveNext() ? e.Current : columns.ToDictionary(c => c.Header, _ => (object?)null, StringComparer.Ordinal);
                    memory.SaveAs(Prepend(first, e));
                });
                memory.Position = 0;
                await memory.CopyToAsync(stream);
            },
            ContentType,
            fileName
        );

    private static IEnumerable<IDictionary<string, object?>> Prepend(
        IDictionary<string, object?> first,
        IEnumerator<IDictionary<string, object?>> rest
    )
    {
        yield return first;
        while (rest.MoveNext())
            yield return rest.Current;
    }
}
