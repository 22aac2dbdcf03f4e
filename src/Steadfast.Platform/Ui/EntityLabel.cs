using Microsoft.Extensions.Localization;

namespace Steadfast.Platform.Ui;

/// <summary>The audit log's record-type names in the reader's language (the stored name is the code's).</summary>
public static class EntityLabel
{
    public static string For(IStringLocalizer localizer, string entity)
    {
        var label = localizer[$"Entity.{entity}"];
        return label.ResourceNotFound ? entity : label.Value;
    }
}
