using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.CustomFields;

/// <summary>A filter on one custom field as lists receive it: <c>cf.key=value</c>, <c>cf.key.from=</c>, <c>cf.key.to=</c>.</summary>
public sealed record CustomFieldFilter(string Key, string? Equal, string? From, string? To);

public static class CustomFieldQuery
{
    public static string RecordTypeOf(Type type) =>
        type.GetCustomAttribute<RecordTypeAttribute>()?.Name
        ?? throw new InvalidOperationException($"{type.Name} has custom fields but no [RecordType].");

    /// <summary>Reads <c>cf.*</c> query parameters.</summary>
    public static IReadOnlyList<CustomFieldFilter> ParseFilters(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var byKey = new Dictionary<string, (string? eq, string? from, string? to)>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!name.StartsWith("cf.", StringComparison.Ordinal) || string.IsNullOrEmpty(value))
                continue;
            var rest = name[3..];
            var key =
                rest.EndsWith(".from", StringComparison.Ordinal) ? rest[..^5]
                : rest.EndsWith(".to", StringComparison.Ordinal) ? rest[..^3]
                : rest;
            byKey.TryGetValue(key, out var f);
            if (rest.EndsWith(".from", StringComparison.Ordinal))
                f.from = value;
            else if (rest.EndsWith(".to", StringComparison.Ordinal))
                f.to = value;
            else
                f.eq = value;
            byKey[key] = f;
        }
        return [.. byKey.Select(kv => new CustomFieldFilter(kv.Key, kv.Value.eq, kv.Value.from, kv.Value.to))];
    }

    public static IQueryable<T> WhereCustomFields<T>(this IQueryable<T> query, AppDbContext db, IEnumerable<CustomFieldFilter> filters)
        where T : class, IHasCustomFields
    {
        var recordType = RecordTypeOf(typeof(T));
        var index = db.CustomFieldIndex.Where(i => i.RecordType == recordType);
        foreach (var f in filters)
        {
            var key = f.Key;
            var rows = index.Where(i => i.FieldKey == key);
            if (f.Equal is { } eq)
            {
                query = query.Where(e => rows.Any(i => i.RecordId == e.Id && i.Text == eq));
            }
            if (f.From is { } from)
            {
                if (double.TryParse(from, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    query = query.Where(e => rows.Any(i => i.RecordId == e.Id && i.Number >= n));
                else if (DateOnly.TryParse(from, CultureInfo.InvariantCulture, out var d))
                {
                    var dt = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    query = query.Where(e => rows.Any(i => i.RecordId == e.Id && i.Date >= dt));
                }
            }
            if (f.To is { } to)
            {
                if (double.TryParse(to, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    query = query.Where(e => rows.Any(i => i.RecordId == e.Id && i.Number <= n));
                else if (DateOnly.TryParse(to, CultureInfo.InvariantCulture, out var d))
                {
                    var dt = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    query = query.Where(e => rows.Any(i => i.RecordId == e.Id && i.Date <= dt));
                }
            }
        }
        return query;
    }

    /// <summary>
    /// Orders by a custom field (numbers and dates by value, everything else by text); records without a value come last.
    /// </summary>
    public static IOrderedQueryable<T> OrderByCustomField<T>(this IQueryable<T> query, AppDbContext db, string key, bool descending)
        where T : class, IHasCustomFields
    {
        var recordType = RecordTypeOf(typeof(T));
        var rows = db.CustomFieldIndex.Where(i => i.RecordType == recordType && i.FieldKey == key);
        var byMissing = query.OrderBy(e => rows.Any(i => i.RecordId == e.Id) ? 0 : 1);
        var byNumber = descending
            ? byMissing.ThenByDescending(e => rows.Where(i => i.RecordId == e.Id).Select(i => i.Number).FirstOrDefault())
            : byMissing.ThenBy(e => rows.Where(i => i.RecordId == e.Id).Select(i => i.Number).FirstOrDefault());
        var byDate = descending
            ? byNumber.ThenByDescending(e => rows.Where(i => i.RecordId == e.Id).Select(i => i.Date).FirstOrDefault())
            : byNumber.ThenBy(e => rows.Where(i => i.RecordId == e.Id).Select(i => i.Date).FirstOrDefault());
        return descending
            ? byDate.ThenByDescending(e => rows.Where(i => i.RecordId == e.Id).Select(i => i.Text).FirstOrDefault())
            : byDate.ThenBy(e => rows.Where(i => i.RecordId == e.Id).Select(i => i.Text).FirstOrDefault());
    }
}
