namespace Steadfast.Customers.Public;

/// <summary>One thing that happened; Href, when set, is the page the entry opens (the work order, the machine).</summary>
public sealed record TimelineEntry(DateTime At, string Kind, string Title, string? Detail, Guid? RefId, string? Href = null)
{
    /// <summary>The group the <c>kind</c> filter selects: the Kind up to its first dot.</summary>
    public string Group => Kind.Split('.', 2)[0];
}

/// <summary>One page of a timeline, newest first; Kinds are the values the <c>kind</c> filter accepts here.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Items, int Page, int PageSize, bool HasMore, IReadOnlyList<string> Kinds);
