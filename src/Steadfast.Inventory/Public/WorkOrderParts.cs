using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Requests;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Public;

/// <summary>
/// Use a part on a work order: by id or part number, from your van unless a warehouse is named. A part that does not fit the machine needs
/// an override reason and the right to override.
/// </summary>
public sealed record IssuePart(
    Guid? PartId,
    string? PartNumber,
    long? Quantity,
    bool? Billable,
    string? OverrideReason,
    Guid? WarehouseId,
    string? Unit
);

/// <summary>
/// Give back a part: good ones go back into the van at the cost they left with; faulty ones (旧件) are recorded with their serial, not
/// stocked.
/// </summary>
public sealed record ReturnPart(
    Guid? PartId,
    string? PartNumber,
    long? Quantity,
    bool? Faulty,
    string? Serial,
    Guid? WarehouseId,
    string? Reason
);

public sealed record WorkOrderPartLine(
    Guid MovementId,
    DateTime At,
    MovementKind Kind,
    Guid PartId,
    string PartNumber,
    string PartName,
    string Unit,
    long Quantity,
    long Cost,
    bool Billable,
    bool Faulty,
    string Serial,
    string Reason,
    string WarehouseName,
    string ActorName
);

/// <summary>A part in a van, for the engineer's picker: does it fit the machine, how many, at what cost.</summary>
public sealed record PickablePart(
    Guid PartId,
    string Number,
    string Name,
    string Specification,
    string Unit,
    long OnHand,
    long AverageCost,
    bool Fits
);

/// <summary>
/// Parts on work orders, for the service module: what was used, issuing from van stock at moving-average
/// cost, returns, and the cost that lands on the order. Runs in the caller's transaction when there is one,
/// so the order's cost and the ledger commit together.
/// </summary>
public sealed class WorkOrderParts
{
    private readonly AppDbContext db;
    private readonly StockLedger ledger;
    private readonly StockScope scope;
    private readonly PartService parts;
    private readonly IStringLocalizer<Strings> t;

    internal WorkOrderParts(AppDbContext db, StockLedger ledger, StockScope scope, PartService parts, IStringLocalizer<Strings> t) =>
        (this.db, this.ledger, this.scope, this.parts, this.t) = (db, ledger, scope, parts, t);

    public async Task<List<WorkOrderPartLine>> LinesAsync(Guid workOrderId, CancellationToken ct) =>
        await (
            from m in db.Set<StockMovement>().AsNoTracking()
            join p in db.Set<Part>() on m.PartId equals p.Id
            join w in db.Set<Warehouse>() on m.WarehouseId equals w.Id
            where m.WorkOrderId == workOrderId && (m.Kind == MovementKind.Issue || m.Kind == MovementKind.Return)
            orderby m.AtUtc
            select new WorkOrderPartLine(
                m.Id,
                m.AtUtc,
                m.Kind,
                m.PartId,
                p.Number,
                p.Name,
                p.Unit,
                m.Kind == MovementKind.Issue ? -m.Quantity
                    : m.Faulty ? m.FaultyQuantity
                    : m.Quantity,
                -m.Value,
                m.Billable,
                m.Faulty,
                m.Serial,
                m.Reason,
                w.Name,
                m.ActorName
            )
        ).ToListAsync(ct);

    /// <summary>Stock parts on the order at cost, net of good returns, fen.</summary>
    public async Task<long> CostAsync(Guid workOrderId, CancellationToken ct) =>
        -(
            await db.Set<StockMovement>()
                .Where(m => m.WorkOrderId == workOrderId && (m.Kind == MovementKind.Issue || m.Kind == MovementKind.Return))
                .SumAsync(m => (long?)m.Value, ct)
            ?? 0
        );

    /// <summary>The same cost part by part (fen, net of good returns): what a contract covering some parts needs.</summary>
    public async Task<Dictionary<Guid, long>> CostByPartAsync(Guid workOrderId, CancellationToken ct) =>
        await db.Set<StockMovement>()
            .Where(m => m.WorkOrderId == workOrderId && (m.Kind == MovementKind.Issue || m.Kind == MovementKind.Return))
            .GroupBy(m => m.PartId)
            .Select(g => new { g.Key, Cost = -g.Sum(m => m.Value) })
            .ToDictionaryAsync(x => x.Key, x => x.Cost, ct);

