using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Stock;

/// <summary>Posting to the stock ledger by hand (receipts, transfers, scrap, adjustments), reading it, and undoing a mistake.</summary>
internal sealed class MovementService(
    AppDbContext db,
    StockLedger ledger,
    StockScope scope,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const int MaxBatch = 200;
    private static readonly MovementKind[] Postable =
    [
        MovementKind.Receive,
        MovementKind.Scrap,
        MovementKind.Adjust,
        MovementKind.TransferOut,
    ];

    public async Task<PagedResult<MovementDto>> ListAsync(MovementFilter f, PageRequest page, CancellationToken ct)
    {
        var visible = (await scope.WarehousesAsync(ct)).Select(w => w.Id);
        var q = db.Set<StockMovement>().AsNoTracking().Where(m => visible.Contains(m.WarehouseId));
        if (f.WarehouseId is { } w)
            q = q.Where(m => m.WarehouseId == w);
        if (f.PartId is { } p)
            q = q.Where(m => m.PartId == p);
        if (f.Kind is { } k)
            q = q.Where(m => m.Kind == k);
        if (f.WorkOrderId is { } wo)
            q = q.Where(m => m.WorkOrderId == wo);
        if (f.From is { } from)
            q = q.Where(m => m.AtUtc >= from);
        if (f.To is { } to)
            q = q.Where(m => m.AtUtc < to);
        return await q.ToPageAsync(s => s.OrderByDescending(m => m.AtUtc).ThenByDescending(m => m.Id), Project, page, ct);
    }

    internal IQueryable<MovementDto> Project(IQueryable<StockMovement> q) =>
        from m in q
        join p in db.Set<Part>() on m.PartId equals p.Id
        join w in db.Set<Warehouse>() on m.WarehouseId equals w.Id
        select new MovementDto(
            m.Id,
            m.AtUtc,
            m.Kind,
            m.PartId,
            p.Number,
            p.Name,
            p.Unit,
            m.WarehouseId,
            w.Name,
            m.Quantity,
            m.Value,
            m.WorkOrderNumber,
            m.WorkOrderId,
            m.Billable,
            m.Faulty,
            m.Serial,
            m.Reason,
            m.TransferId,
            m.ReversesId,
            db.Set<StockMovement>().Any(r => r.ReversesId == m.Id),
            m.ActorName
        );

    /// <summary>Posts one movement or a batch: every line is checked first, then all are written in one transaction or none.</summary>
    public async Task<List<MovementDto>> PostAsync(IReadOnlyList<PostMovement> lines, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (lines.Count is 0 or > MaxBatch)
            errors.Add("movements", t["Common.Error.Range", 1, MaxBatch]);
        errors.ThrowIfAny();
        var partIds = lines.Select(l => l.PartId).OfType<Guid>().Distinct().ToList();
        var parts = await db.Set<Part>().AsNoTracking().Where(p => partIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var warehouseIds = lines.SelectMany(l => new[] { l.WarehouseId, l.ToWarehouseId }).OfType<Guid>().Distinct().ToList();
        var warehouses = await db.Set<Warehouse>().AsNoTracking().Where(w => warehouseIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            var at = lines.Count == 1 ? "" : $"movements[{i}].";
            if (l.Kind is not { } kind || !Postable.Contains(kind))
                errors.Add(at + "kind", t["Stock.Error.Kind"]);
            if (l.PartId is not { } pid || !parts.TryGetValue(pid, out var part))
            {
                errors.Add(at + "partId", t["Common.NotFound"]);
                part = null;
            }
            if (l.WarehouseId is not { } wid || !warehouses.TryGetValue(wid, out var wh) || !wh.IsActive)
                errors.Add(at + "warehouseId", t["Common.NotFound"]);
            if (
                l.Kind == MovementKind.Adjust
                    ? l.Quantity is null or 0 or < -1_000_000 or > 1_000_000
                    : l.Quantity is null or < 1 or > 1_000_000
            )
                errors.Add(at + "quantity", t["Stock.Error.Quantity"]);
            if (part is not null && l.Unit is { } unit && !string.Equals(unit.Trim(), part.Unit, StringComparison.OrdinalIgnoreCase))
                errors.Add(at + "unit", t["Stock.Error.Unit", part.Unit]);
            if (l.Kind == MovementKind.Receive && l.UnitCost is < 0 or > 100_000_000_00)
                errors.Add(at + "unitCost", t["Common.Error.Range", 0, 100_000_000_00]);
            if (l.Kind is MovementKind.Scrap or MovementKind.Adjust && string.IsNullOrWhiteSpace(l.Reason))
                errors.Add(at + "reason", t["Stock.Error.Reason"]);
            if (l.Reason is { Length: > 500 })
                errors.Add(at + "reason", t["Common.Error.MaxLength", 500]);
            if (l.Kind == MovementKind.TransferOut)
            {
                if (l.ToWarehouseId is not { } to || !warehouses.TryGetValue(to, out var dest) || !dest.IsActive)
                    errors.Add(at + "toWarehouseId", t["Common.NotFound"]);
                else if (to == l.WarehouseId)
                    errors.Add(at + "toWarehouseId", t["Stock.Error.SameWarehouse"]);
            }
        }
        errors.ThrowIfAny();
        return await db.InTransactionAsync(
            async () =>
            {
                var posted = new List<StockMovement>();
                var transfers = new Dictionary<(Guid, Guid), Transfer>();
                foreach (var l in lines)
                {
                    var part = parts[l.PartId!.Value];
                    var draft = new StockMovement
                    {
                        Kind = l.Kind!.Value,
                        PartId = part.Id,
                        WarehouseId = l.WarehouseId!.Value,
                        Reason = l.Reason?.Trim() ?? "",
                    };
                    var q = l.Quantity!.Value;
                    switch (l.Kind)
                    {
                        case MovementKind.Receive:
                            posted.Add(await ledger.PutAsync(draft, q, q * (l.UnitCost ?? part.UnitCost), ct));
                            break;
                        case MovementKind.Adjust when q > 0:
                            posted.Add(await ledger.PutAsync(draft, q, q * await AverageCostAsync(part, draft.WarehouseId, ct), ct));
                            break;
                        case MovementKind.Adjust or MovementKind.Scrap:
                            posted.Add(await ledger.TakeAsync(draft, Math.Abs(q), ct));
                            break;
                        case MovementKind.TransferOut:
                            var key = (draft.WarehouseId, l.ToWarehouseId!.Value);
                            if (!transfers.TryGetValue(key, out var transfer))
                                transfers[key] = transfer = await NewTransferAsync(draft.WarehouseId, key.Item2, null, l.Reason, ct);
                            draft.TransferId = transfer.Id;
                            var m = await ledger.TakeAsync(draft, q, ct);
                            AddLine(transfer, part.Id, q, -m.Value);
                            posted.Add(m);
                            break;
                    }
                }
                await db.SaveChangesAsync(ct);
                var ids = posted.Select(p => p.Id).ToList();
                return (await Project(db.Set<StockMovement>().Where(m => ids.Contains(m.Id))).ToListAsync(ct))
                    .OrderBy(m => ids.IndexOf(m.Id))
                    .ToList();
            },
            ct
        );
    }

    internal async Task<long> AverageCostAsync(Part part, Guid warehouseId, CancellationToken ct)
    {
        var b = await db.Set<StockBalance>()
            .AsNoTracking()
            .Where(x => x.PartId == part.Id && x.WarehouseId == warehouseId)
            .Select(x => new { x.Quantity, x.Value })
            .FirstOrDefaultAsync(ct);
        return StockLedger.AverageCost(b?.Value ?? 0, b?.Quantity ?? 0, part.UnitCost);
    }

    internal async Task<Transfer> NewTransferAsync(Guid from, Guid to, Guid? requestId, string? note, CancellationToken ct)
    {
        var transfer = new Transfer
        {
            Id = Guid.CreateVersion7(),
            Number = await scope.NumberAsync("TR", ct),
            FromWarehouseId = from,
            ToWarehouseId = to,
            RequestId = requestId,
            SentAtUtc = clock.GetUtcNow().UtcDateTime,
            SentBy = actor.Name,
            Note = note?.Trim() ?? "",
        };
        db.Add(transfer);
        return transfer;
    }

    internal static void AddLine(Transfer transfer, Guid partId, long quantity, long value)
    {
        var line = transfer.Lines.FirstOrDefault(x => x.PartId == partId);
        if (line is null)
            transfer.Lines.Add(
                new TransferLine
                {
                    TransferId = transfer.Id,
                    PartId = partId,
                    Quantity = quantity,
                    Value = value,
                }
            );
        else
            (line.Quantity, line.Value) = (line.Quantity + quantity, line.Value + value);
    }

    /// <summary>
    /// Undoes a receipt, scrap or adjustment with the opposite movement. Issues and returns are undone by a
    /// return or an issue on the work order, and transfers by a transfer back, so the order's cost stays true.
    /// </summary>
    public async Task<MovementDto> ReverseAsync(Guid id, ReverseMovement input, CancellationToken ct)
    {
        var original = await db.Set<StockMovement>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (original is null || !await scope.CanSeeAsync(original.WarehouseId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 500)
            throw AppValidationException.For("reason", t["Stock.Error.Reason"]);
        if (original.Kind is not (MovementKind.Receive or MovementKind.Scrap or MovementKind.Adjust) || original.ReversesId is not null)
            throw new AppConflictException(t["Stock.Error.NotReversible"]);
        if (await db.Set<StockMovement>().AnyAsync(m => m.ReversesId == id, ct))
            throw new AppConflictException(t["Stock.Error.Reversed"]);
        return await db.InTransactionAsync(
            async () =>
            {
                var draft = new StockMovement
                {
                    Kind = original.Kind,
                    PartId = original.PartId,
                    WarehouseId = original.WarehouseId,
                    ReversesId = id,
                    Reason = input.Reason.Trim(),
                };
                var m =
                    original.Quantity > 0
                        ? await ledger.TakeAsync(draft, original.Quantity, ct)
                        : await ledger.PutAsync(draft, -original.Quantity, -original.Value, ct);
                await db.SaveChangesAsync(ct);
                return await Project(db.Set<StockMovement>().Where(x => x.Id == m.Id)).SingleAsync(ct);
            },
            ct
        );
    }

    public async Task<PagedResult<TransferDto>> TransfersAsync(
        Guid? warehouseId,
        TransferStatus? status,
        PageRequest page,
        CancellationToken ct
    )
    {
        var visible = (await scope.WarehousesAsync(ct)).Select(w => w.Id);
        var q = db.Set<Transfer>().AsNoTracking().Where(x => visible.Contains(x.FromWarehouseId) || visible.Contains(x.ToWarehouseId));
        if (warehouseId is { } w)
            q = q.Where(x => x.FromWarehouseId == w || x.ToWarehouseId == w);
        if (status is { } s)
            q = q.Where(x => x.Status == s);
        var total = await q.CountAsync(ct);
        var ids = await q.OrderByDescending(x => x.SentAtUtc).Skip(page.Skip).Take(page.PageSize).Select(x => x.Id).ToListAsync(ct);
        var items = new List<TransferDto>();
        foreach (var id in ids)
            items.Add(await TransferAsync(id, ct));
        return new PagedResult<TransferDto>(items, total);
    }

    public async Task<TransferDto> TransferAsync(Guid id, CancellationToken ct)
    {
        var x = await db.Set<Transfer>().AsNoTracking().Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (x is null || !(await scope.CanSeeAsync(x.FromWarehouseId, ct) || await scope.CanSeeAsync(x.ToWarehouseId, ct)))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var names = await db.Set<Warehouse>()
            .Where(w => w.Id == x.FromWarehouseId || w.Id == x.ToWarehouseId)
            .ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var partIds = x.Lines.Select(l => l.PartId).ToList();
        var parts = await db.Set<Part>().Where(p => partIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Number, p.Name }, ct);
        return new TransferDto(
            x.Id,
            x.Number,
            x.FromWarehouseId,
            names[x.FromWarehouseId],
            x.ToWarehouseId,
            names[x.ToWarehouseId],
            x.Status,
            x.SentAtUtc,
            x.SentBy,
            x.ReceivedAtUtc,
            x.ReceivedBy,
            [.. x.Lines.Select(l => new TransferLineDto(l.PartId, parts[l.PartId].Number, parts[l.PartId].Name, l.Quantity, l.Value))],
            x.Version
        );
    }

    /// <summary>Books a transfer in at its destination, at the value it left with. Once: a second receipt is a 409.</summary>
    public async Task<TransferDto> ReceiveTransferAsync(Guid id, long? version, CancellationToken ct)
    {
        var x = await db.Set<Transfer>().Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (x is null || !await scope.CanSeeAsync(x.ToWarehouseId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var keeper = await db.Set<Warehouse>().Where(w => w.Id == x.ToWarehouseId).Select(w => w.KeeperId).SingleAsync(ct);
        if (!scope.IsStockkeeper && keeper != scope.UserId)
            throw new AppConflictException(t["Stock.Error.NotYourTransfer"]);
        if (x.Status != TransferStatus.InTransit)
            throw new AppConflictException(t["Stock.Error.AlreadyReceived", x.Number]);
        if (version is { } v)
            db.ExpectVersion(x, v);
        await db.InTransactionAsync(
            async () =>
            {
                foreach (var line in x.Lines)
                    await ledger.PutAsync(
                        new StockMovement
                        {
                            Kind = MovementKind.TransferIn,
                            PartId = line.PartId,
                            WarehouseId = x.ToWarehouseId,
                            TransferId = x.Id,
                            RequestId = x.RequestId,
                        },
                        line.Quantity,
                        line.Value,
                        ct
                    );
                x.Status = TransferStatus.Received;
                x.ReceivedAtUtc = clock.GetUtcNow().UtcDateTime;
                x.ReceivedBy = actor.Name;
                // The version check in SaveChanges is what stops two simultaneous receipts: the loser's transaction rolls back, stock
                // included.
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await TransferAsync(id, ct);
    }
}
