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
}
