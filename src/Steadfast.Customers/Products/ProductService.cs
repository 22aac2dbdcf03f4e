using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Equipment;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Products;

public sealed record ProductDto(
    Guid Id,
    string Code,
    string Name,
    string Category,
    int WarrantyMonths,
    int? MaintenanceDays,
    int? MaintenanceHours,
    string Description,
    bool IsActive,
    int Machines,
    CustomFieldValues CustomFields,
    long Version
);

public sealed record SaveProduct(
    string? Code,
    string? Name,
    string? Category,
    int? WarrantyMonths,
    int? MaintenanceDays,
    int? MaintenanceHours,
    string? Description,
    bool? IsActive,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

/// <summary>Product models: the catalogue machines are registered against.</summary>
internal sealed class ProductService(AppDbContext db, CustomFieldService fields, IStringLocalizer<Strings> t)
{
    public const string RecordType = "product";

    public async Task<PagedResult<ProductDto>> ListAsync(string? q, string? category, PageRequest page, CancellationToken ct)
    {
        var query = db.Set<Product>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(p => p.Code.Contains(q) || p.Name.Contains(q));
        if (!string.IsNullOrWhiteSpace(category))
            query = query.Where(p => p.Category == category);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderBy(p => p.Code).Skip(page.Skip).Take(page.PageSize)).ToListAsync(ct);
        return new PagedResult<ProductDto>(items, total);
    }

    public IAsyncEnumerable<ProductDto> AllAsync(string? q) =>
        Project(db.Set<Product>().AsNoTracking().Where(p => q == null || p.Code.Contains(q) || p.Name.Contains(q)).OrderBy(p => p.Code))
            .AsAsyncEnumerable();

    public async Task<ProductDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(db.Set<Product>().AsNoTracking().Where(p => p.Id == id)).SingleOrDefaultAsync(ct)
        ?? throw new AppNotFoundException(t["Common.NotFound"]);

    public async Task<ProductDto> SaveAsync(Guid? id, SaveProduct input, CancellationToken ct)
    {
        var product = id is null
            ? new Product { Id = Guid.CreateVersion7() }
            : await db.Set<Product>().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        await ApplyAsync(product, input, id is null, ct);
        if (id is null)
            db.Add(product);
        await db.SaveChangesAsync(ct);
        return await GetAsync(product.Id, ct);
    }

    internal async Task ApplyAsync(Product product, SaveProduct input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = input.Code?.Trim() ?? product.Code;
        if (code.Length is 0 or > 50)
            errors.Add("code", t["Products.Error.Code"]);
        else if (await db.Set<Product>().AnyAsync(p => p.Code == code && p.Id != product.Id, ct))
            errors.Add("code", t["Products.Error.CodeTaken"]);
        var name = input.Name?.Trim() ?? product.Name;
        if (name.Length is 0 or > 200)
            errors.Add("name", t["Customers.Error.Name"]);
        if (input.Category is { Length: > 100 })
            errors.Add("category", t["Common.Error.MaxLength", 100]);
        if (input.WarrantyMonths is < 0 or > 240)
            errors.Add("warrantyMonths", t["Common.Error.Range", 0, 240]);
        if (input.MaintenanceDays is < 1 or > 3650)
            errors.Add("maintenanceDays", t["Common.Error.Range", 1, 3650]);
        if (input.MaintenanceHours is < 1 or > 100000)
            errors.Add("maintenanceHours", t["Common.Error.Range", 1, 100000]);
        if (!isNew && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        var values = await fields.ValidateAsync(RecordType, input.CustomFields, isNew ? null : product.CustomFields, errors, ct);
        errors.ThrowIfAny();
        if (!isNew)
            db.ExpectVersion(product, input.Version!.Value);
        product.Code = code;
        product.Name = name;
        product.Category = input.Category?.Trim() ?? product.Category;
        product.WarrantyMonths = input.WarrantyMonths ?? product.WarrantyMonths;
        product.MaintenanceDays = input.MaintenanceDays ?? product.MaintenanceDays;
        product.MaintenanceHours = input.MaintenanceHours ?? product.MaintenanceHours;
        product.Description = input.Description?.Trim() ?? product.Description;
        product.IsActive = input.IsActive ?? product.IsActive;
        product.CustomFields = values;
    }

    private IQueryable<ProductDto> Project(IQueryable<Product> q) =>
        q.Select(p => new ProductDto(
            p.Id,
            p.Code,
            p.Name,
            p.Category,
            p.WarrantyMonths,
            p.MaintenanceDays,
            p.MaintenanceHours,
            p.Description,
            p.IsActive,
            db.Set<Machine>().Count(m => m.ProductId == p.Id),
            p.CustomFields,
            p.Version
        ));
}
