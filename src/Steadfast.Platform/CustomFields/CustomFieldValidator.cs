using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.CustomFields;

/// <summary>Checks submitted custom-field values against the definitions and normalises them.</summary>
public sealed class CustomFieldValidator(IStringLocalizer<Strings> t)
{
    public const int MaxTextLength = 2000;

    /// <summary>
    /// Returns the values to store. Keys not submitted keep their <paramref name="existing"/> value,
    /// a JSON null clears a value. Errors are keyed <c>customFields.{key}</c>.
    /// </summary>
    public CustomFieldValues Validate(
        IReadOnlyList<CustomFieldDefinition> definitions,
        IReadOnlyDictionary<string, JsonElement>? submitted,
        CustomFieldValues? existing,
        ValidationErrors errors,
        ISet<Guid>? knownUserIds = null
    )
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (existing is not null)
            foreach (var (k, v) in existing.Values)
                result[k] = v;

        var byKey = definitions.Where(d => d.IsActive).ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (var (key, value) in submitted ?? new Dictionary<string, JsonElement>())
        {
            var field = $"customFields.{key}";
            if (!byKey.TryGetValue(key, out var def))
            {
                errors.Add(field, t["CustomFields.Error.Unknown", key]);
                continue;
            }
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                result.Remove(key);
                continue;
            }
            var normalised = Normalise(def, value, knownUserIds, out var error);
            if (error is not null)
                errors.Add(field, error);
            else
                result[key] = normalised;
        }

        foreach (var def in byKey.Values.Where(d => d.Required && !result.ContainsKey(d.Key)))
            errors.Add(
                $"customFields.{def.Key}",
                t["CustomFields.Error.Required", def.Label(CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal))]
            );

        return new CustomFieldValues(result);
    }

    private JsonElement Normalise(CustomFieldDefinition def, JsonElement value, ISet<Guid>? knownUserIds, out string? error)
    {
        error = null;
        switch (def.Type)
        {
            case CustomFieldType.Text when value.ValueKind == JsonValueKind.String:
                var s = value.GetString()!.Trim();
                if (s.Length > MaxTextLength)
                {
                    error = t["CustomFields.Error.TooLong", MaxTextLength];
                    return default;
                }
                return JsonSerializer.SerializeToElement(s);
            case CustomFieldType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d):
                return JsonSerializer.SerializeToElement(d);
            case CustomFieldType.Date
                when value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(
                        value.GetString(),
                        "yyyy-MM-dd",
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.None,
                        out var date
                    ):
                return JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case CustomFieldType.Choice when value.ValueKind == JsonValueKind.String:
                var choice = value.GetString()!;
                if (!def.Options.Contains(choice, StringComparer.Ordinal))
                {
                    error = t["CustomFields.Error.NotAnOption", string.Join(", ", def.Options)];
                    return default;
                }
                return value;
            case CustomFieldType.MultiChoice when value.ValueKind == JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || !def.Options.Contains(item.GetString()!, StringComparer.Ordinal))
                    {
                        error = t["CustomFields.Error.NotAnOption", string.Join(", ", def.Options)];
                        return default;
                    }
                    if (!items.Contains(item.GetString()!, StringComparer.Ordinal))
                        items.Add(item.GetString()!);
                }
                return JsonSerializer.SerializeToElement(items);
            case CustomFieldType.YesNo when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return value;
            case CustomFieldType.User when value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var userId):
                if (knownUserIds is not null && !knownUserIds.Contains(userId))
                {
                    error = t["CustomFields.Error.UnknownUser"];
                    return default;
                }
                return JsonSerializer.SerializeToElement(userId);
            default:
                error = t["CustomFields.Error.WrongType", t[$"CustomFields.Type.{def.Type}"].Value];
                return default;
        }
    }

    /// <summary>The rows that make a record's values filterable and sortable.</summary>
    public static IEnumerable<CustomFieldIndexEntry> IndexRows(string recordType, Guid recordId, CustomFieldValues values)
    {
        foreach (var (key, v) in values.Values)
        {
            CustomFieldIndexEntry Row() =>
                new()
                {
                    Id = Guid.CreateVersion7(),
                    RecordType = recordType,
                    RecordId = recordId,
                    FieldKey = key,
                };
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    var s = v.GetString()!;
                    var row = Row();
                    row.Text = s.Length > 200 ? s[..200] : s;
                    if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        row.Date = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    yield return row;
                    break;
                case JsonValueKind.Number:
                    var n = Row();
                    n.Number = v.GetDouble();
                    n.Text = v.GetRawText();
                    yield return n;
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    var b = Row();
                    b.Number = v.GetBoolean() ? 1 : 0;
                    b.Text = v.GetBoolean() ? "true" : "false";
                    yield return b;
                    break;
                case JsonValueKind.Array:
                    foreach (var item in v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String))
                    {
                        var r = Row();
                        r.Text = item.GetString();
                        yield return r;
                    }
                    break;
            }
        }
    }
}
