using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Contracts;
using Steadfast.Sales.Receivables;
using Steadfast.Service.Public;

namespace Steadfast.Sales.Profitability;

public enum ProfitBy
{
    Customer = 0,

    /// <summary>Service contracts: their invoiced fees against the covered share of their orders' costs.</summary>
    Contract = 1,

    /// <summary>Service only (contracts span product lines): billable charges against the orders' costs.</summary>
    ProductLine = 2,
    Region = 3,
}

public sealed record ProfitRow(
    string Key,
    string Name,
    long ContractRevenue,
    long ServiceRevenue,
    long Cost,
    long Profit,
    decimal? Margin,
    int Orders
);

public sealed record ProfitReport(DateOnly From, DateOnly To, ProfitBy By, IReadOnlyList<ProfitRow> Rows, int TotalRows, ProfitRow Totals);

public sealed record ProfitOrder(Guid Id, string Number, int ReportedDay, long Cost, long Billable);

/// <summary>
/// Profit by customer, service contract, product line or region over a period (fen): revenue is what was invoiced on
/// contracts plus the billable service charges; cost is the orders' labour (at the engineer's rate), travel and parts;
/// work covered by a service contract counts against that contract. The database sums each side per key; the two sides
/// are joined here by key and sorted by profit, the money-losers first.
/// </summary>
internal sealed class ProfitabilityReport(
    AppDbContext db,
    ServiceCosts costs,
    CustomerDirectory directory,
    ContractService contracts,
    SalesNumbers numbers,
    IStringLocalizer<Strings> t
)
{
    /// <summary>One side's sums per key, set by member initialisers so EF composes it; the key is made text once read.</summary>
    private sealed class Side<TKey>
    {
        public required TKey Key { get; init; }
        public long Revenue { get; init; }
        public long Cost { get; init; }
        public int Orders { get; init; }

        public Side<string> Text() =>
            new()
            {
                Key = Convert.ToString(Key, CultureInfo.InvariantCulture) ?? "",
                Revenue = Revenue,
                Cost = Cost,
                Orders = Orders,
            };
    }

    /// <summary>Billable charges as revenue and every cost, per key.</summary>
    private static System.Linq.Expressions.Expression<Func<IGrouping<TKey, OrderMoney>, Side<TKey>>> ServiceSide<TKey>() =>
        g => new Side<TKey>
        {
            Key = g.Key,
            Revenue = g.Sum(o => o.Billable),
            Cost = g.Sum(o => o.Cost),
            Orders = g.Count(),
        };

    private static async Task<List<Side<string>>> TextAsync<TKey>(IQueryable<Side<TKey>> sums, CancellationToken ct) =>
        [.. (await sums.ToListAsync(ct)).Select(s => s.Text())];

    private static int Day(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    private (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to)
    {
        var end = to ?? numbers.Today;
        var start = from ?? end.AddYears(-1).AddDays(1);
        if (end < start || end.DayNumber - start.DayNumber > 3 * 366)
            throw AppValidationException.For("to", t["Contracts.Error.Period"]);
        return (start, end);
    }

    private IQueryable<OrderMoney> Orders(DateOnly from, DateOnly to)
    {
        var q = costs.Between(Day(from), Day(to));
        if (contracts.SeesAll || directory.SeesEverything)
            return q;
        var visible = directory.VisibleCustomerIds();
        return q.Where(o => visible.Contains(o.CustomerId));
    }

    /// <summary>An invoice carries its contract's customer, so who may see it is decided without the contracts.</summary>
    private IQueryable<Invoice> Invoices(DateOnly from, DateOnly to)
    {
        var q = db.Set<Invoice>().Where(i => i.IssuedOn >= from && i.IssuedOn <= to);
        if (contracts.SeesAll || directory.SeesEverything)
            return q;
        var visible = directory.VisibleCustomerIds();
        return q.Where(i => visible.Contains(i.CustomerId));
    }

    public async Task<ProfitReport> ReportAsync(
        ProfitBy? byInput,
        DateOnly? fromInput,
        DateOnly? toInput,
        PageRequest page,
        CancellationToken ct
    )
    {
        var by = byInput ?? ProfitBy.Customer;
        var (from, to) = Period(fromInput, toInput);
        var orders = Orders(from, to);
        var invoices = Invoices(from, to);
        List<Side<string>> service;
        List<Side<string>> billed;
        switch (by)
        {
            case ProfitBy.Contract:
                service = await TextAsync(
                    orders
                        .Where(o => o.ContractId != null)
                        .GroupBy(o => o.ContractId)
                        .Select(g => new Side<Guid?>
                        {
                            Key = g.Key,
                            Cost = g.Sum(o => o.Cost - o.Billable),
                            Orders = g.Count(),
                        }),
                    ct
                );
                var serviceContracts = db.Set<Contract>().Where(c => c.Kind == ContractKind.Service).Select(c => c.Id);
                billed = await TextAsync(
                    invoices
                        .Where(i => serviceContracts.Contains(i.ContractId))
                        .GroupBy(i => i.ContractId)
                        .Select(g => new Side<Guid> { Key = g.Key, Revenue = g.Sum(i => i.Amount) }),
                    ct
                );
                break;
            case ProfitBy.ProductLine:
                service = await TextAsync(orders.GroupBy(o => o.ProductCategory).Select(ServiceSide<string>()), ct);
                billed = [];
                break;
            case ProfitBy.Region:
                service = await TextAsync(orders.GroupBy(o => o.Region).Select(ServiceSide<string>()), ct);
                billed = await TextAsync(
                    from i in invoices
                    join c in db.Set<Contract>() on i.ContractId equals c.Id
                    group i by c.Region into g
                    select new Side<string> { Key = g.Key, Revenue = g.Sum(i => i.Amount) },
                    ct
                );
                break;
            default:
                service = await TextAsync(orders.GroupBy(o => o.CustomerId).Select(ServiceSide<Guid>()), ct);
                billed = await TextAsync(
                    invoices.GroupBy(i => i.CustomerId).Select(g => new Side<Guid> { Key = g.Key, Revenue = g.Sum(i => i.Amount) }),
                    ct
                );
                break;
        }
        var byKey = service.ToDictionary(s => Norm(s.Key), StringComparer.Ordinal);
        var invoiced = billed.ToDictionary(s => Norm(s.Key), s => s.Revenue, StringComparer.Ordinal);
        var keys = byKey.Keys.Union(invoiced.Keys, StringComparer.Ordinal).ToList();
        var rows = keys.Select(k =>
            {
                var s = byKey.GetValueOrDefault(k);
                return Row(k, "", invoiced.GetValueOrDefault(k), s?.Revenue ?? 0, s?.Cost ?? 0, s?.Orders ?? 0);
            })
            .OrderBy(r => r.Profit)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var shown = rows.Skip(page.Skip).Take(page.PageSize).ToList();
        var names = await NamesAsync(by, [.. shown.Select(r => r.Key)], ct);
        var totals = Row(
            "",
            "",
            rows.Sum(r => r.ContractRevenue),
            rows.Sum(r => r.ServiceRevenue),
            rows.Sum(r => r.Cost),
            rows.Sum(r => r.Orders)
        );
        return new ProfitReport(
            from,
            to,
            by,
            [.. shown.Select(r => r with { Name = names.TryGetValue(r.Key, out var n) ? n : r.Key })],
            rows.Count,
            totals
        );
    }

    /// <summary>Guids as both databases give them back, so the two sides meet on one spelling.</summary>
    private static string Norm(string key) => Guid.TryParse(key, out var g) ? g.ToString() : key;

    private static ProfitRow Row(string key, string name, long contractRevenue, long serviceRevenue, long cost, int orders)
    {
        var revenue = contractRevenue + serviceRevenue;
        var profit = revenue - cost;
        return new ProfitRow(
            key,
            name,
            contractRevenue,
            serviceRevenue,
            cost,
            profit,
            revenue == 0 ? null : Math.Round(100m * profit / revenue, 1),
            orders
        );
    }

    private async Task<Dictionary<string, string>> NamesAsync(ProfitBy by, List<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return by switch
        {
            ProfitBy.Customer => (await directory.CustomerNamesAsync(ids, ct)).ToDictionary(p => p.Key.ToString(), p => p.Value),
            ProfitBy.Contract => await db.Set<Contract>()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id.ToString(), c => $"{c.Number} · {c.CustomerName}", ct),
            _ => keys.ToDictionary(k => k, k => k.Length == 0 ? "—" : k),
        };
    }

    /// <summary>The orders behind a figure: those of a customer, a service contract, a product line or a region in the period.</summary>
    public async Task<PagedResult<ProfitOrder>> OrdersAsync(
        ProfitBy? byInput,
        string? key,
        DateOnly? fromInput,
        DateOnly? toInput,
        PageRequest page,
        CancellationToken ct
    )
    {
        var by = byInput ?? ProfitBy.Customer;
        var (from, to) = Period(fromInput, toInput);
        var q = Orders(from, to);
        key ??= "";
        Guid? id = Guid.TryParse(key, out var g) ? g : null;
        q = by switch
        {
            ProfitBy.Customer when id is { } c => q.Where(o => o.CustomerId == c),
            ProfitBy.Contract when id is { } c => q.Where(o => o.ContractId == c),
            ProfitBy.ProductLine => q.Where(o => o.ProductCategory == key),
            ProfitBy.Region => q.Where(o => o.Region == key),
            _ => throw AppValidationException.For("key", t["Common.Error.Choice"]),
        };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(o => o.Cost - o.Billable)
            .ThenBy(o => o.Id)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Select(o => new
            {
                o.Id,
                o.Number,
                o.ReportedDay,
                o.Cost,
                o.Billable,
            })
            .ToListAsync(ct);
        return new PagedResult<ProfitOrder>(
            [.. rows.Select(o => new ProfitOrder(o.Id, o.Number, o.ReportedDay, o.Cost, o.Billable))],
            total
        );
    }

    public static string DayText(int day) =>
        new DateOnly(day / 10000, day / 100 % 100, day % 100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
