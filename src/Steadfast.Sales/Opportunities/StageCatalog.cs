using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Opportunities;

/// <summary>The pipeline's stages, read on every board and move, kept in the config cache.</summary>
internal sealed class StageCatalog(AppDbContext db, ConfigCache cache)
{
    public Task<List<OpportunityStage>> AllAsync(CancellationToken ct) =>
        cache.GetAsync("sales-stages", () =>
            db.Set<OpportunityStage>().AsNoTracking().OrderBy(s => s.Order).ThenBy(s => s.NameZh).ToListAsync(ct)
        );

    public static string Name(OpportunityStage s) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? s.NameZh : s.NameEn;

    public static StageDto ToDto(OpportunityStage s) =>
        new(s.Id, s.Key, Name(s), s.NameZh, s.NameEn, s.Order, s.Probability, s.Kind, s.Active, s.Version);
}
