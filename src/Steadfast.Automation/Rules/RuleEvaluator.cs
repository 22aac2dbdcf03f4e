using System.Globalization;
using NCalc;
using Steadfast.Platform.Automation;

namespace Steadfast.Automation.Rules;

/// <summary>A value a condition looked at, for the run log and the simulator.</summary>
internal sealed record SeenValue(string Field, string? Value);

/// <summary>Decides whether a rule's conditions hold for a record's values. Pure: the simulator and the live run share it.</summary>
internal static class RuleEvaluator
{
    public static (bool Matched, List<SeenValue> Seen) Evaluate(
        RuleConditions conditions,
        IReadOnlyList<AutomationField> fields,
        IReadOnlyDictionary<string, string?> values
    )
    {
        var seen = new List<SeenValue>();
        var results = new List<bool>();
        foreach (var c in conditions.Items)
        {
            var value = values.GetValueOrDefault(c.Field);
            if (!seen.Any(s => s.Field == c.Field))
                seen.Add(new SeenValue(c.Field, value));
            var kind = fields.FirstOrDefault(f => f.Name == c.Field)?.Kind ?? FieldKind.Text;
            results.Add(Holds(kind, c.Op, value, c.Value));
        }
        var matched = results.Count == 0 || (conditions.Match == MatchMode.Any ? results.Any(r => r) : results.All(r => r));
        if (matched && !string.IsNullOrWhiteSpace(conditions.Expression))
        {
            var e = Expression(conditions.Expression);
            foreach (var name in e.GetParameterNames())
            {
                var value = values.GetValueOrDefault(name);
                e.Parameters[name] = Typed(fields.FirstOrDefault(f => f.Name == name)?.Kind ?? FieldKind.Text, value);
                if (!seen.Any(s => s.Field == name))
                    seen.Add(new SeenValue(name, value));
            }
            matched = e.Evaluate() is true;
        }
        return (matched, seen);
    }

    /// <summary>
    /// Whether the conditions can still hold, judged from the record's own fields alone (no related record, custom field or
    /// expression is read): a cheap first look that never turns away a rule that would match.
    /// </summary>
    public static bool MayMatch(
        RuleConditions conditions,
        IReadOnlyList<AutomationField> ownFields,
        IReadOnlyDictionary<string, string?> values
    )
    {
        var judged = new List<bool>();
        var unknown = false;
        foreach (var c in conditions.Items)
        {
            var field = ownFields.FirstOrDefault(f => f.Name == c.Field && !f.Related);
            if (field is null)
            {
                unknown = true;
                continue;
            }
            judged.Add(Holds(field.Kind, c.Op, values.GetValueOrDefault(c.Field), c.Value));
        }
        return conditions.Match == MatchMode.All ? judged.All(j => j) : unknown || judged.Count == 0 || judged.Any(j => j);
    }

    public static Expression Expression(string text) =>
        new(text, CultureInfo.InvariantCulture) { Options = ExpressionOptions.AllowNullParameter | ExpressionOptions.NoCache };

    public static bool Holds(FieldKind kind, ConditionOp op, string? actual, string? expected)
    {
        switch (op)
        {
            case ConditionOp.IsEmpty:
                return string.IsNullOrEmpty(actual);
            case ConditionOp.IsNotEmpty:
                return !string.IsNullOrEmpty(actual);
            case ConditionOp.Contains:
                return actual is not null && expected is not null && actual.Contains(expected, StringComparison.OrdinalIgnoreCase);
        }
        // A missing value is equal only to a missing value and has no order.
        if (actual is null || expected is null)
            return op switch
            {
                ConditionOp.Equals => actual == expected,
                ConditionOp.NotEquals => actual != expected,
                _ => false,
            };
        var cmp = Compare(kind, actual, expected);
        return op switch
        {
            ConditionOp.Equals => cmp == 0,
            ConditionOp.NotEquals => cmp != 0,
            ConditionOp.GreaterThan => cmp > 0,
            ConditionOp.AtLeast => cmp >= 0,
            ConditionOp.LessThan => cmp < 0,
            ConditionOp.AtMost => cmp <= 0,
            _ => false,
        };
    }

    private static int Compare(FieldKind kind, string actual, string expected)
    {
        switch (kind)
        {
            case FieldKind.Number when TryNumber(actual, out var a) && TryNumber(expected, out var b):
                return a.CompareTo(b);
            case FieldKind.Money when TryNumber(actual, out var fen) && TryNumber(expected, out var yuan):
                return (fen / 100m).CompareTo(yuan);
            case FieldKind.DateTime when TryTime(actual, out var a) && TryTime(expected, out var b):
                return a.CompareTo(b);
            case FieldKind.Date when TryDate(actual, out var a) && TryDate(expected, out var b):
                return a.CompareTo(b);
            case FieldKind.Flag or FieldKind.Choice or FieldKind.User:
                return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) ? 0 : string.CompareOrdinal(actual, expected);
            default:
                return string.Compare(actual, expected, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static bool TryNumber(string s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    public static bool TryTime(string s, out DateTime value) =>
        DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    /// <summary>A date as the audit log writes one (invariant: 12/31/2026) or as a person types it (2026-12-31).</summary>
    public static bool TryDate(string s, out DateOnly value) =>
        DateOnly.TryParseExact(s, ["yyyy-MM-dd", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static object? Typed(FieldKind kind, string? value) =>
        value is null ? null
        : kind == FieldKind.Number && TryNumber(value, out var n) ? n
        : kind == FieldKind.Money && TryNumber(value, out var fen) ? fen / 100m
        : kind == FieldKind.Flag ? string.Equals(value, "True", StringComparison.OrdinalIgnoreCase)
        : value;
}
