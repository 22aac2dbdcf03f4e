namespace Steadfast.Customers.Public;

public sealed record TimelineEntry(DateTime At, string Kind, string Title, string? Detail, Guid? RefId);
