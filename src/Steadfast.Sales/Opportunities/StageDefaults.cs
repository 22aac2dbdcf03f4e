using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Opportunities;

/// <summary>The pipeline every installation starts with (seed 002): 初步接洽 10 % → … → 赢单 100 % / 输单 0 %.</summary>
internal sealed class StageDefaults(AppDbContext db) : IShippedData
{
    internal static readonly (string Key, string Zh, string En, int Probability, StageKind Kind)[] Stages =
    [
        ("contact", "初步接洽", "First contact", 10, StageKind.Open),
        ("needs", "需求确认", "Needs confirmed", 30, StageKind.Open),
        ("proposal", "方案报价", "Proposal & quote", 50, StageKind.Open),
        ("negotiation", "商务谈判", "Negotiation", 70, StageKind.Open),
        ("won", "赢单", "Won", 100, StageKind.Won),
        ("lost", "输单", "Lost", 0, StageKind.Lost),
    ];

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (await db.Set<OpportunityStage>().AnyAsync(ct))
            return;
        var order = 0;
        foreach (var (key, zh, en, probability, kind) in Stages)
            db.Add(
                new OpportunityStage
                {
                    Id = Guid.CreateVersion7(),
                    Key = key,
                    NameZh = zh,
                    NameEn = en,
                    Order = order += 10,
                    Probability = probability,
                    Kind = kind,
                }
            );
        if (!await db.Set<Leads.SalesSettings>().AnyAsync(ct))
            db.Add(new Leads.SalesSettings());
        await db.SaveChangesAsync(ct);
    }
}
