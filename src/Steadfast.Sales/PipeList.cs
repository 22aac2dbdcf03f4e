namespace Steadfast.Sales;

/// <summary>
/// A short list kept in one text column as "|a|b|" (an assignment rule's provinces, a stage's deliverables, an ECN's
/// models): the bars make "contains this item" a plain LIKE and an empty list the empty string.
/// </summary>
internal static class PipeList
{
    public static string Join(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } list
            ? "|" + string.Join("|", list) + "|"
            : "";

    public static IReadOnlyList<string> Split(string joined) => joined.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
