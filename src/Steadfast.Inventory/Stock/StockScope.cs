using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Ui;

namespace Steadfast.Inventory.Stock;

/// <summary>
/// Which warehouses the caller sees. Engineers see central stock and their own van, and colleagues' vans
/// only when the company allows it; every other employee sees everything. A hidden warehouse is a 404.
/// </summary>
internal sealed class StockScope(AppDbContext db, CurrentActor actor, CompanyClock company, TimeProvider clock)
{
    private static readonly string[] SeeAll = [.. Roles.Internal.Where(r => r != Roles.Engineer)];
    private bool? _otherVans;

    public bool SeesAll => SeeAll.Any(actor.IsInRole);
    public Guid? UserId => actor.UserId;
    public bool IsStockkeeper => Policies.RolesOf[Policies.Stockkeepers].Any(actor.IsInRole);
    public bool IsManager => Policies.RolesOf[Policies.ServiceManagers].Any(actor.IsInRole);

    public async Task<IQueryable<Warehouse>> WarehousesAsync(CancellationToken ct)
    {
        var all = db.Set<Warehouse>().AsNoTracking();
        if (SeesAll)
            return all;
        _otherVans ??= await db.Set<InventorySettings>().Select(s => (bool?)s.EngineersSeeOtherVans).FirstOrDefaultAsync(ct) ?? false;
        if (_otherVans == true)
            return all;
        var me = actor.UserId;
        return all.Where(w => w.Kind == WarehouseKind.Central || w.KeeperId == me);
    }

    public async Task<bool> CanSeeAsync(Guid warehouseId, CancellationToken ct) =>
        await (await WarehousesAsync(ct)).AnyAsync(w => w.Id == warehouseId, ct);

    public Task<Guid?> VanOfAsync(Guid userId, CancellationToken ct) =>
        db.Set<Warehouse>()
            .Where(w => w.Kind == WarehouseKind.Van && w.KeeperId == userId && w.IsActive)
            .Select(w => (Guid?)w.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>PR-261127-0003: a readable number, counted per company-local day.</summary>
    public async Task<string> NumberAsync(string prefix, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        var n = await db.NextAsync($"{prefix.ToLowerInvariant()}:{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", ct);
        return $"{prefix}-{today.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{n:0000}";
    }
}