    /// <summary>The caller's van, if they have one.</summary>
    public Task<Guid?> MyVanAsync(CancellationToken ct) => scope.UserId is { } u ? scope.VanOfAsync(u, ct) : Task.FromResult<Guid?>(null);

    public async Task<List<PickablePart>> PickListAsync(Guid? warehouseId, Guid? productId, string? q, bool fitsOnly, CancellationToken ct)
    {
        var wh = warehouseId ?? await MyVanAsync(ct);
        if (wh is not { } w || !await scope.CanSeeAsync(w, ct))
            return [];
        var rows =
            from b in db.Set<StockBalance>().AsNoTracking()
            join p in db.Set<Part>() on b.PartId equals p.Id
            where b.WarehouseId == w && b.Quantity > 0 && p.IsActive
            select new
            {
                p,
                b.Quantity,
                b.Value,
                Fits = productId == null
                    || !db.Set<PartProduct>().Any(x => x.PartId == p.Id)
                    || db.Set<PartProduct>().Any(x => x.PartId == p.Id && x.ProductId == productId),
            };
        if (!string.IsNullOrWhiteSpace(q))
            rows = rows.Where(r => r.p.Number.StartsWith(q.Trim()) || r.p.Name.Contains(q.Trim()));
        if (fitsOnly)
            rows = rows.Where(r => r.Fits);
        var list = await rows.OrderByDescending(r => r.Fits)
            .ThenBy(r => r.p.Number)
            .Take(100)
            .Select(r => new
            {
                r.p.Id,
                r.p.Number,
                r.p.Name,
                r.p.Specification,
                r.p.Unit,
                r.p.UnitCost,
                r.Quantity,
                r.Value,
                r.Fits,
            })
            .ToListAsync(ct);
        return
        [
            .. list.Select(r => new PickablePart(
                r.Id,
                r.Number,
                r.Name,
                r.Specification,
                r.Unit,
                r.Quantity,
                StockLedger.AverageCost(r.Value, r.Quantity, r.UnitCost),
                r.Fits
            )),
        ];
    }

    public async Task<WorkOrderPartLine> IssueAsync(WorkOrderRef order, IssuePart input, bool mayOverride, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var part = await FindPartAsync(input.PartId, input.PartNumber, errors, ct);
        if (input.Quantity is null or < 1 or > 10_000)
            errors.Add("quantity", t["Stock.Error.Quantity"]);
        if (part is not null && input.Unit is { } unit && !string.Equals(unit.Trim(), part.Unit, StringComparison.OrdinalIgnoreCase))
            errors.Add("unit", t["Stock.Error.Unit", part.Unit]);
        var warehouse = await WarehouseAsync(input.WarehouseId, errors, ct);
        if (input.OverrideReason is { Length: > 500 })
            errors.Add("overrideReason", t["Common.Error.MaxLength", 500]);
        var reason = "";
        if (part is not null && !await parts.FitsAsync(part.Id, order.ProductId, ct))
        {
            // Someone who approved a request for this part on this order, knowing it does not fit, has already made the call.
            var approved = await db.Set<PartRequest>()
                .AnyAsync(
                    r =>
                        r.WorkOrderId == order.Id
                        && (r.Status == RequestStatus.Approved || r.Status == RequestStatus.Received)
                        && !r.FitsMachine
                        && r.ApprovalId != null
                        && r.Lines.Any(l => l.PartId == part.Id),
                    ct
                );
            if (approved)
                reason = t["WorkOrderParts.ApprovedOverride"];
            else if (!mayOverride)
                errors.Add("partId", t["WorkOrderParts.Error.DoesNotFit"]);
            else if (string.IsNullOrWhiteSpace(input.OverrideReason))
                errors.Add("overrideReason", t["WorkOrderParts.Error.OverrideReason"]);
            else
                reason = input.OverrideReason.Trim();
        }
        errors.ThrowIfAny();
        var draft = new StockMovement
        {
            Kind = MovementKind.Issue,
            PartId = part!.Id,
            WarehouseId = warehouse!.Value,
            WorkOrderId = order.Id,
            WorkOrderNumber = order.Number,
            CustomerId = order.CustomerId,
            MachineId = order.MachineId,
            ProductId = order.ProductId,
            Region = order.Region,
            Billable = input.Billable ?? !order.InWarranty,
            Reason = reason,
        };
        return await db.InTransactionAsync(
            async () =>
            {
                var m = await ledger.TakeAsync(draft, input.Quantity!.Value, ct);
                await db.SaveChangesAsync(ct);
                return (await LinesAsync(order.Id, ct)).Single(l => l.MovementId == m.Id);
            },
            ct
        );
    }

