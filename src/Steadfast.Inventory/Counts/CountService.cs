using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Counts;

/// <summary>
/// Stock counts (盘点): open one per warehouse, enter what is on the shelf, review, post the differences as adjustments in one step.
/// </summary>
internal sealed class CountService(
    AppDbContext db,
    StockLedger ledger,
    MovementService movements,
    StockScope scope,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public async Task<PagedResult<StockCountDto>> ListAsync(Guid? warehouseId, CountStatus? status, PageRequest page, CancellationToken ct)
    {
        var visible = (await scope.WarehousesAsync(ct)).Select(w => w.Id);
        var q = db.Set<StockCount>().AsNoTracking().Where(c => visible.Contains(c.WarehouseId));
        if (warehouseId is { } w)
            q = q.Where(c => c.WarehouseId == w);
        if (status is { } s)
            q = q.Where(c => c.Status == s);
        var total = await q.CountAsync(ct);
        var items = await (
            from c in q.OrderByDescending(c => c.CreatedAtUtc).Skip(page.Skip).Take(page.PageSize)
            join wh in db.Set<Warehouse>() on c.WarehouseId equals wh.Id
            select new StockCountDto(
                c.Id,
                c.Number,
                c.WarehouseId,
                wh.Name,
                c.Status,
                c.CreatedAtUtc,
                c.CreatedBy,
                c.PostedAtUtc,
                c.PostedBy,
                c.Lines.Count,
                c.Lines.Count(l => l.Counted != null),
                c.Lines.Count(l => l.Counted != null && l.Counted != l.Expected),
                Array.Empty<CountLineDto>(),
                c.Version
            )
        ).ToListAsync(ct);
        return new PagedResult<StockCountDto>(items, total);
    }

    public async Task<StockCountDto> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<StockCount>().AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !await scope.CanSeeAsync(c.WarehouseId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var name = await db.Set<Warehouse>().Where(w => w.Id == c.WarehouseId).Select(w => w.Name).SingleAsync(ct);
        var partIds = c.Lines.Select(l => l.PartId).ToList();
        var parts = await db.Set<Part>().Where(p => partIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var balances = await db.Set<StockBalance>()
            .Where(b => b.WarehouseId == c.WarehouseId && partIds.Contains(b.PartId))
            .ToDictionaryAsync(b => b.PartId, ct);
        var items = c
            .Lines.Select(l =>
            {
                var b = balances.GetValueOrDefault(l.PartId);
                var onHand = c.Status == CountStatus.Open ? b?.Quantity ?? 0 : l.Expected;
                long? diff = l.Counted is { } n ? n - onHand : null;
                var unitCost = StockLedger.AverageCost(b?.Value ?? 0, b?.Quantity ?? 0, parts[l.PartId].UnitCost);
                return new CountLineDto(
                    l.PartId,
                    parts[l.PartId].Number,
                    parts[l.PartId].Name,
                    parts[l.PartId].Unit,
                    l.Expected,
                    onHand,
                    l.Counted,
                    diff,
                    (diff ?? 0) * unitCost
                );
            })
            .OrderBy(l => l.PartNumber, StringComparer.Ordinal)
            .ToList();
        return new StockCountDto(
            c.Id,
            c.Number,
            c.WarehouseId,
            name,
            c.Status,
            c.CreatedAtUtc,
            c.CreatedBy,
            c.PostedAtUtc,
            c.PostedBy,
            items.Count,
            items.Count(i => i.Counted != null),
            items.Count(i => i.Difference is not null and not 0),
            items,
            c.Version
        );
    }

    public async Task<StockCountDto> CreateAsync(CreateCount input, CancellationToken ct)
    {
        if (
            input.WarehouseId is not { } wid
            || !await db.Set<Warehouse>().AnyAsync(w => w.Id == wid && w.IsActive, ct)
            || !await scope.CanSeeAsync(wid, ct)
        )
            throw AppValidationException.For("warehouseId", t["Common.NotFound"]);
        if (await db.Set<StockCount>().AnyAsync(c => c.WarehouseId == wid && c.Status == CountStatus.Open, ct))
            throw new AppConflictException(t["Counts.Error.Open"]);
        var count = new StockCount
        {
            Id = Guid.CreateVersion7(),
            Number = await scope.NumberAsync("SC", ct),
            WarehouseId = wid,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Name,
        };
        count.Lines = await db.Set<StockBalance>()
            .Where(b => b.WarehouseId == wid && b.Quantity > 0)
            .Select(b => new StockCountLine
            {
                CountId = count.Id,
                PartId = b.PartId,
                Expected = b.Quantity,
            })
            .ToListAsync(ct);
        db.Add(count);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two keepers opened a count at the same moment: the unique index let one through.
            db.ChangeTracker.Clear();
            if (
                await db.Set<StockCount>()
                    .AsNoTracking()
                    .AnyAsync(c => c.WarehouseId == wid && c.Status == CountStatus.Open && c.Id != count.Id, ct)
            )
                throw new AppConflictException(t["Counts.Error.Open"]);
            throw;
        }
        return await GetAsync(count.Id, ct);
    }

    /// <summary>Records counted quantities; a part found on the shelf but not on the list is added to it.</summary>
    public async Task<StockCountDto> EnterAsync(Guid id, EnterCounts input, CancellationToken ct)
    {
        var c = await OpenCountAsync(id, input.Version, ct);
        var lines = input.Lines ?? [];
        var errors = new ValidationErrors();
        if (lines.Count is 0 or > 2000)
            errors.Add("lines", t["Common.Error.Range", 1, 2000]);
        var ids = lines.Select(l => l.PartId).OfType<Guid>().ToList();
        var known = await db.Set<Part>().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].PartId is not { } p || !known.Contains(p))
                errors.Add($"lines[{i}].partId", t["Common.NotFound"]);
            if (lines[i].Counted is < 0 or > 10_000_000)
                errors.Add($"lines[{i}].counted", t["Stock.Error.Counted"]);
        }
        errors.ThrowIfAny();
        foreach (var entry in lines)
        {
            var line = c.Lines.FirstOrDefault(l => l.PartId == entry.PartId);
            if (line is null)
                c.Lines.Add(
                    line = new StockCountLine
                    {
                        CountId = c.Id,
                        PartId = entry.PartId!.Value,
                        Expected = await ledger.AvailableAsync(entry.PartId!.Value, c.WarehouseId, ct),
                    }
                );
            line.Counted = entry.Counted;
        }
        db.Entry(c).Property(x => x.Version).IsModified = true; // entering lines is a change of the count: its version moves on
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Posts every counted line's difference against on-hand now as one adjustment each, all or nothing.</summary>
    public async Task<StockCountDto> PostAsync(Guid id, PostCount input, CancellationToken ct)
    {
        var c = await OpenCountAsync(id, input.Version, ct);
        if (c.Lines.All(l => l.Counted is null))
            throw AppValidationException.For("lines", t["Counts.Error.NothingCounted"]);
        await db.InTransactionAsync(
            async () =>
            {
                var parts = await db.Set<Part>().Where(p => c.Lines.Select(l => l.PartId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
                foreach (var line in c.Lines.Where(l => l.Counted is not null))
                {
                    var onHand = await ledger.AvailableAsync(line.PartId, c.WarehouseId, ct);
                    var diff = line.Counted!.Value - onHand;
                    line.Expected = onHand;
                    if (diff == 0)
                        continue;
                    var draft = new StockMovement
                    {
                        Kind = MovementKind.Adjust,
                        PartId = line.PartId,
                        WarehouseId = c.WarehouseId,
                        CountId = c.Id,
                        Reason = t["Counts.Reason", c.Number],
                    };
                    if (diff > 0)
                        await ledger.PutAsync(
                            draft,
                            diff,
                            diff * await movements.AverageCostAsync(parts[line.PartId], c.WarehouseId, ct),
                            ct
                        );
                    else
                        await ledger.TakeAsync(draft, -diff, ct);
                }
                c.Status = CountStatus.Posted;
                c.PostedAtUtc = clock.GetUtcNow().UtcDateTime;
                c.PostedBy = actor.Name;
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    public async Task<StockCountDto> CancelAsync(Guid id, PostCount input, CancellationToken ct)
    {
        var c = await OpenCountAsync(id, input.Version, ct);
        c.Status = CountStatus.Cancelled;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<StockCount> OpenCountAsync(Guid id, long? version, CancellationToken ct)
    {
        var c = await db.Set<StockCount>().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !await scope.CanSeeAsync(c.WarehouseId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        if (c.Status != CountStatus.Open)
            throw new AppConflictException(t["Counts.Error.Closed", c.Number]);
        if (version is { } v)
            db.ExpectVersion(c, v);
        return c;
    }
}
