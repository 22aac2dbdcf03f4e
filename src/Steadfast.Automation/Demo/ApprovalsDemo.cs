using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Automation.Approvals;
using Steadfast.Automation.Rules;
using Steadfast.Automation.Tasks;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;

namespace Steadfast.Automation.Demo;

/// <summary>
/// Two months of approvals for the process monitor to show: a strategic customer's credit terms go past the sales manager
/// and then all of finance (the slow step), a few still open, one escalated; and tasks the 24-hour rule made and people
/// closed.
/// </summary>
internal sealed class ApprovalsDemo(AppDbContext db, TimeProvider clock) : IDemoSeeder
{
    public int Order => 45;

    private sealed record Row(Guid Id, string Name);

    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await BusinessCalendar.LoadAsync(db, ct);
        var salesMgr = await db.ActiveInRoles(Roles.SalesManager).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var finance = await db.ActiveInRoles(Roles.Finance).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var sales = await db.ActiveInRoles(Roles.Sales).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var boss = await db.ActiveInRoles(Roles.Executive).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (salesMgr is null || finance is null || sales is null || boss is null)
            return "no approvals (demo users missing)";
        var count = Math.Clamp((int)(40 * scale), 8, 40);
        var customers = await db
            .Database.SqlQuery<Row>($"SELECT \"Id\", \"Name\" FROM \"Customers\" WHERE \"Tier\" = 2 ORDER BY \"Name\"")
            .Take(count)
            .ToListAsync(ct);
        var def = new ProcessDefinition
        {
            Conditions = new RuleConditions { Items = [new RuleCondition("Tier", ConditionOp.Equals, "Strategic")] },
            Steps =
            [
                new ApprovalStep
                {
                    Name = "销售经理审核",
                    Approver = new Approver(ApproverKind.Role, Roles.SalesManager),
                    LimitHours = 8,
                    EscalateTo = new Approver(ApproverKind.Role, Roles.Executive),
                },
                new ApprovalStep
                {
                    Name = "财务会签",
                    Approver = new Approver(ApproverKind.Role, Roles.Finance),
                    Mode = StepMode.All,
                    LimitHours = 16,
                    EscalateTo = new Approver(ApproverKind.Role, Roles.Executive),
                },
            ],
        };
        var process = new ApprovalProcess
        {
            Id = Guid.CreateVersion7(),
            Name = "战略客户账期审批",
            RecordType = "customer",
            Order = 10,
            Enabled = true,
            Definition = def.ToJson(),
            CreatedAtUtc = now.AddDays(-70),
            UpdatedAtUtc = now.AddDays(-70),
        };
        db.Add(process);
        var steps = JsonSerializer.Serialize(def.Steps, RuleDefinition.Json);
        var random = new Random(24);
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            // The last four are still open: two at the manager's step, two at finance's, the older of those past its limit.
            var (openStep, openSince) = (customers.Count - i) switch
            {
                4 => (0, now.AddHours(-2)),
                3 => (0, now.AddHours(-3)),
                2 => (1, now.AddHours(-4)),
                1 => (1, now.AddDays(-5)),
                _ => (-1, now),
            };
            var started = openStep switch
            {
                0 => openSince,
                1 => openSince.AddDays(-1),
                _ => calendar.Add(now.AddDays(-60 + i * 55.0 / customers.Count), TimeSpan.FromHours(1)),
            };
            var a = new Approval
            {
                Id = Guid.CreateVersion7(),
                ProcessId = process.Id,
                ProcessName = process.Name,
                Steps = steps,
                RecordType = "customer",
                RecordId = c.Id,
                RecordTitle = c.Name,
                RecordLink = $"/customers/{c.Id}",
                RequesterId = sales.Id,
                RequesterName = sales.DisplayName,
                Status = ApprovalStatus.Approved,
                CreatedAtUtc = started,
            };
            db.Add(a);
            var at = started;
            for (var s = 0; s < def.Steps.Count; s++)
            {
                var step = def.Steps[s];
                var hours = s == 0 ? 1 + random.NextDouble() * 4 : 6 + random.NextDouble() * 18;
                var stillOpen = s == openStep;
                var end = s + 1 == openStep ? openSince : calendar.Add(at, TimeSpan.FromHours(hours));
                var last = s == def.Steps.Count - 1;
                (a.StepIndex, a.StepName, a.StepStartedAtUtc) = (s, step.Name, at);
                a.StepDueAtUtc = calendar.Add(at, TimeSpan.FromHours(step.LimitHours!.Value));
                var who = s == 0 ? salesMgr : finance;
                db.Add(
                    new ApprovalVote
                    {
                        Id = Guid.CreateVersion7(),
                        ApprovalId = a.Id,
                        StepIndex = s,
                        UserId = who.Id,
                        UserName = who.DisplayName,
                        Decision = stillOpen ? VoteDecision.Waiting : VoteDecision.Approved,
                        Via =
                            stillOpen ? ""
                            : random.Next(3) == 0 ? "link"
                            : "page",
                        Comment =
                            stillOpen ? ""
                            : s == 0 ? "账期合理"
                            : "",
                        CreatedAtUtc = at,
                        DecidedAtUtc = stillOpen ? null : end,
                    }
                );
                var escalated = stillOpen && a.StepDueAtUtc < now;
                db.Add(
                    new ApprovalStepTime
                    {
                        Id = Guid.CreateVersion7(),
                        ApprovalId = a.Id,
                        ProcessId = process.Id,
                        StepIndex = s,
                        StepName = step.Name,
                        StartedAtUtc = at,
                        EndedAtUtc = stillOpen ? null : end,
                        WorkingMinutes = stillOpen ? null : (int)calendar.Between(at, end).TotalMinutes,
                        Escalated = escalated,
                        Outcome = stillOpen ? VoteDecision.Waiting : VoteDecision.Approved,
                    }
                );
                if (stillOpen)
                {
                    a.Status = ApprovalStatus.Pending;
                    a.Escalated = escalated;
                    if (escalated)
                        db.Add(
                            new ApprovalVote
                            {
                                Id = Guid.CreateVersion7(),
                                ApprovalId = a.Id,
                                StepIndex = s,
                                UserId = boss.Id,
                                UserName = boss.DisplayName,
                                Escalation = true,
                                CreatedAtUtc = a.StepDueAtUtc!.Value,
                            }
                        );
                    else
                        db.Schedule(
                            ApprovalEngine.EscalateKind,
                            a.Id.ToString(),
                            a.StepDueAtUtc!.Value,
                            new ApprovalEngine.EscalateAt(0, s)
                        );
                    break;
                }
                at = end;
                if (last)
                {
                    a.ClosedAtUtc = end;
                    a.StepDueAtUtc = null;
                }
            }
        }
        var tasks = await SeedRuleTasksAsync(now, random, ct);
        await db.SaveChangesAsync(ct);
        return $"{customers.Count} approvals, {tasks} rule tasks";
    }

    /// <summary>Tasks the 24-hour rule made over the weeks, most closed within a day, a few still open.</summary>
    private async Task<int> SeedRuleTasksAsync(DateTime now, Random random, CancellationToken ct)
    {
        var rule = await db.Set<Rule>().Where(r => r.Template == "untouched-24h").Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(ct);
        var supervisor = await db.ActiveInRoles(Roles.ServiceManager).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (rule is null || supervisor == Guid.Empty)
            return 0;
        const int n = 16;
        for (var i = 0; i < n; i++)
        {
            var created = now.AddDays(-45 + i * 2.8).AddHours(random.Next(0, 8));
            var open = i >= n - 3;
            var minutes = 60 * (2 + random.Next(0, 30));
            db.Add(
                new WorkTask
                {
                    Id = Guid.CreateVersion7(),
                    Title = "工单超过 24 小时未处理，请跟进",
                    AssigneeId = supervisor,
                    DueAtUtc = created.AddHours(8),
                    Priority = TaskPriority.High,
                    Status = open ? Tasks.TaskStatus.Open : Tasks.TaskStatus.Done,
                    Outcome = open ? "" : "已联系工程师，今日上门",
                    CreatedByName = rule.Name,
                    RuleId = rule.Id,
                    CreatedAtUtc = created,
                    CompletedAtUtc = open ? null : created.AddMinutes(minutes),
                    MinutesOpen = open ? null : minutes,
                }
            );
        }
        return n;
    }
}
