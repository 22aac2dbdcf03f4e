using System.Globalization;
using System.Text.RegularExpressions;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Localization;

namespace Steadfast.Automation.Rules;

/// <summary>"{Number} at {customer.Name}": a message template's placeholders, checked on save and filled when a rule fires.</summary>
internal static partial class Placeholders
{
    /// <summary>Always there: the record's title, its link, the rule's name, today's date.</summary>
    public static readonly string[] BuiltIn = ["record", "link", "rule", "date"];

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Token();

    public static IEnumerable<string> Names(string? text) => text is null ? [] : Token().Matches(text).Select(m => m.Groups[1].Value);

    public static string Render(
        string? text,
        IReadOnlyList<AutomationField> fields,
        IReadOnlyDictionary<string, string?> values,
        StringTables tables,
        CultureInfo culture,
        Func<DateTime, DateTime> toLocal
    ) =>
        text is null
            ? ""
            : Token()
                .Replace(text, m =>
                {
                    var name = m.Groups[1].Value;
                    var value = values.GetValueOrDefault(name) ?? "";
                    var field = fields.FirstOrDefault(f => f.Name == name);
                    if (field?.ChoiceLabelPrefix is { } prefix && value.Length > 0)
                        return tables.Find(prefix + value, culture) ?? value;
                    if (field?.Kind == FieldKind.DateTime && RuleEvaluator.TryTime(value, out var t))
                        return toLocal(t).ToString("yyyy-MM-dd HH:mm", culture);
                    if (field?.Kind == FieldKind.Date && RuleEvaluator.TryDate(value, out var d))
                        return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    if (field?.Kind == FieldKind.Money && RuleEvaluator.TryNumber(value, out var fen))
                        return (fen / 100m).ToString("¥#,0.00", CultureInfo.InvariantCulture);
                    if (field?.Kind == FieldKind.Flag && value.Length > 0)
                        return tables.Find(value == "True" ? "Common.Yes" : "Common.No", culture) ?? value;
                    return value;
                });
}
