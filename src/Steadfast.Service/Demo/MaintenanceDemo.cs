using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Ui;
using Steadfast.Service.Maintenance;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Demo;

/// <summary>
/// Maintenance for the demo: a template per model from its hints, with checklists of its kind; plans on every installed machine;
/// two years of visits for the machines of some customers (most on time, some late, some tasks skipped), the last months with their
/// checklist answers; then the nightly run, so the coming visits are proposed. Runs after the contracts, which the visits draw on.
/// </summary>
internal sealed class MaintenanceDemo(
    AppDbContext db,
    CustomerDirectory customers,
    PlanService plans,
    VisitPlanner planner,
    TimeProvider clock,
    CompanyClock company,
    Inventory.Public.PartModels parts,
    PartLife life
) : IDemoSeeder
{
    public int Order => 35;

    /// <summary>How many customers' machines get a history of visits (the rest start from their plan).</summary>
    private const int HistoryCustomers = 60;

    private static readonly Dictionary<string, (string Text, CheckKind Kind, string Unit, double? Min, double? Max)[]> Checks = new(
        StringComparer.Ordinal
    )
    {
        ["注塑机"] =
        [
            ("液压油位、油质正常，无渗漏", CheckKind.PassFail, "", null, null),
            ("液压油温", CheckKind.Measure, "℃", 30, 55),
            ("系统压力", CheckKind.Measure, "MPa", 13, 16),
            ("安全门联锁有效", CheckKind.PassFail, "", null, null),
            ("射嘴、料筒加热圈正常", CheckKind.PassFail, "", null, null),
        ],
        ["加工中心"] =
        [
            ("导轨润滑正常", CheckKind.PassFail, "", null, null),
            ("主轴温升", CheckKind.Measure, "℃", 0, 25),
            ("主轴跳动", CheckKind.Measure, "mm", 0, 0.01),
            ("切削液浓度", CheckKind.Measure, "%", 4, 8),
        ],
        ["空压机"] =
        [
            ("排气温度", CheckKind.Measure, "℃", 70, 100),
            ("排气压力", CheckKind.Measure, "MPa", 0.6, 0.85),
            ("油气分离器压差正常", CheckKind.PassFail, "", null, null),
            ("皮带张紧", CheckKind.PassFail, "", null, null),
        ],
    };

    private static readonly (string Text, CheckKind Kind, string Unit, double? Min, double? Max)[] General =
    [
        ("外观无渗漏、损伤，紧固件无松动", CheckKind.PassFail, "", null, null),
        ("运行无异响、无异常振动", CheckKind.PassFail, "", null, null),
        ("电机电流", CheckKind.Measure, "A", 0, 60),
        ("电气柜清洁、散热正常", CheckKind.PassFail, "", null, null),
    ];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<MaintenanceTemplate>().AnyAsync(ct))
            return "maintenance already present";
        var rng = new Random(20240901);
        foreach (var model in await customers.ModelHintsAsync(ct))
            AddTemplate(model);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var made = await plans.CreateManyAsync(null, ct);
        // The customers whose machines get a history: of visits, and of part replacements.
        var chosen = await db.Set<MachinePlan>()
            .Select(p => p.CustomerId)
            .Distinct()
            .OrderBy(c => c)
            .Take(HistoryCustomers)
            .ToListAsync(ct);
        var (visits, items) = await HistoryAsync(chosen, rng, ct);
        var fitted = await FittingsAsync(chosen, rng, ct);
        await life.RefreshExpectedAsync(ct);
        var upcoming = await planner.RunAsync(ct);
        return $"{made.Created} maintenance plans, {visits} past visits ({items} tasks), {fitted} parts fitted, "
            + $"{upcoming.Visits} visits proposed";
    }

    private void AddTemplate(ModelHints model)
    {
        var template = new MaintenanceTemplate
        {
            Id = Guid.CreateVersion7(),
            ProductId = model.Id,
            Notes = "按随机说明书保养要求制定",
        };
        db.Add(template);
        var checks = Checks.GetValueOrDefault(model.Category, General);
        var position = 0;
        TemplateTask Task(string name) =>
            new()
            {
                Id = Guid.CreateVersion7(),
                TemplateId = template.Id,
                Position = position++,
                Name = name,
            };
        var routine = Task("例行保养");
        routine.EveryDays = model.EveryDays ?? 90;
        routine.LabourMinutes = 120;
        routine.Checklist = [.. checks.Select((c, i) => new CheckItem($"c{i + 1}", c.Text, c.Kind, c.Unit, c.Min, c.Max))];
        db.Add(routine);
        if (model.EveryHours is { } hours)
        {
            var byHours = Task("运行小时保养（换油、滤芯）");
            byHours.EveryHours = hours;
            byHours.LabourMinutes = 90;
            byHours.Checklist =
            [
                new CheckItem("c1", "更换机油、滤芯，记录油品批号", CheckKind.PassFail, Photo: true),
                new CheckItem("c2", "更换后试运行压力", CheckKind.Measure, "MPa", 0.5, 20),
            ];
            db.Add(byHours);
            var overhaul = Task("年度全面检修");
            overhaul.EveryMonths = 12;
            overhaul.EveryHours = hours * 4;
            overhaul.LabourMinutes = 480;
            overhaul.Checklist =
            [
                .. routine.Checklist,
                new CheckItem($"c{routine.Checklist.Count + 1}", "精度与安全功能复检", CheckKind.PassFail),
            ];
            db.Add(overhaul);
        }
    }

    /// <summary>Walks each calendar task of the chosen customers' machines through two years of due dates.</summary>
    private async Task<(int Visits, int Items)> HistoryAsync(List<Guid> chosen, Random rng, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        var planRows = await db.Set<MachinePlan>().Where(p => chosen.Contains(p.CustomerId)).ToListAsync(ct);
        var planIds = planRows.Select(p => p.Id).ToList();
        var tasks = await db.Set<PlanTask>().Where(k => planIds.Contains(k.PlanId)).ToListAsync(ct);
        var facts = new Dictionary<Guid, MachineFacts>();
        foreach (var chunk in planRows.Select(p => p.MachineId).Chunk(500))
        foreach (var f in await customers.MachineFactsAsync(chunk, ct))
            facts[f.Id] = f;
        var installed = (await customers.PlanMachinesAsync(null, [.. facts.Keys], Guid.Empty, facts.Count + 1, ct)).ToDictionary(m => m.Id);
        var contacts = await customers.ContactsAsync(chosen, ct);
        var engineers = await db.ActiveInRoles(Roles.Engineer).Select(u => u.Id).ToListAsync(ct);
        var plansById = planRows.ToDictionary(p => p.Id);
        // Occurrences: (task, due, done day or null when skipped).
        var occurrences = new List<(PlanTask Task, DateOnly Due, DateOnly? Done)>();
        foreach (var task in tasks.Where(k => k.ByCalendar && facts.ContainsKey(k.MachineId)))
        {
            var from = installed[task.MachineId].InstalledOn ?? today.AddYears(-2);
            if (from < today.AddYears(-2))
                from = today.AddYears(-2);
            // A skipped occurrence is counted from its due date; a done one from the day it was done.
            for (var due = Next(task, from); due < today; )
            {
                var roll = rng.NextDouble();
                DateOnly? done =
                    roll < 0.78 ? due.AddDays(-rng.Next(0, 6))
                    : roll < 0.92 ? due.AddDays(rng.Next(3, 26))
                    : null;
                if (done >= today)
                    break;
                occurrences.Add((task, due, done));
                due = Next(task, done ?? due);
            }
            var last = occurrences.LastOrDefault(o => o.Task == task && o.Done is not null);
            if (last.Done is { } d)
            {
                var plan = plansById[task.PlanId];
                task.LastDoneOn = d;
                task.LastDoneHours =
                    plan.LastHours is { } h && plan.HoursPerDay is { } rate
                        ? Math.Max(0, Math.Round(h - rate * (plan.LastReadOn!.Value.DayNumber - d.DayNumber)))
                        : null;
                PlanService.Refresh(task, plan);
            }
        }
        // Hours tasks: last done some way back, so some fall due within the month and a few are overdue.
        foreach (var task in tasks.Where(k => !k.ByCalendar && k.EveryHours is { } every && plansById[k.PlanId].LastHours is not null))
        {
            var plan = plansById[task.PlanId];
            task.LastDoneHours = Math.Max(0, Math.Round(plan.LastHours!.Value - task.EveryHours!.Value * (0.55 + rng.NextDouble() * 0.5)));
            task.LastDoneOn = plan.LastReadOn!.Value.AddDays(
                -(int)((plan.LastHours.Value - task.LastDoneHours.Value) / Math.Max(1, plan.HoursPerDay ?? 10))
            );
            PlanService.Refresh(task, plan);
        }
        await db.SaveChangesAsync(ct);

        var visits = 0;
        var items = 0;
        var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (
            var group in occurrences.GroupBy(o =>
                (o.Task.CustomerId, Site: facts[o.Task.MachineId].SiteAddress, Month: o.Due.Year * 100 + o.Due.Month)
            )
        )
        {
            var list = group.ToList();
            var day = list.Where(o => o.Done is not null).Select(o => o.Done!.Value).DefaultIfEmpty(list[0].Due).Min();
            var machine = facts[list[0].Task.MachineId];
            var contact = contacts.GetValueOrDefault(group.Key.CustomerId) ?? new SiteContact("设备部", "13800000000", "");
            var arrived = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 30)), company.Zone());
            var reported = arrived.AddDays(-14);
            var reportedDay = DateOnly.FromDateTime(company.ToLocal(reported));
            var counter = "workorder:" + reportedDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var number = $"WO-{reportedDay:yyMMdd}-{await db.NextAsync(counter, ct):0000}";
            var labour = list.Count(o => o.Done is not null) * 1.5;
            var order = new WorkOrder
            {
                Id = Guid.CreateVersion7(),
                Number = number,
                Type = WorkOrderType.Maintenance,
                Severity = Severity.Question,
                Source = WorkOrderSource.Preventive,
                Status = WorkOrderStatus.Closed,
                CustomerId = group.Key.CustomerId,
                MachineId = machine.Id,
                ContactName = contact.Name,
                ContactPhone = contact.Phone.Length > 0 ? contact.Phone : "13800000000",
                FaultDescription =
                    "计划保养上门：\n" + string.Join("\n", list.Select(o => $"· {facts[o.Task.MachineId].SerialNumber}: {o.Task.Name}")),
                Category = "预防性保养",
                Region = machine.Province,
                ProductCategory = machine.ProductCategory,
                CustomerTier = machine.Tier,
                AssigneeId = engineers.Count > 0 ? engineers[rng.Next(engineers.Count)] : null,
                AssignedAtUtc = reported.AddHours(2),
                ReportedAtUtc = reported,
                ReportedDay = WorkOrderService.Day(reportedDay),
                FirstResponseAtUtc = reported.AddHours(3),
                FirstResponseMinutes = 180,
                ArrivedAtUtc = arrived,
                ResolvedAtUtc = arrived.AddHours(labour + 0.5),
                ClosedAtUtc = arrived.AddHours(labour + 1),
                ResolutionMinutes = (int)(arrived.AddHours(labour + 0.5) - reported).TotalMinutes,
                CloseMinutes = (int)(arrived.AddHours(labour + 1) - reported).TotalMinutes,
                Diagnosis = "按保养计划完成点检",
                RootCause = "wear",
                Actions = "按计划保养，检查项见服务报告",
                LabourHours = labour,
                VisitCount = 1,
                TrackingToken = WorkOrderService.NewToken(),
                SurveyToken = WorkOrderService.NewToken(),
            };
            db.Add(order);
            db.Add(
                new MaintenanceVisit
                {
                    Id = order.Id,
                    CustomerId = order.CustomerId,
                    Site = group.Key.Site,
                    ProposedOn = day,
                    Status = VisitStatus.Done,
                    AnsweredAtUtc = reported.AddDays(1),
                }
            );
            foreach (var (task, due, done) in list)
            {
                var item = new VisitItem
                {
                    Id = Guid.CreateVersion7(),
                    WorkOrderId = order.Id,
                    PlanTaskId = task.Id,
                    MachineId = task.MachineId,
                    CustomerId = task.CustomerId,
                    Region = order.Region,
                    ProductCategory = facts[task.MachineId].ProductCategory,
                    Name = task.Name,
                    DueOn = due,
                    Checklist = task.Checklist,
                    Parts = task.Parts,
                    Outcome = done is null ? ItemOutcome.Skipped : ItemOutcome.Done,
                    DoneOn = done is null ? null : day,
                    OnTime = done is null ? null : day <= due,
                };
                db.Add(item);
                items++;
                // The last months' visits keep their answers, for the service reports and the findings.
                if (done is not null && day >= today.AddDays(-120))
                    foreach (var c in task.Checklist)
                    {
                        var finding = rng.NextDouble() < 0.06;
                        double? value = c.Kind == CheckKind.Measure ? Measure(c, finding, rng) : null;
                        db.Add(
                            new CheckAnswer
                            {
                                Id = Guid.CreateVersion7(),
                                VisitItemId = item.Id,
                                WorkOrderId = order.Id,
                                Key = c.Key,
                                Passed = !finding,
                                Value = value,
                                Finding = finding,
                                Note = finding ? "已告知客户，建议安排维修" : "",
                                AnsweredAtUtc = arrived.AddMinutes(30),
                                AnsweredById = order.AssigneeId,
                            }
                        );
                    }
            }
            if (++visits % 300 == 0)
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await tx.DisposeAsync();
                db.ChangeTracker.Clear();
                tx = await db.Database.BeginTransactionAsync(ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await tx.DisposeAsync();
        db.ChangeTracker.Clear();
        return (visits, items);
    }

    /// <summary>
    /// Two years of replacements of the three first parts of each model on the history machines, lives spread around the catalogue's
    /// (or 240 days), a third replaced on a preventive visit before failing, most with the serial of the unit taken off.
    /// </summary>
    private async Task<int> FittingsAsync(List<Guid> chosen, Random rng, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        var plansOf = await db.Set<MachinePlan>().AsNoTracking().Where(p => chosen.Contains(p.CustomerId)).ToListAsync(ct);
        var installed = (
            await customers.PlanMachinesAsync(null, [.. plansOf.Select(p => p.MachineId)], Guid.Empty, plansOf.Count + 1, ct)
        ).ToDictionary(m => m.Id);
        var fitting = new Dictionary<Guid, List<(Guid Id, int? LifeDays)>>();
        var count = 0;
        foreach (var plan in plansOf.Where(p => installed.ContainsKey(p.MachineId)))
        {
            if (!fitting.TryGetValue(plan.ProductId, out var list))
                fitting[plan.ProductId] = list = await parts.FittingAsync(plan.ProductId, 3, ct);
            var rate = plan.HoursPerDay ?? 10;
            foreach (var (partId, lifeDays) in list)
            {
                var mean = lifeDays ?? 240;
                var from = installed[plan.MachineId].InstalledOn ?? today.AddYears(-2);
                while (true)
                {
                    var days = (int)Math.Max(20, mean * (0.6 + rng.NextDouble() * 0.8));
                    var on = from.AddDays(days);
                    if (on >= today)
                        break;
                    db.Add(
                        new PartFitting
                        {
                            Id = Guid.CreateVersion7(),
                            PartId = partId,
                            MachineId = plan.MachineId,
                            ProductId = plan.ProductId,
                            CustomerId = plan.CustomerId,
                            Quantity = 1,
                            FittedOn = on,
                            FittedHours = Math.Round(rate * (on.DayNumber - (installed[plan.MachineId].InstalledOn ?? on).DayNumber)),
                            ReplacedLifeDays = days,
                            ReplacedLifeHours = Math.Round(rate * days),
                            BeforeFailure = rng.NextDouble() < 0.35,
                            ReplacedSerial = rng.NextDouble() < 0.6 ? $"SN{rng.Next(100000, 999999)}" : "",
                        }
                    );
                    count++;
                    from = on;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        // Each unit but the last on a machine was itself replaced.
        var rows = await db.Set<PartFitting>().OrderBy(f => f.FittedOn).ToListAsync(ct);
        foreach (var g in rows.GroupBy(f => (f.MachineId, f.PartId)))
        {
            var ordered = g.ToList();
            for (var i = 0; i < ordered.Count - 1; i++)
                ordered[i].RemovedOn = ordered[i + 1].FittedOn;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return count;
    }

    private static DateOnly Next(PlanTask task, DateOnly from) =>
        task.EveryDays is { } d ? from.AddDays(d) : from.AddMonths(task.EveryMonths ?? 3);

    private static double Measure(CheckItem c, bool finding, Random rng)
    {
        var (min, max) = (c.Min ?? 0, c.Max ?? (c.Min ?? 0) + 10);
        var span = Math.Max(max - min, 0.01);
        var v = finding ? max + span * (0.05 + rng.NextDouble() * 0.2) : min + span * (0.2 + rng.NextDouble() * 0.6);
        return Math.Round(v, span < 1 ? 3 : 1);
    }
}
