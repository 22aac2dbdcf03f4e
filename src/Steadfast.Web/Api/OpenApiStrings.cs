using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Steadfast.Web.Api;

/// <summary>
/// Strings go through <see cref="TextOnlyStringConverter"/>, and a custom converter leaves the generator
/// without a type, for a string and for the items of a string list: this puts "string" back (with null where
/// the property may be null), so generated clients get typed fields instead of untyped nodes.
/// </summary>
internal sealed class OpenApiStrings : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (info.Type == typeof(string) && schema.Type is null && schema.AllOf is not { Count: > 0 } && schema.OneOf is not { Count: > 0 })
        {
            var nullable = context.JsonPropertyInfo is { } p && (p.IsGetNullable || p.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        else if (info.ElementType == typeof(string) && info.KeyType is null && schema.Items is not OpenApiSchema { Type: not null })
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (info.ElementType == typeof(string[]) && info.KeyType == typeof(string))
        {
            // Validation problems: { field: [message, ...] }.
            schema.AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        return Task.CompletedTask;
    }
}
