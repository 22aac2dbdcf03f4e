using System.Globalization;
using System.Text.Json;

namespace Steadfast.Platform.CustomFields;

/// <summary>How a stored custom-field value reads in a list or an export.</summary>
public static class CustomFieldDisplay
{
    public static string Format(
        CustomFieldValues values,
        CustomFieldDefinition def,
        Func<bool, string> yesNo,
        IReadOnlyDictionary<Guid, string>? userNames = null
    )
    {
        if (!values.TryGet(def.Key, out var v))
            return "";
        return v.ValueKind switch
        {
            JsonValueKind.String when def.Type == CustomFieldType.User && Guid.TryParse(v.GetString(), out var id) =>
                userNames?.GetValueOrDefault(id) ?? v.GetString()!,
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetDecimal().ToString("#,##0.####", CultureInfo.CurrentCulture),
            JsonValueKind.True => yesNo(true),
            JsonValueKind.False => yesNo(false),
            JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(i => i.ToString())),
            _ => "",
        };
    }
}
