using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Sales.Contracts;

namespace Steadfast.Sales.Receivables;

/// <summary>
/// Receivables ageing (应收账龄): what is open on owed instalments, by days overdue on the company-local day, grouped by
/// customer, owner or region. The database sums; the buckets are date ranges worked out here, so no engine's date
/// arithmetic is needed. Due today is 0 days overdue (bucket 0–30); not yet due or not yet dated is "not due".
/// </summary>
internal sealed class Ageing(AppDbContext db, CustomerDirectory directory, ContractService contracts, SalesNumbers numbers)
{
    public IQueryable<Instalment> Open()
    {
        var q = db.Set<Instalment>().AsNoTracking().Where(i => i.Owed && i.Open > 0);
        if (contracts.SeesAll || directory.SeesEverything)
            return q;
        var visible = directory.VisibleCustomerIds();
        return q.Where(i => visible.Contains(i.CustomerId));
    }

    /// <summary>Set by member initialisers, not a constructor, so EF can project the grouped sums into it.</summary>
    private sealed class Sums<TKey>
    {
        public required TKey Key { get; init; }
        public long NotDue { get; init; }
        public long D30 { get; init; }
        public long D60 { get; init; }
        public long D90 { get; init; }
        public long Over { get; init; }
        public long Total { get; init; }
    }

    private IQueryable<Instalment> Open(AgeingQuery query)
    {
        var q = Open();
        if (query.OwnerId is { } owner)
            q = q.Where(i => i.OwnerId == owner);
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var region = query.Region.Trim();
            q = q.Where(i => i.Region == region);
        }
        if (query.CustomerId is { } customer)
            q = q.Where(i => i.CustomerId == customer);
        return q;
    }

    /// <summary>
    /// Every open instalment behind the report, customer by customer and oldest due first, with its days overdue: the
    /// rows finance reconciles the ageing with, to the fen.
    /// </summary>
    public IAsyncEnumerable<AgeingLine> LinesAsync(AgeingQuery query)
    {
        var today = numbers.Today;
        return (
            from i in Open(query)
            join u in db.Users on i.OwnerId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            orderby i.CustomerName, i.CustomerId, i.DueOn, i.ContractNumber, i.Position
            select new
            {
                i.CustomerName,
                i.ContractNumber,
                i.Name,
                i.DueOn,
                i.Amount,
                i.Open,
                Owner = u == null ? "" : u.DisplayName,
                i.Region,
            }
        )
            .AsAsyncEnumerable()
            .Select(r => new AgeingLine(
                r.CustomerName,
                r.ContractNumber,
                r.Name,
                r.DueOn,
                r.DueOn is not { } d || d > today,
                PaymentPlan.DaysOverdue(r.DueOn, today),
                r.Amount,
                r.Open,
                r.Owner,
                r.Region
            ));
    }

    public async Task<AgeingReport> ReportAsync(AgeingQuery query, PageRequest page, CancellationToken ct)
    {
        var today = numbers.Today;
        var q = Open(query);
        var by = query.By ?? AgeingBy.Customer;
        var sums = by switch
        {
            AgeingBy.Owner => await SumAsync(q, i => i.OwnerId, today, ct),
            AgeingBy.Region => await SumAsync(q, i => i.Region, today, ct),
            _ => await SumAsync(q, i => i.CustomerId, today, ct),
        };
        // The database sums the instalments per key in one pass; the keys (a row per customer at most) are ordered,
        // paged and totalled here, so the million rows are read once rather than once each for page, count and totals.
        var rows = sums
        // The most overdue first: finance chases the oldest money.
        .OrderByDescending(s => s.Over90)
            .ThenByDescending(s => s.Days61To90)
            .ThenByDescending(s => s.Total)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .ToList();
        var names = await NamesAsync(by, [.. rows.Select(r => r.Key)], ct);
        return new AgeingReport(
            today,
            [.. rows.Select(r => r with { Name = names.TryGetValue(r.Key, out var n) ? n : r.Key })],
            sums.Count,
            new AgeingRow(
                "",
                "",
                sums.Sum(r => r.NotDue),
                sums.Sum(r => r.Days0To30),
                sums.Sum(r => r.Days31To60),
                sums.Sum(r => r.Days61To90),
                sums.Sum(r => r.Over90),
                sums.Sum(r => r.Total)
            )
        );
    }

    /// <summary>Sums by bucket per key: the buckets are date ranges from today, compared in SQL as plain dates.</summary>
    private static async Task<List<AgeingRow>> SumAsync<TKey>(
        IQueryable<Instalment> q,
        Expression<Func<Instalment, TKey>> key,
        DateOnly today,
        CancellationToken ct
    )
    {
        var (d30, d60, d90) = (today.AddDays(-30), today.AddDays(-60), today.AddDays(-90));
        var sums = await q.GroupBy(key)
            .Select(g => new Sums<TKey>
            {
                Key = g.Key,
                NotDue = g.Sum(i => i.DueOn == null || i.DueOn > today ? i.Open : 0),
                D30 = g.Sum(i => i.DueOn <= today && i.DueOn >= d30 ? i.Open : 0),
                D60 = g.Sum(i => i.DueOn < d30 && i.DueOn >= d60 ? i.Open : 0),
                D90 = g.Sum(i => i.DueOn < d60 && i.DueOn >= d90 ? i.Open : 0),
                Over = g.Sum(i => i.DueOn < d90 ? i.Open : 0),
                Total = g.Sum(i => i.Open),
            })
            .ToListAsync(ct);
        return
        [
            .. sums.Select(r => new AgeingRow(
                Convert.ToString(r.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                "",
                r.NotDue,
                r.D30,
                r.D60,
                r.D90,
                r.Over,
                r.Total
            )),
        ];
    }

    private async Task<Dictionary<string, string>> NamesAsync(AgeingBy by, List<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return by switch
        {
            AgeingBy.Customer => (await directory.CustomerNamesAsync(ids, ct)).ToDictionary(p => p.Key.ToString(), p => p.Value),
            AgeingBy.Owner => await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName, ct),
            _ => keys.ToDictionary(k => k, k => k),
        };
    }

    /// <summary>A customer's open instalments by due date: what they owe and when.</summary>
    public async Task<List<OpenInstalment>> OfCustomerAsync(Guid customerId, CancellationToken ct)
    {
        var today = numbers.Today;
        var rows = await (
            from i in Open().Where(i => i.CustomerId == customerId)
            orderby i.DueOn == null, i.DueOn, i.ContractNumber, i.Position
            select new
            {
                i.Id,
                i.ContractId,
                Number = i.ContractNumber,
                i.Name,
                i.DueOn,
                i.Amount,
                i.Paid,
                i.Open,
            }
        )
            .Take(500)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new OpenInstalment(
                r.Id,
                r.ContractId,
                r.Number,
                r.Name,
                r.DueOn,
                r.Amount,
                r.Paid,
                r.Open,
                PaymentPlan.DaysOverdue(r.DueOn, today)
            )),
        ];
    }
}
