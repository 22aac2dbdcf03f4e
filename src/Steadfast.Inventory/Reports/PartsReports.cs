using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Reports;

public sealed record DeadStockLine(
    Guid PartId,
    string PartNumber,
    string PartName,
    Guid WarehouseId,
    string WarehouseName,
    long Quantity,
    long Value,
    DateTime? LastMovementAt,
    int? IdleDays
);

public sealed record DeadStockReport(int Days, long TotalValue, long StockValue, int Total, IReadOnlyList<DeadStockLine> Items);

public sealed record StockOutLine(
    DateTime At,
    Guid PartId,
    string PartNumber,
    string PartName,
    string WarehouseName,
    long Requested,
    long Available,
    Guid? RequestId
);

public enum ConsumptionGroup
{
    Part = 0,
    Product = 1,
    Region = 2,
}

/// <summary>Parts consumed per month for the largest groups: issued minus returned in good condition, at cost.</summary>
public sealed record ConsumptionReport(
    IReadOnlyList<string> Months,
    IReadOnlyList<ConsumptionSeries> Series,
    long TotalValue,
    long TotalQuantity
);

public sealed record ConsumptionSeries(string Key, string Label, IReadOnlyList<long> Quantity, IReadOnlyList<long> Value, long TotalValue);

public sealed record CustomerPartsCost(Guid CustomerId, string CustomerName, long Quantity, long Cost, long Billable);

