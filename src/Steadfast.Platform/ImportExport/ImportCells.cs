using System.Globalization;
using System.Text.Json;
using Steadfast.Platform.CustomFields;

namespace Steadfast.Platform.ImportExport;

/// <summary>Turns spreadsheet cells into the typed values use cases take, noting what could not be read.</summary>
public sealed class ImportCells(ImportRow row, Func<string, string> cannotRead)
{
    public Dictionary<string, List<string>> Problems { get; } = new(StringComparer.Ordinal);

    public bool Has(string key) => row.Cells.TryGetValue(key, out var v) && CellParser.Text(v) is not null;

    public string? Text(string key) => row.Cells.TryGetValue(key, out var v) ? CellParser.Text(v) : null;

    public DateOnly? Date(string key)
    {
        if (!Has(key))
            return null;
        if (CellParser.TryDate(row.Cells[key], out var d))
            return d;
        Problem(key, cannotRead("date"));
        return null;
    }

    public double? Number(string key)
    {
        if (!Has(key))
            return null;
        if (CellParser.TryNumber(row.Cells[key], out var n))
            return (double)n;
        Problem(key, cannotRead("number"));
        return null;
    }

    /// <summary>An enum value from its name, number or any of the given labels (both languages).</summary>
    public TEnum? Choice<TEnum>(string key, Func<TEnum, IEnumerable<string>> labels)
        where TEnum : struct, Enum
    {
        var text = Text(key);
        if (text is null)
            return null;
        foreach (var value in Enum.GetValues<TEnum>())
            if (
                string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase)
                || labels(value).Any(l => string.Equals(l, text, StringComparison.OrdinalIgnoreCase))
            )
                return value;
        Problem(key, cannotRead("choice"));
        return null;
    }

    /// <summary>Custom-field cells (mapped as cf.&lt;key&gt;) as JSON the custom-field validator checks.</summary>
    public Dictionary<string, JsonElement>? CustomFields(IEnumerable<CustomFieldDefinition> definitions)
    {
        Dictionary<string, JsonElement>? result = null;
        foreach (var def in definitions)
        {
            var key = "cf." + def.Key;
            if (!Has(key))
                continue;
            var cell = row.Cells[key];
            JsonElement? value = def.Type switch
            {
                CustomFieldType.Number => CellParser.TryNumber(cell, out var n) ? JsonSerializer.SerializeToElement(n) : null,
                CustomFieldType.Date => CellParser.TryDate(cell, out var d)
                    ? JsonSerializer.SerializeToElement(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : null,
                CustomFieldType.YesNo => CellParser.TryBool(cell, out var b) ? JsonSerializer.SerializeToElement(b) : null,
                CustomFieldType.MultiChoice => JsonSerializer.SerializeToElement(Split(CellParser.Text(cell)!)),
                _ => JsonSerializer.SerializeToElement(CellParser.Text(cell)),
            };
            if (value is null)
                Problem(key, cannotRead(def.Type.ToString().ToLowerInvariant()));
            else
                (result ??= new(StringComparer.Ordinal))[def.Key] = value.Value;
        }
        return result;
    }

    public static List<string> Split(string text) =>
        [.. text.Split([',', '，', '、', ';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>
    /// The row's cell problems together with what the use case's rules say about it (run against a scratch
    /// record that is never saved), so the report lists everything wrong with the row at once.
    /// </summary>
    public async Task<Dictionary<string, string[]>> WithRuleErrorsAsync(Func<Task> rules)
    {
        var all = Problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        try
        {
            await rules();
        }
        catch (Api.AppValidationException ex)
        {
            foreach (var (k, v) in ex.Errors.ToDictionary())
                all.TryAdd(FieldOf(k), v);
        }
        return all;
    }

    private void Problem(string key, string message)
    {
        if (!Problems.TryGetValue(key, out var list))
            Problems[key] = list = [];
        list.Add(message);
    }

    /// <summary>Use case errors keyed "customFields.x" are reported under the import's "cf.x".</summary>
    public static string FieldOf(string errorKey) =>
        errorKey.StartsWith("customFields.", StringComparison.Ordinal) ? "cf." + errorKey["customFields.".Length..] : errorKey;
}
