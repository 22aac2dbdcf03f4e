using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Rules;

/// <summary>
/// Rules every installation runs from the start, made once from their templates and then the company's to change or switch
/// off: seed 002's 24-hour rule for leads and opportunities.
/// </summary>
internal sealed class ShippedRules(AppDbContext db, RuleService rules) : IShippedData
{
    internal static readonly (string Template, string Name)[] Shipped =
    [
        ("lead-untouched-24h", "线索 24 小时未联系 · Lead not contacted in 24 h"),
        ("opportunity-untouched-24h", "商机 24 小时未跟进 · Opportunity not followed up in 24 h"),
    ];

    public async Task EnsureAsync(CancellationToken ct)
    {
        foreach (var (key, name) in Shipped)
        {
            if (await db.Set<Rule>().AnyAsync(r => r.Template == key, ct))
                continue;
            var template = RuleTemplates.All.Single(t => t.Key == key);
            await rules.CreateAsync(new SaveRule(name, "", template.RecordType, true, null, template.Build(null), key, null), ct);
        }
    }
}
