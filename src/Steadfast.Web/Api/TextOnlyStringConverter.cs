using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steadfast.Web.Api;

/// <summary>
/// Refuses strings holding U+0000. PostgreSQL cannot store it in text at all (the write would fail as a
/// server error) and no person types it, so it is a client error on both databases alike.
/// </summary>
internal sealed class TextOnlyStringConverter : JsonConverter<string>
{
    public const string Marker = "NUL character";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a string, got {reader.TokenType}.");
        var value = reader.GetString();
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            throw new JsonException(Marker);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString()!;
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new JsonException(Marker);
        return value;
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
