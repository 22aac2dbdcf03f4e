using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;

namespace Steadfast.Customers.Customers;

/// <summary>One part of a timeline: the kinds it answers for and how to read its newest entries of some of them.</summary>
internal sealed record TimelinePart(
    IReadOnlyCollection<string> Kinds,
    Func<IReadOnlySet<string>, int, CancellationToken, Task<IReadOnlyList<TimelineEntry>>> Newest
);

/// <summary>
/// Pages a timeline made of several sources (follow-ups, machines, work orders, surveys...) on the server: each source
/// reads only its newest entries down to the page asked for, through its own index, and the pieces are merged. A
/// customer with thousands of orders costs one page's worth of rows per source, not its history.
/// </summary>
internal static class TimelineMerge
{
    public static async Task<TimelinePage> PageAsync(
        IReadOnlyList<TimelinePart> parts,
        IEnumerable<string?> kind,
        PageRequest page,
        IStringLocalizer t,
        CancellationToken ct
    )
    {
        var all = parts.SelectMany(p => p.Kinds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var asked = QueryValues.OneOf("kind", kind, all, t);
        QueryValues.MergedDepth(page.Page, page.PageSize, t);
        var depth = page.Page * page.PageSize;
        var merged = new List<TimelineEntry>();
        // One after another: the sources share the request's DbContext.
        foreach (var part in parts)
        {
            var mine = part.Kinds.Where(asked.Contains).ToHashSet(StringComparer.Ordinal);
            if (mine.Count > 0)
                merged.AddRange((await part.Newest(mine, depth + 1, ct)).Where(e => mine.Contains(e.Group)));
        }
        var ordered = merged
            .OrderByDescending(e => e.At)
            .ThenBy(e => e.Kind, StringComparer.Ordinal)
            .ThenBy(e => e.RefId?.ToString() ?? "", StringComparer.Ordinal)
            .ToList();
        return new TimelinePage([.. ordered.Skip(page.Skip).Take(page.PageSize)], page.Page, page.PageSize, ordered.Count > depth, all);
    }

    public static TimelinePart From(IMachineTimelineSource s, Guid machineId) =>
        new(s.Kinds, (kinds, take, ct) => s.EntriesAsync(machineId, kinds, take, ct));

    public static TimelinePart From(ICustomerTimelineSource s, Guid customerId) =>
        new(s.Kinds, (kinds, take, ct) => s.EntriesAsync(customerId, kinds, take, ct));
}