    public async Task<WorkOrderPartLine> ReturnAsync(WorkOrderRef order, ReturnPart input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var part = await FindPartAsync(input.PartId, input.PartNumber, errors, ct);
        if (input.Quantity is null or < 1 or > 10_000)
            errors.Add("quantity", t["Stock.Error.Quantity"]);
        var faulty = input.Faulty ?? false;
        if (input.Serial is { Length: > 100 })
            errors.Add("serial", t["Common.Error.MaxLength", 100]);
        if (faulty && part is { Serialized: true } && string.IsNullOrWhiteSpace(input.Serial))
            errors.Add("serial", t["WorkOrderParts.Error.Serial"]);
        if (input.Reason is { Length: > 500 })
            errors.Add("reason", t["Common.Error.MaxLength", 500]);
        var warehouse = await WarehouseAsync(input.WarehouseId, errors, ct);
        errors.ThrowIfAny();
        // Good returns come back at what this order paid for them, and never more than it took.
        var used = await db.Set<StockMovement>()
            .Where(m =>
                m.WorkOrderId == order.Id && m.PartId == part!.Id && (m.Kind == MovementKind.Issue || m.Kind == MovementKind.Return)
            )
            .GroupBy(m => 1)
            .Select(g => new { Quantity = -g.Sum(m => m.Quantity), Value = -g.Sum(m => m.Value) })
            .FirstOrDefaultAsync(ct);
        var q = input.Quantity!.Value;
        if (!faulty && (used is null || used.Quantity < q))
            throw AppValidationException.For("quantity", t["WorkOrderParts.Error.MoreThanUsed", used?.Quantity ?? 0]);
        var draft = new StockMovement
        {
            Kind = MovementKind.Return,
            PartId = part!.Id,
            WarehouseId = warehouse!.Value,
            WorkOrderId = order.Id,
            WorkOrderNumber = order.Number,
            CustomerId = order.CustomerId,
            MachineId = order.MachineId,
            ProductId = order.ProductId,
            Region = order.Region,
            Faulty = faulty,
            FaultyQuantity = faulty ? q : 0,
            Serial = input.Serial?.Trim() ?? "",
            Reason = input.Reason?.Trim() ?? "",
        };
        return await db.InTransactionAsync(
            async () =>
            {
                var m = faulty
                    ? ledger.Record(draft, 0, 0)
                    : await ledger.PutAsync(draft, q, StockLedger.ValueOut(used!.Value, used.Quantity, q), ct);
                await db.SaveChangesAsync(ct);
                return (await LinesAsync(order.Id, ct)).Single(l => l.MovementId == m.Id);
            },
            ct
        );
    }

    private async Task<Part?> FindPartAsync(Guid? id, string? number, ValidationErrors errors, CancellationToken ct)
    {
        var text = number?.Trim();
        var part =
            id is { } pid ? await db.Set<Part>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, ct)
            : string.IsNullOrEmpty(text) ? null
            : await db.Set<Part>().AsNoTracking().SingleOrDefaultAsync(p => p.Number == text, ct);
        if (part is null)
            errors.Add(id is null && text is not null ? "partNumber" : "partId", t["Common.NotFound"]);
        return part;
    }

    /// <summary>Engineers use their own van; the desk and the warehouse may name any warehouse.</summary>
    private async Task<Guid?> WarehouseAsync(Guid? requested, ValidationErrors errors, CancellationToken ct)
    {
        var mine = await MyVanAsync(ct);
        var wh = requested ?? mine;
        if (wh is null)
            errors.Add("warehouseId", t["Requests.Error.NoVan"]);
        else if (!scope.SeesAll && wh != mine)
            errors.Add("warehouseId", t["WorkOrderParts.Error.OwnVan"]);
        else if (!await db.Set<Warehouse>().AnyAsync(w => w.Id == wh && w.IsActive, ct))
            errors.Add("warehouseId", t["Common.NotFound"]);
        return wh;
    }
}
