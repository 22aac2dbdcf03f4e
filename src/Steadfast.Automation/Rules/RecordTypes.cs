using System.Text.Json;
using Steadfast.Platform.Automation;
using Steadfast.Platform.CustomFields;

namespace Steadfast.Automation.Rules;

/// <summary>A record type as a rule sees it: the module's own fields and the admin's custom fields ("cf.key").</summary>
internal sealed record RecordTypeView(AutomationRecordType Type, IReadOnlyList<AutomationField> Fields)
{
    public AutomationField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

/// <summary>The record types the installed modules offer to rules.</summary>
internal sealed class RecordTypes(IEnumerable<AutomationRecordType> types)
{
    public const string CustomPrefix = "cf.";
    private readonly Dictionary<string, AutomationRecordType> _byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private readonly Dictionary<Type, AutomationRecordType> _byEntity = types.ToDictionary(t => t.Entity);

    public IEnumerable<AutomationRecordType> All => _byName.Values;

    public AutomationRecordType? Find(string? name) => name is not null && _byName.TryGetValue(name, out var t) ? t : null;

    public AutomationRecordType? OfEntity(Type entity) => _byEntity.GetValueOrDefault(entity);

    public async Task<RecordTypeView?> ViewAsync(string? name, CustomFieldService customFields, CancellationToken ct)
    {
        if (Find(name) is not { } type)
            return null;
        var custom = await customFields.ActiveDefinitionsAsync(type.Name, ct);
        return new RecordTypeView(type, [.. type.Fields, .. custom.Select(Custom)]);
    }

    private static AutomationField Custom(CustomFieldDefinition d) =>
        new(CustomPrefix + d.Key, KindOf(d.Type), "")
        {
            Label = d.Label(System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)),
            Choices = d.Type is CustomFieldType.Choice ? d.Options : [],
            Settable = true,
        };

    private static FieldKind KindOf(CustomFieldType type) =>
        type switch
        {
            CustomFieldType.Number => FieldKind.Number,
            CustomFieldType.Date => FieldKind.Date,
            CustomFieldType.Choice => FieldKind.Choice,
            CustomFieldType.YesNo => FieldKind.Flag,
            CustomFieldType.User => FieldKind.User,
            _ => FieldKind.Text,
        };

    /// <summary>A custom field's stored JSON value in the form rules compare (numbers invariant, yes/no as True/False).</summary>
    public static string? CustomValue(JsonElement v) =>
        v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Array => string.Join(",", v.EnumerateArray().Select(CustomValue)),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        };
}
