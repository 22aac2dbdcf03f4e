using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Steadfast.Platform.Api;

/// <summary>
/// Query-string values checked like body fields: a value the list does not know is a 400 naming the parameter and
/// what it accepts, never a filter silently dropped.
/// </summary>
public static class QueryValues
{
    /// <summary>How deep a merged list (a timeline) may be paged: each page reads every source down to it.</summary>
    public const int MaxMergedDepth = 5000;

    /// <summary>
    /// Comma-separated (or repeated) values that must each be one of <paramref name="allowed"/>; none given means all.
    /// </summary>
    public static IReadOnlySet<string> OneOf(
        string field,
        IEnumerable<string?> raw,
        IReadOnlyCollection<string> allowed,
        IStringLocalizer t
    )
    {
        var asked = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (asked.Count == 0)
            return allowed.ToHashSet(StringComparer.Ordinal);
        var unknown = asked.Where(a => !allowed.Contains(a, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw AppValidationException.For(field, Unknown(t, unknown[0], allowed));
        return asked.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// A sort key: one of <paramref name="keys"/> or a custom field's <c>cf.key</c> in <paramref name="customFields"/>,
    /// with an optional leading minus.
    /// </summary>
    public static void Sort(string? sort, IReadOnlyCollection<string> keys, IReadOnlyCollection<string> customFields, IStringLocalizer t)
    {
        if (string.IsNullOrEmpty(sort))
            return;
        var key = sort.StartsWith('-') ? sort[1..] : sort;
        if (keys.Contains(key, StringComparer.Ordinal))
            return;
        if (key.StartsWith("cf.", StringComparison.Ordinal) && customFields.Contains(key[3..], StringComparer.Ordinal))
            return;
        throw AppValidationException.For("sort", Unknown(t, sort, [.. keys, .. customFields.Select(k => "cf." + k)]));
    }

    /// <summary>The page of a merged list, refused past <see cref="MaxMergedDepth"/> rather than read slowly.</summary>
    public static void MergedDepth(int page, int pageSize, IStringLocalizer t)
    {
        if ((long)page * pageSize > MaxMergedDepth)
            throw AppValidationException.For("page", t["Problem.PageTooDeep", MaxMergedDepth]);
    }

    public static string Unknown(IStringLocalizer t, string value, IEnumerable<string> allowed) =>
        t["Problem.UnknownValue", value, string.Join(", ", allowed)];

    /// <summary>The types a query parameter may have: what a list filters by.</summary>
    public static bool IsSimple(Type type) =>
        type.IsEnum
        || type == typeof(Guid)
        || type == typeof(int)
        || type == typeof(long)
        || type == typeof(bool)
        || type == typeof(double)
        || type == typeof(decimal)
        || type == typeof(DateOnly)
        || type == typeof(DateTime)
        || type == typeof(DateTimeOffset)
        || type == typeof(string);

    /// <summary>Parses a query value as the API's JSON would: enums by their camelCase names (or their defined numbers).</summary>
    public static bool TryParse(Type type, string value, out object? parsed)
    {
        var inv = CultureInfo.InvariantCulture;
        (var ok, parsed) = type switch
        {
            _ when type == typeof(string) => (true, value),
            _ when type.IsEnum => System.Enum.TryParse(type, value, ignoreCase: true, out var e) && System.Enum.IsDefined(type, e!)
                ? (true, e)
                : (false, null),
            _ when type == typeof(Guid) => System.Guid.TryParse(value, out var g) ? (true, g) : (false, (object?)null),
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, inv, out var i) ? (true, i) : (false, null),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, inv, out var l) ? (true, l) : (false, null),
            _ when type == typeof(bool) => bool.TryParse(value, out var b) ? (true, b) : (false, null),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, inv, out var d) && double.IsFinite(d)
                ? (true, d)
                : (false, null),
            _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, inv, out var m) ? (true, m) : (false, null),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, inv, out var o) ? (true, o) : (false, null),
            _ when type == typeof(DateTime) => DateTime.TryParse(value, inv, DateTimeStyles.RoundtripKind, out var t)
                ? (true, t)
                : (false, null),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, inv, DateTimeStyles.None, out var x)
                ? (true, x)
                : (false, null),
            _ => (true, value),
        };
        return ok;
    }

    /// <summary>What to tell a caller whose value did not parse: for an enum, the names it may use.</summary>
    public static string NotParsed(IStringLocalizer t, Type type, string value) =>
        type.IsEnum
            ? Unknown(t, value, System.Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)))
            : t["Problem.NotA", TypeName(type)];

    private static string TypeName(Type type) =>
        type == typeof(Guid) ? "id (GUID)"
        : type == typeof(int) || type == typeof(long) ? "integer"
        : type == typeof(bool) ? "true/false"
        : type == typeof(double) || type == typeof(decimal) ? "number"
        : type == typeof(DateOnly) ? "date (yyyy-MM-dd)"
        : type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "date and time (ISO 8601)"
        : type.Name;
}
