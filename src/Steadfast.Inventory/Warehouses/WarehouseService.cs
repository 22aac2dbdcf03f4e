using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Stock;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Warehouses;

/// <summary>Warehouses and van stock, what each holds and is worth, and the inventory switches.</summary>
internal sealed class WarehouseService(AppDbContext db, StockScope scope, IStringLocalizer<Strings> t)
{
    public async Task<List<WarehouseDto>> ListAsync(CancellationToken ct)
    {
        var visible = await scope.WarehousesAsync(ct);
        return await (
            from w in visible
            orderby w.Kind, w.Code
            select new WarehouseDto(
                w.Id,
                w.Code,
                w.Name,
                w.Kind,
                w.KeeperId,
                db.Users.Where(u => u.Id == w.KeeperId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                w.Region,
                w.IsActive,
                db.Set<StockBalance>().Count(b => b.WarehouseId == w.Id && b.Quantity > 0),
                db.Set<StockBalance>().Where(b => b.WarehouseId == w.Id).Sum(b => (long?)b.Quantity) ?? 0,
                db.Set<StockBalance>().Where(b => b.WarehouseId == w.Id).Sum(b => (long?)b.Value) ?? 0,
                db.Set<Transfer>()
                    .Where(x => x.ToWarehouseId == w.Id && x.Status == TransferStatus.InTransit)
                    .SelectMany(x => x.Lines)
                    .Sum(l => (long?)l.Quantity)
                    ?? 0,
                w.Version
            )
        ).ToListAsync(ct);
    }

    public async Task<WarehouseDto> GetAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(w => w.Id == id) ?? throw new AppNotFoundException(t["Common.NotFound"]);

    public async Task<WarehouseDto> SaveAsync(Guid? id, SaveWarehouse input, CancellationToken ct)
    {
        var w = id is null
            ? new Warehouse { Id = Guid.CreateVersion7() }
            : await db.Set<Warehouse>().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        var code = input.Code?.Trim() ?? w.Code;
        if (code.Length is 0 or > 20)
            errors.Add("code", t["Common.Error.Required"]);
        else if (await db.Set<Warehouse>().AnyAsync(x => x.Code == code && x.Id != w.Id, ct))
            errors.Add("code", t["Warehouses.Error.CodeTaken"]);
        var name = input.Name?.Trim() ?? w.Name;
        if (name.Length is 0 or > 100)
            errors.Add("name", t["Common.Error.Required"]);
        var kind = input.Kind ?? w.Kind;
        if (!Enum.IsDefined(kind))
            errors.Add("kind", t["Common.Error.Choice"]);
        if (id is not null && kind != w.Kind)
            errors.Add("kind", t["Warehouses.Error.KindFixed"]);
        var keeper = input.KeeperId ?? w.KeeperId;
        if (keeper is { } k)
        {
            var user = await db.ActiveInRoles([.. Roles.Internal]).Where(u => u.Id == k).Select(u => new { u.Id }).FirstOrDefaultAsync(ct);
            if (user is null)
                errors.Add("keeperId", t["Warehouses.Error.Keeper"]);
            else if (kind == WarehouseKind.Van && !await db.ActiveInRoles([Roles.Engineer]).AnyAsync(u => u.Id == k, ct))
                errors.Add("keeperId", t["Warehouses.Error.VanKeeper"]);
            else if (
                kind == WarehouseKind.Van
                && await db.Set<Warehouse>().AnyAsync(x => x.Kind == WarehouseKind.Van && x.KeeperId == k && x.Id != w.Id, ct)
            )
                errors.Add("keeperId", t["Warehouses.Error.OneVan"]);
        }
        else if (kind == WarehouseKind.Van)
            errors.Add("keeperId", t["Warehouses.Error.VanKeeper"]);
        if (input.Region is { Length: > 50 })
            errors.Add("region", t["Common.Error.MaxLength", 50]);
        if (id is not null && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        errors.ThrowIfAny();
        if (id is not null)
            db.ExpectVersion(w, input.Version!.Value);
        (w.Code, w.Name, w.Kind, w.KeeperId) = (code, name, kind, keeper);
        w.Region = input.Region?.Trim() ?? w.Region;
        w.IsActive = input.IsActive ?? w.IsActive;
        if (id is null)
            db.Add(w);
        await db.SaveChangesAsync(ct);
        return await GetAsync(w.Id, ct);
    }

    public async Task<PagedResult<StockLine>> StockAsync(
        Guid warehouseId,
        string? q,
        bool includeEmpty,
        PageRequest page,
        CancellationToken ct
    )
    {
        if (!await scope.CanSeeAsync(warehouseId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var rows =
            from b in db.Set<StockBalance>().AsNoTracking()
            join p in db.Set<Part>() on b.PartId equals p.Id
            where b.WarehouseId == warehouseId && (includeEmpty || b.Quantity > 0)
            select new { b, p };
        if (!string.IsNullOrWhiteSpace(q))
            rows = rows.Where(r => r.p.Number.StartsWith(q.Trim()) || r.p.Name.Contains(q.Trim()));
        var total = await rows.CountAsync(ct);
        var items =
            total == 0
                ? []
                : await rows.OrderBy(r => r.p.Number)
                    .Skip(page.Skip)
                    .Take(page.PageSize)
                    .Select(r => new
                    {
                        r.p.Id,
                        r.p.Number,
                        r.p.Name,
                        r.p.Specification,
                        r.p.Unit,
                        r.b.Quantity,
                        r.b.Value,
                        r.p.UnitCost,
                        r.p.ReorderPoint,
                        r.b.LastMovementAtUtc,
                    })
                    .ToListAsync(ct);
        return new PagedResult<StockLine>(
            [
                .. items.Select(i => new StockLine(
                    i.Id,
                    i.Number,
                    i.Name,
                    i.Specification,
                    i.Unit,
                    i.Quantity,
                    i.Value,
                    StockLedger.AverageCost(i.Value, i.Quantity, i.UnitCost),
                    i.ReorderPoint,
                    i.LastMovementAtUtc
                )),
            ],
            total
        );
    }

    /// <summary>Where a part is, in the warehouses the caller may see.</summary>
    public async Task<List<PartStock>> PartStockAsync(Guid partId, CancellationToken ct)
    {
        var visible = await scope.WarehousesAsync(ct);
        return await (
            from b in db.Set<StockBalance>().AsNoTracking()
            join w in visible on b.WarehouseId equals w.Id
            where b.PartId == partId
            orderby w.Kind, w.Code
            select new PartStock(w.Id, w.Code, w.Name, w.Kind, b.Quantity, b.Value, b.LastMovementAtUtc)
        ).ToListAsync(ct);
    }

    public async Task<InventorySettingsDto> SettingsAsync(CancellationToken ct)
    {
        var s = await db.Set<InventorySettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new InventorySettings();
        return new InventorySettingsDto(s.DeadStockDays, s.EngineersSeeOtherVans, s.Version);
    }

    public async Task<InventorySettingsDto> SaveSettingsAsync(SaveInventorySettings input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.DeadStockDays is < 30 or > 3650)
            errors.Add("deadStockDays", t["Common.Error.Range", 30, 3650]);
        errors.ThrowIfAny();
        var s = await db.Set<InventorySettings>().FirstOrDefaultAsync(ct);
        if (s is null)
            db.Add(s = new InventorySettings());
        else if (input.Version is { } v)
            db.ExpectVersion(s, v);
        s.DeadStockDays = input.DeadStockDays ?? s.DeadStockDays;
        s.EngineersSeeOtherVans = input.EngineersSeeOtherVans ?? s.EngineersSeeOtherVans;
        await db.SaveChangesAsync(ct);
        return await SettingsAsync(ct);
    }

    /// <summary>People who can keep a warehouse or a van, for the picker.</summary>
    public Task<List<KeeperOption>> KeepersAsync(WarehouseKind kind, CancellationToken ct) =>
        db.ActiveInRoles(kind == WarehouseKind.Van ? [Roles.Engineer] : [Roles.Warehouse, Roles.Admin, Roles.ServiceManager])
            .OrderBy(u => u.DisplayName)
            .Select(u => new KeeperOption(u.Id, u.DisplayName))
            .ToListAsync(ct);
}
