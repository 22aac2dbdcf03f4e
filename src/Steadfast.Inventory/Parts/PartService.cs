using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Parts;

public sealed record PartDto(
    Guid Id,
    string Number,
    string Name,
    string Specification,
    string Unit,
    long UnitCost,
    long SalePrice,
    int ReorderPoint,
    int ReorderQuantity,
    int? LifeDays,
    int? LifeHours,
    bool Serialized,
    bool IsActive,
    IReadOnlyList<Guid> ProductIds,
    long OnHand,
    long CentralOnHand,
    long StockValue,
    long AverageCost,
    CustomFieldValues CustomFields,
    long Version
);

public sealed record PartListItem(
    Guid Id,
    string Number,
    string Name,
    string Specification,
    string Unit,
    long UnitCost,
    int ReorderPoint,
    long OnHand,
    long CentralOnHand,
    long StockValue,
    bool BelowReorder,
    bool IsActive
);

public sealed record SavePart(
    string? Number,
    string? Name,
    string? Specification,
    string? Unit,
    long? UnitCost,
    long? SalePrice,
    int? ReorderPoint,
    int? ReorderQuantity,
    int? LifeDays,
    int? LifeHours,
    bool? Serialized,
    bool? IsActive,
    List<Guid>? ProductIds,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

/// <summary>The parts catalogue (备件目录): numbers, costs, which models each part fits, and what is on hand.</summary>
internal sealed class PartService(AppDbContext db, CustomFieldService fields, CustomerDirectory customers, IStringLocalizer<Strings> t)
{
    public const string RecordType = "part";
    private const long MaxMoney = 100_000_000_00;

    public async Task<PagedResult<PartListItem>> ListAsync(
        string? q,
        bool belowReorder,
        bool? active,
        Guid? productId,
        PageRequest page,
        CancellationToken ct
    )
    {
        var parts = db.Set<Part>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            parts = parts.Where(p => p.Number.StartsWith(text) || p.Name.Contains(text) || p.Specification.Contains(text));
        }
        if (active is { } a)
            parts = parts.Where(p => p.IsActive == a);
        // Fits the model: listed for it, or listed for none (universal).
        if (productId is { } pid)
            parts = parts.Where(p =>
                db.Set<PartProduct>().Any(x => x.PartId == p.Id && x.ProductId == pid) || !db.Set<PartProduct>().Any(x => x.PartId == p.Id)
            );
        var rows =
            from p in parts
            select new
            {
                Part = p,
                OnHand = db.Set<StockBalance>().Where(b => b.PartId == p.Id).Sum(b => (long?)b.Quantity) ?? 0,
                Central = (
                    from b in db.Set<StockBalance>()
                    join w in db.Set<Warehouse>() on b.WarehouseId equals w.Id
                    where b.PartId == p.Id && w.Kind == WarehouseKind.Central
                    select (long?)b.Quantity
                ).Sum() ?? 0,
                Value = db.Set<StockBalance>().Where(b => b.PartId == p.Id).Sum(b => (long?)b.Value) ?? 0,
            };
        if (belowReorder)
            rows = rows.Where(r => r.Part.ReorderPoint > 0 && r.Central < r.Part.ReorderPoint && r.Part.IsActive);
        var total = await rows.CountAsync(ct);
        var items =
            total == 0
                ? []
                : await rows.OrderBy(r => r.Part.Number)
                    .Skip(page.Skip)
                    .Take(page.PageSize)
                    .Select(r => new PartListItem(
                        r.Part.Id,
                        r.Part.Number,
                        r.Part.Name,
                        r.Part.Specification,
                        r.Part.Unit,
                        r.Part.UnitCost,
                        r.Part.ReorderPoint,
                        r.OnHand,
                        r.Central,
                        r.Value,
                        r.Part.ReorderPoint > 0 && r.Central < r.Part.ReorderPoint,
                        r.Part.IsActive
                    ))
                    .ToListAsync(ct);
        return new PagedResult<PartListItem>(items, total);
    }

    public async Task<PartDto> GetAsync(Guid id, CancellationToken ct)
    {
        var p = await db.Set<Part>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var products = await db.Set<PartProduct>().Where(x => x.PartId == id).Select(x => x.ProductId).ToListAsync(ct);
        var stock = await (
            from b in db.Set<StockBalance>()
            join w in db.Set<Warehouse>() on b.WarehouseId equals w.Id
            where b.PartId == id
            select new
            {
                b.Quantity,
                b.Value,
                w.Kind,
            }
        ).ToListAsync(ct);
        var (onHand, value) = (stock.Sum(s => s.Quantity), stock.Sum(s => s.Value));
        return new PartDto(
            p.Id,
            p.Number,
            p.Name,
            p.Specification,
            p.Unit,
            p.UnitCost,
            p.SalePrice,
            p.ReorderPoint,
            p.ReorderQuantity,
            p.LifeDays,
            p.LifeHours,
            p.Serialized,
            p.IsActive,
            products,
            onHand,
            stock.Where(s => s.Kind == WarehouseKind.Central).Sum(s => s.Quantity),
            value,
            StockLedger.AverageCost(value, onHand, p.UnitCost),
            p.CustomFields,
            p.Version
        );
    }

    public async Task<PartDto> SaveAsync(Guid? id, SavePart input, CancellationToken ct)
    {
        var part = id is null
            ? new Part { Id = Guid.CreateVersion7() }
            : await db.Set<Part>().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        await ApplyAsync(part, input, id is null, ct);
        if (id is null)
            db.Add(part);
        await db.SaveChangesAsync(ct);
        return await GetAsync(part.Id, ct);
    }

    internal async Task ApplyAsync(Part part, SavePart input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var number = input.Number?.Trim() ?? part.Number;
        if (number.Length is 0 or > 40)
            errors.Add("number", t["Parts.Error.Number"]);
        else if (await db.Set<Part>().AnyAsync(p => p.Number == number && p.Id != part.Id, ct))
            errors.Add("number", t["Parts.Error.NumberTaken"]);
        var name = input.Name?.Trim() ?? part.Name;
        if (name.Length is 0 or > 200)
            errors.Add("name", t["Common.Error.Required"]);
        if (input.Specification is { Length: > 500 })
            errors.Add("specification", t["Common.Error.MaxLength", 500]);
        var unit = input.Unit?.Trim() ?? part.Unit;
        if (unit.Length is 0 or > 20)
            errors.Add("unit", t["Common.Error.Required"]);
        else if (!isNew && unit != part.Unit && await db.Set<StockMovement>().AnyAsync(m => m.PartId == part.Id, ct))
            errors.Add("unit", t["Parts.Error.UnitInUse"]);
        if (input.UnitCost is < 0 or > MaxMoney)
            errors.Add("unitCost", t["Common.Error.Range", 0, MaxMoney]);
        if (input.SalePrice is < 0 or > MaxMoney)
            errors.Add("salePrice", t["Common.Error.Range", 0, MaxMoney]);
        if (input.ReorderPoint is < 0 or > 1_000_000)
            errors.Add("reorderPoint", t["Common.Error.Range", 0, 1_000_000]);
        if (input.ReorderQuantity is < 0 or > 1_000_000)
            errors.Add("reorderQuantity", t["Common.Error.Range", 0, 1_000_000]);
        if (input.LifeDays is < 1 or > 36500)
            errors.Add("lifeDays", t["Common.Error.Range", 1, 36500]);
        if (input.LifeHours is < 1 or > 1_000_000)
            errors.Add("lifeHours", t["Common.Error.Range", 1, 1_000_000]);
        List<Guid>? productIds = input.ProductIds?.Distinct().ToList();
        if (productIds is { Count: > 0 })
        {
            if (productIds.Count > 500)
                errors.Add("productIds", t["Common.Error.Range", 0, 500]);
            var known = (await customers.ProductsAsync(ct)).Select(p => p.Id).ToHashSet();
            if (productIds.Any(p => !known.Contains(p)))
                errors.Add("productIds", t["Parts.Error.UnknownProduct"]);
        }
        if (!isNew && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        var values = await fields.ValidateAsync(RecordType, input.CustomFields, isNew ? null : part.CustomFields, errors, ct);
        errors.ThrowIfAny();
        if (!isNew)
            db.ExpectVersion(part, input.Version!.Value);
        part.Number = number;
        part.Name = name;
        part.Specification = input.Specification?.Trim() ?? part.Specification;
        part.Unit = unit;
        part.UnitCost = input.UnitCost ?? part.UnitCost;
        part.SalePrice = input.SalePrice ?? part.SalePrice;
        part.ReorderPoint = input.ReorderPoint ?? part.ReorderPoint;
        part.ReorderQuantity = input.ReorderQuantity ?? part.ReorderQuantity;
        part.LifeDays = input.LifeDays ?? part.LifeDays;
        part.LifeHours = input.LifeHours ?? part.LifeHours;
        part.Serialized = input.Serialized ?? part.Serialized;
        part.IsActive = input.IsActive ?? part.IsActive;
        part.CustomFields = values;
        if (productIds is not null)
        {
            var current = isNew ? [] : await db.Set<PartProduct>().Where(x => x.PartId == part.Id).ToListAsync(ct);
            db.RemoveRange(current.Where(c => !productIds.Contains(c.ProductId)));
            foreach (var pid in productIds.Where(p => current.All(c => c.ProductId != p)))
                db.Add(new PartProduct { PartId = part.Id, ProductId = pid });
        }
    }

    /// <summary>Whether the part fits the product model: listed for it, or listed for no model at all.</summary>
    public async Task<bool> FitsAsync(Guid partId, Guid? productId, CancellationToken ct)
    {
        if (productId is null)
            return true;
        var models = await db.Set<PartProduct>().Where(x => x.PartId == partId).Select(x => x.ProductId).ToListAsync(ct);
        return models.Count == 0 || models.Contains(productId.Value);
    }

    public IAsyncEnumerable<PartListItem> AllAsync(string? q) =>
        db.Set<Part>()
            .AsNoTracking()
            .Where(p => q == null || p.Number.StartsWith(q) || p.Name.Contains(q))
            .OrderBy(p => p.Number)
            .Select(p => new PartListItem(
                p.Id,
                p.Number,
                p.Name,
                p.Specification,
                p.Unit,
                p.UnitCost,
                p.ReorderPoint,
                db.Set<StockBalance>().Where(b => b.PartId == p.Id).Sum(b => (long?)b.Quantity) ?? 0,
                0,
                db.Set<StockBalance>().Where(b => b.PartId == p.Id).Sum(b => (long?)b.Value) ?? 0,
                false,
                p.IsActive
            ))
            .AsAsyncEnumerable();
}
