using Microsoft.EntityFrameworkCore;
using Steadfast.Automation.Rules;
using Steadfast.Automation.Tasks;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Demo;

/// <summary>
/// The seed articles' three rules, saved but switched off (an operations manager tries them in the simulator first), and a
/// few tasks on the demo users' lists, one of them overdue.
/// </summary>
internal sealed class AutomationDemo(AppDbContext db, TimeProvider clock) : IDemoSeeder
{
    public int Order => 40;

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["stopped-line"] = "停产报修 → 服务经理",
        ["untouched-24h"] = "工单 24 小时未处理 → 提醒主管",
        ["renewal-30d"] = "质保到期前 30 天 → 续保待办",
    };

    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var manager = await db.ActiveInRoles(Roles.ServiceManager).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var dispatcher = await db.ActiveInRoles(Roles.Dispatcher).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var shipped = await db.Set<Rule>().Where(r => r.Template != null).Select(r => r.Template!).ToListAsync(ct);
        var added = 0;
        // The shipped rules (the 24-hour rules for leads and opportunities) are already there and on.
        foreach (var template in RuleTemplates.All.Where(t => !shipped.Contains(t.Key)))
        {
            added++;
            var def = template.Build(null);
            var rule = new Rule
            {
                Id = Guid.CreateVersion7(),
                Name = Names[template.Key],
                RecordType = template.RecordType,
                TriggerKind = def.Trigger.Kind,
                Definition = def.ToJson(),
                OwnerId = manager,
                Template = template.Key,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            };
            db.Add(rule);
            db.Add(
                new RuleRevision
                {
                    Id = Guid.CreateVersion7(),
                    RuleId = rule.Id,
                    Revision = 1,
                    Name = rule.Name,
                    Definition = rule.Definition,
                    SavedByName = "demo",
                    SavedAtUtc = now,
                }
            );
        }
        (string Title, double DueHours, TaskPriority Priority, bool Pool)[] tasks =
        [
            ("回访昨日停机客户，确认设备恢复", -3, TaskPriority.High, false),
            ("整理本周超时工单，周五例会讨论", 30, TaskPriority.Normal, false),
            ("联系备件仓确认伺服驱动器到货时间", 6, TaskPriority.Urgent, true),
        ];
        foreach (var (title, hours, priority, pool) in tasks)
            db.Add(
                new WorkTask
                {
                    Id = Guid.CreateVersion7(),
                    Title = title,
                    AssigneeId = pool ? null : dispatcher?.Id,
                    PoolRole = pool ? Roles.Dispatcher : null,
                    DueAtUtc = now.AddHours(hours),
                    Priority = priority,
                    CreatedById = manager == Guid.Empty ? null : manager,
                    CreatedByName = "王建国",
                    CreatedAtUtc = now.AddHours(-8),
                }
            );
        await db.SaveChangesAsync(ct);
        return $"{added} rules (off), {tasks.Length} tasks";
    }
}
