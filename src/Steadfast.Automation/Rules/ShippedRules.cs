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
        ("payment-due-7d", "回款到期前 7 天提醒 · Payment due in 7 days"),
        ("payment-due-today", "回款到期日提醒 · Payment due today"),
        ("payment-overdue-1d", "回款逾期提醒负责人 · Payment overdue: owner"),
        ("payment-overdue-15d", "回款逾期 15 天升级经理 · Payment 15 days overdue: sales manager"),
        ("payment-overdue-30d", "回款逾期 30 天转财务 · Payment 30 days overdue: finance"),
        ("contract-renewal-60d", "服务合同到期前 60 天续约 · Service contract renewal 60 days ahead"),
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
