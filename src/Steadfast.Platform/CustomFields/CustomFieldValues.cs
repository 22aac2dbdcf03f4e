using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Steadfast.Platform.CustomFields;

/// <summary>The custom-field values of one record, keyed by field key; stored as one JSON column.</summary>
[JsonConverter(typeof(CustomFieldValuesJsonConverter))]
public sealed class CustomFieldValues
{
    private readonly SortedDictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    public CustomFieldValues() { }

    public CustomFieldValues(IEnumerable<KeyValuePair<string, JsonElement>> values)
    {
        foreach (var (k, v) in values)
            _values[k] = v.Clone();
    }

    public IReadOnlyDictionary<string, JsonElement> Values => _values;
    public int Count => _values.Count;

    public bool TryGet(string key, out JsonElement value) => _values.TryGetValue(key, out value);

    public string ToJson() => JsonSerializer.Serialize(_values);

    public static CustomFieldValues FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new() : new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []);
}

internal sealed class CustomFieldValuesJsonConverter : JsonConverter<CustomFieldValues>
{
    public override CustomFieldValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, CustomFieldValues value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Values, options);
}

internal sealed class CustomFieldValuesConverter()
    : ValueConverter<CustomFieldValues, string>(v => v.ToJson(), v => CustomFieldValues.FromJson(v));

internal sealed class CustomFieldValuesComparer()
    : ValueComparer<CustomFieldValues>(
        (a, b) => (a == null ? "" : a.ToJson()) == (b == null ? "" : b.ToJson()),
        v => v.ToJson().GetHashCode(StringComparison.Ordinal),
        v => CustomFieldValues.FromJson(v.ToJson())
    );
