using Microsoft.EntityFrameworkCore;
using Steadfast.Inventory.Parts;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Public;

/// <summary>
/// Parts as modules above see them: which product models a part is fitted to (an ECN on a part reaches machines), and
/// parts named and found by label (a contract's covered parts).
/// </summary>
public sealed class PartModels(AppDbContext db)
{
    /// <summary>The parts found by number, each with the models it fits; a number not in the catalogue is absent.</summary>
    public async Task<Dictionary<string, Guid[]>> ModelsOfAsync(IReadOnlyCollection<string> partNumbers, CancellationToken ct)
    {
        var parts = await db.Set<Part>()
            .AsNoTracking()
            .Where(p => partNumbers.Contains(p.Number))
            .Select(p => new { p.Id, p.Number })
            .ToListAsync(ct);
        var ids = parts.Select(p => p.Id).ToList();
        var fits = await db.Set<PartProduct>().AsNoTracking().Where(f => ids.Contains(f.PartId)).ToListAsync(ct);
        return parts.ToDictionary(
            p => p.Number,
            p => fits.Where(f => f.PartId == p.Id).Select(f => f.ProductId).ToArray(),
            StringComparer.Ordinal
        );
    }

    /// <summary>The parts that fit a model, in number order, with their catalogue life (the maintenance demo's replacements).</summary>
    public Task<List<(Guid Id, int? LifeDays)>> FittingAsync(Guid productId, int take, CancellationToken ct) =>
        db.Set<Part>()
            .AsNoTracking()
            .Where(p => db.Set<PartProduct>().Any(f => f.PartId == p.Id && f.ProductId == productId))
            .OrderBy(p => p.Number)
            .Take(take)
            .Select(p => new ValueTuple<Guid, int?>(p.Id, p.LifeDays))
            .ToListAsync(ct);

    /// <summary>Part numbers fitted to at least one model, in number order (the demo's ECN on a part).</summary>
    public Task<List<string>> FittedAsync(int take, CancellationToken ct) =>
        db.Set<Part>()
            .AsNoTracking()
            .Where(p => db.Set<PartProduct>().Any(f => f.PartId == p.Id))
            .OrderBy(p => p.Number)
            .Select(p => p.Number)
            .Take(take)
            .ToListAsync(ct);

    /// <summary>Parts by id, labelled "number · name", for modules above that name parts (a contract's covered parts).</summary>
    public Task<Dictionary<Guid, string>> LabelsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Set<Part>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Number + " · " + p.Name, ct);

    /// <summary>The catalogue's expected life of parts (days, running hours), for the part-life figures beside it.</summary>
    public Task<Dictionary<Guid, CatalogueLife>> LivesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Set<Part>()
            .AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new CatalogueLife(p.Number + " · " + p.Name, p.LifeDays, p.LifeHours), ct);

    /// <summary>Parts whose number or name starts with the text, for a picker; at most <paramref name="take"/>.</summary>
    public Task<List<KeyValuePair<Guid, string>>> SearchAsync(string? q, int take, CancellationToken ct)
    {
        var term = q?.Trim() ?? "";
        return db.Set<Part>()
            .AsNoTracking()
            .Where(p => term == "" || p.Number.StartsWith(term) || p.Name.StartsWith(term))
            .OrderBy(p => p.Number)
            .Take(take)
            .Select(p => new KeyValuePair<Guid, string>(p.Id, p.Number + " · " + p.Name))
            .ToListAsync(ct);
    }
}

/// <summary>A part's label and the life the catalogue expects of it.</summary>
public sealed record CatalogueLife(string Label, int? Days, int? Hours);