/// <summary>
/// Inventory reports. Each is one grouped query in the database: two years of movements at full scale
/// are millions of rows, and none of them is ever loaded to be summed here.
/// </summary>
internal sealed class PartsReports(AppDbContext db, CustomerDirectory customers, TimeProvider clock, StockScope scope)
{
    public async Task<DeadStockReport> DeadStockAsync(int? days, Guid? warehouseId, PageRequest page, CancellationToken ct)
    {
        var settings = await db.Set<InventorySettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new InventorySettings();
        var n = Math.Clamp(days ?? settings.DeadStockDays, 1, 3650);
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-n);
        var visible = (await scope.WarehousesAsync(ct)).Select(w => w.Id);
        var stock = db.Set<StockBalance>().AsNoTracking().Where(b => b.Quantity > 0 && visible.Contains(b.WarehouseId));
        if (warehouseId is { } w)
            stock = stock.Where(b => b.WarehouseId == w);
        var dead = stock.Where(b => b.LastMovementAtUtc == null || b.LastMovementAtUtc < cutoff);
        var total = await dead.CountAsync(ct);
        var deadValue = await dead.SumAsync(b => (long?)b.Value, ct) ?? 0;
        var stockValue = await stock.SumAsync(b => (long?)b.Value, ct) ?? 0;
        var rows = await (
            from b in dead
            join p in db.Set<Part>() on b.PartId equals p.Id
            join wh in db.Set<Warehouse>() on b.WarehouseId equals wh.Id
            orderby b.Value descending, p.Number
            select new
            {
                b.PartId,
                p.Number,
                p.Name,
                b.WarehouseId,
                WarehouseName = wh.Name,
                b.Quantity,
                b.Value,
                b.LastMovementAtUtc,
            }
        )
            .Skip(page.Skip)
            .Take(page.PageSize)
            .ToListAsync(ct);
        return new DeadStockReport(
            n,
            deadValue,
            stockValue,
            total,
            [
                .. rows.Select(r => new DeadStockLine(
                    r.PartId,
                    r.Number,
                    r.Name,
                    r.WarehouseId,
                    r.WarehouseName,
                    r.Quantity,
                    r.Value,
                    r.LastMovementAtUtc,
                    r.LastMovementAtUtc is { } at ? (int)(now - at).TotalDays : null
                )),
            ]
        );
    }

    public async Task<PagedResult<StockOutLine>> StockOutsAsync(DateTime? from, DateTime? to, PageRequest page, CancellationToken ct)
    {
        var q = db.Set<StockOut>().AsNoTracking();
        if (from is { } f)
            q = q.Where(s => s.AtUtc >= f);
        if (to is { } t)
            q = q.Where(s => s.AtUtc < t);
        var total = await q.CountAsync(ct);
        var items = await (
            from s in q
            join p in db.Set<Part>() on s.PartId equals p.Id
            join w in db.Set<Warehouse>() on s.WarehouseId equals w.Id
            orderby s.AtUtc descending
            select new StockOutLine(s.AtUtc, s.PartId, p.Number, p.Name, w.Name, s.Requested, s.Available, s.RequestId)
        )
            .Skip(page.Skip)
            .Take(page.PageSize)
            .ToListAsync(ct);
        return new PagedResult<StockOutLine>(items, total);
    }

    private sealed record Cell(string Key, int Year, int Month, long Quantity, long Value);

    private IQueryable<StockMovement> Consumed(DateTime from, DateTime to) =>
        db.Set<StockMovement>()
            .AsNoTracking()
            .Where(m => m.AtUtc >= from && m.AtUtc < to && (m.Kind == MovementKind.Issue || (m.Kind == MovementKind.Return && !m.Faulty)));

    public async Task<ConsumptionReport> ConsumptionAsync(DateTime from, DateTime to, ConsumptionGroup by, int top, CancellationToken ct)
    {
        top = Math.Clamp(top, 1, 20);
        var moves = Consumed(from, to);
        // Issues are negative in the ledger; consumption is what left, so the sign flips.
        var cells = by switch
        {
            ConsumptionGroup.Product => (
                await moves
                    .GroupBy(m => new
                    {
                        m.ProductId,
                        m.AtUtc.Year,
                        m.AtUtc.Month,
                    })
                    .Select(g => new
                    {
                        g.Key.ProductId,
                        g.Key.Year,
                        g.Key.Month,
                        Quantity = -g.Sum(m => m.Quantity),
                        Value = -g.Sum(m => m.Value),
                    })
                    .ToListAsync(ct)
            ).Select(c => new Cell(c.ProductId?.ToString() ?? "", c.Year, c.Month, c.Quantity, c.Value)).ToList(),
            ConsumptionGroup.Region => (
                await moves
                    .GroupBy(m => new
                    {
                        m.Region,
                        m.AtUtc.Year,
                        m.AtUtc.Month,
                    })
                    .Select(g => new
                    {
                        g.Key.Region,
                        g.Key.Year,
                        g.Key.Month,
                        Quantity = -g.Sum(m => m.Quantity),
                        Value = -g.Sum(m => m.Value),
                    })
                    .ToListAsync(ct)
            ).Select(c => new Cell(c.Region, c.Year, c.Month, c.Quantity, c.Value)).ToList(),
            _ => (
                await moves
                    .GroupBy(m => new
                    {
                        m.PartId,
                        m.AtUtc.Year,
                        m.AtUtc.Month,
                    })
                    .Select(g => new
                    {
                        g.Key.PartId,
                        g.Key.Year,
                        g.Key.Month,
                        Quantity = -g.Sum(m => m.Quantity),
                        Value = -g.Sum(m => m.Value),
                    })
                    .ToListAsync(ct)
            ).Select(c => new Cell(c.PartId.ToString(), c.Year, c.Month, c.Quantity, c.Value)).ToList(),
        };
        var months = new List<(int Year, int Month)>();
        for (var d = new DateTime(from.Year, from.Month, 1, 0, 0, 0, DateTimeKind.Utc); d < to; d = d.AddMonths(1))
            months.Add((d.Year, d.Month));
        var ranked = cells
            .GroupBy(c => c.Key)
            .Select(g => new { g.Key, Value = g.Sum(x => x.Value) })
            .OrderByDescending(g => g.Value)
            .ToList();
        var labels = await LabelsAsync(by, [.. ranked.Take(top).Select(r => r.Key)], ct);
        var series = ranked
            .Take(top)
            .Select(r => new ConsumptionSeries(
                r.Key,
                labels.GetValueOrDefault(r.Key, r.Key),
                [.. months.Select(m => cells.Where(c => c.Key == r.Key && c.Year == m.Year && c.Month == m.Month).Sum(c => c.Quantity))],
                [.. months.Select(m => cells.Where(c => c.Key == r.Key && c.Year == m.Year && c.Month == m.Month).Sum(c => c.Value))],
                r.Value
            ))
            .ToList();
        return new ConsumptionReport(
            [.. months.Select(m => $"{m.Year:0000}-{m.Month:00}")],
            series,
            cells.Sum(c => c.Value),
            cells.Sum(c => c.Quantity)
        );
    }

    private async Task<Dictionary<string, string>> LabelsAsync(ConsumptionGroup by, List<string> keys, CancellationToken ct)
    {
        switch (by)
        {
            case ConsumptionGroup.Part:
                var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).ToList();
                return await db.Set<Part>()
                    .Where(p => ids.Contains(p.Id))
                    .ToDictionaryAsync(p => p.Id.ToString(), p => $"{p.Number} {p.Name}", ct);
            case ConsumptionGroup.Product:
                return (await customers.ProductsAsync(ct)).ToDictionary(p => p.Id.ToString(), p => p.Name);
            default:
                return keys.ToDictionary(k => k, k => k.Length == 0 ? "—" : k);
        }
    }

    public async Task<List<CustomerPartsCost>> CostPerCustomerAsync(DateTime from, DateTime to, int top, CancellationToken ct)
    {
        var rows = await Consumed(from, to)
            .Where(m => m.CustomerId != null)
            .GroupBy(m => m.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key!.Value,
                Quantity = -g.Sum(m => m.Quantity),
                Cost = -g.Sum(m => m.Value),
                Billable = -g.Sum(m => m.Billable ? m.Value : 0),
            })
            .OrderByDescending(r => r.Cost)
            .Take(Math.Clamp(top, 1, 200))
            .ToListAsync(ct);
        var names = await customers.CustomerNamesAsync(rows.Select(r => r.CustomerId), ct);
        return
        [
            .. rows.Select(r => new CustomerPartsCost(
                r.CustomerId,
                names.GetValueOrDefault(r.CustomerId, "?"),
                r.Quantity,
                r.Cost,
                r.Billable
            )),
        ];
    }
}
