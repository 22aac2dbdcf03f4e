using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;

namespace Steadfast.Inventory.Stock;

/// <summary>
/// The only code that changes stock. Every change is one movement row plus one conditional UPDATE of the
/// balance row, inside the caller's transaction:
/// - taking stock is <c>UPDATE … SET Quantity = Quantity - q WHERE Quantity >= q</c>, so two engineers
///   taking the last unit cannot both succeed on either database, and the row stays locked until commit;
/// - the value leaves at moving-average cost, computed under that lock, and the last unit takes whatever
///   value is left, so rounding never strands money in an empty bin;
/// - a check constraint keeps Quantity ≥ 0 as the last line of defence.
/// </summary>
internal sealed class StockLedger(AppDbContext db, CurrentActor actor, TimeProvider clock, Notifier notifier, IStringLocalizer<Strings> t)
{
    /// <summary>Takes stock out at moving-average cost; 409 with the quantity available when there is not enough.</summary>
    public async Task<StockMovement> TakeAsync(StockMovement draft, long quantity, CancellationToken ct)
    {
        RequireTransaction();
        var now = clock.GetUtcNow().UtcDateTime;
        var (part, wh) = (draft.PartId, draft.WarehouseId);
        var taken = await db.Set<StockBalance>()
            .Where(b => b.PartId == part && b.WarehouseId == wh && b.Quantity >= quantity)
            .ExecuteUpdateAsync(
                s => s.SetProperty(b => b.Quantity, b => b.Quantity - quantity).SetProperty(b => b.LastMovementAtUtc, now),
                ct
            );
        if (taken == 0)
        {
            var available = await AvailableAsync(part, wh, ct);
            throw Insufficient(available, quantity);
        }
        var after = await db.Set<StockBalance>()
            .AsNoTracking()
            .Where(b => b.PartId == part && b.WarehouseId == wh)
            .Select(b => new { b.Quantity, b.Value })
            .SingleAsync(ct);
        var cost = ValueOut(after.Value, after.Quantity + quantity, quantity);
        await db.Set<StockBalance>()
            .Where(b => b.PartId == part && b.WarehouseId == wh)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Value, b => b.Value - cost), ct);
        Stamp(draft, now, -quantity, -cost);
        await WarnBelowReorderAsync(part, wh, quantity, ct);
        return draft;
    }

    /// <summary>Puts stock in with its value (purchase cost, or the value it left another warehouse with).</summary>
    public async Task<StockMovement> PutAsync(StockMovement draft, long quantity, long value, CancellationToken ct)
    {
        RequireTransaction();
        var now = clock.GetUtcNow().UtcDateTime;
        var (part, wh) = (draft.PartId, draft.WarehouseId);
        var added = await db.Set<StockBalance>()
            .Where(b => b.PartId == part && b.WarehouseId == wh)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(b => b.Quantity, b => b.Quantity + quantity)
                        .SetProperty(b => b.Value, b => b.Value + value)
                        .SetProperty(b => b.LastMovementAtUtc, now),
                ct
            );
        if (added == 0)
        {
            // First stock of this part here. ON CONFLICT makes a concurrent first receipt add to the row instead of failing.
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "StockBalances" ("PartId", "WarehouseId", "Quantity", "Value") VALUES ({part}, {wh}, {quantity}, {value})
                ON CONFLICT ("PartId", "WarehouseId") DO UPDATE SET "Quantity" = "StockBalances"."Quantity" + {quantity}, "Value" =
                  "StockBalances"."Value" + {value}
                """,
                ct
            );
            await db.Set<StockBalance>()
                .Where(b => b.PartId == part && b.WarehouseId == wh)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LastMovementAtUtc, now), ct);
        }
        Stamp(draft, now, quantity, value);
        return draft;
    }

    /// <summary>
    /// The value of <paramref name="quantity"/> of <paramref name="onHand"/> units worth <paramref name="value"/> in all.
    /// </summary>
    public static long ValueOut(long value, long onHand, long quantity) =>
        quantity >= onHand ? value : (long)((Int128)value * quantity / onHand);

    /// <summary>Moving-average unit cost, fen; the standard cost when nothing is on hand.</summary>
    public static long AverageCost(long value, long onHand, long standard) =>
        onHand > 0 ? (long)Math.Round((double)value / onHand) : standard;

    public Task<long> AvailableAsync(Guid part, Guid warehouse, CancellationToken ct) =>
        db.Set<StockBalance>().Where(b => b.PartId == part && b.WarehouseId == warehouse).Select(b => b.Quantity).FirstOrDefaultAsync(ct);

    public AppConflictException Insufficient(long available, long requested) =>
        new(
            t["Stock.Error.Insufficient", available, requested],
            new Dictionary<string, object?> { ["available"] = available, ["requested"] = requested }
        );

    /// <summary>A ledger row that moves no stock: a faulty part taken off a machine.</summary>
    public StockMovement Record(StockMovement draft, long quantity, long value)
    {
        RequireTransaction();
        Stamp(draft, clock.GetUtcNow().UtcDateTime, quantity, value);
        return draft;
    }

    private void Stamp(StockMovement m, DateTime now, long quantity, long value)
    {
        m.Id = Guid.CreateVersion7();
        m.AtUtc = now;
        m.Quantity = quantity;
        m.Value = value;
        m.ActorId = actor.UserId;
        m.ActorName = actor.Name;
        db.Add(m);
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock changes run inside a transaction.");
    }

    /// <summary>Tells the warehouse when central stock of a part falls below its reorder point: once, on the crossing.</summary>
    private async Task WarnBelowReorderAsync(Guid partId, Guid warehouseId, long taken, CancellationToken ct)
    {
        if (!await db.Set<Warehouse>().AnyAsync(w => w.Id == warehouseId && w.Kind == WarehouseKind.Central, ct))
            return;
        var part = await db.Set<Part>()
            .AsNoTracking()
            .Where(p => p.Id == partId)
            .Select(p => new
            {
                p.Number,
                p.Name,
                p.ReorderPoint,
                p.ReorderQuantity,
            })
            .SingleAsync(ct);
        if (part.ReorderPoint <= 0)
            return;
        var central = await CentralOnHandAsync(partId, ct);
        if (central >= part.ReorderPoint || central + taken < part.ReorderPoint)
            return;
        var keepers = await notifier.UsersInRolesAsync([Roles.Warehouse], ct);
        await notifier.NotifyAsync(
            "PartsReorder",
            keepers,
            $"/parts?below=true&q={Uri.EscapeDataString(part.Number)}",
            [
                part.Number,
                part.Name,
                central.ToString(System.Globalization.CultureInfo.InvariantCulture),
                part.ReorderPoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
                part.ReorderQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            ct
        );
    }

    public Task<long> CentralOnHandAsync(Guid partId, CancellationToken ct) =>
        (
            from b in db.Set<StockBalance>()
            join w in db.Set<Warehouse>() on b.WarehouseId equals w.Id
            where b.PartId == partId && w.Kind == WarehouseKind.Central
            select b.Quantity
        ).SumAsync(ct);
}
