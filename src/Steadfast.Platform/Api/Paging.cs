using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Api;

/// <summary>A body that carries only the record's version (an action on it), when the If-Match header does not.</summary>
public sealed record VersionOnly(long? Version);

/// <summary>The list shape of every API list: one page of items and the total that matched.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Page request as the API receives it; clamped, never rejected for being too large.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    public static PageRequest From(int? page, int? pageSize) => new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}

public static class PagingExtensions
{
    /// <summary>Counts the filtered rows, then sorts, pages and projects only the page the caller asked for.</summary>
    public static async Task<PagedResult<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> filtered,
        Func<IQueryable<T>, IQueryable<T>> sort,
        Func<IQueryable<T>, IQueryable<TOut>> project,
        PageRequest page,
        CancellationToken ct
    )
    {
        var total = await filtered.CountAsync(ct);
        var items = total == 0 ? [] : await project(sort(filtered).Skip(page.Skip).Take(page.PageSize)).ToListAsync(ct);
        return new PagedResult<TOut>(items, total);
    }

    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = total == 0 ? [] : await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedResult<T>(items, total);
    }
}
