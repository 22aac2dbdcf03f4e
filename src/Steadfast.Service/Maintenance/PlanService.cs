using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Maintenance;

/// <summary>Machines' maintenance plans: made from their model's template, adjusted per machine, with each task's next due.</summary>
internal sealed class PlanService(
    AppDbContext db,
    CustomerDirectory customers,
    PartModels parts,
    TimeProvider clock,
    CompanyClock company,
    IStringLocalizer<Strings> t
)
{
    private const int Batch = 500;

    /// <summary>A machine installed this recently counts its intervals from installation at 0 h; an older one from today.</summary>
    public const int FreshInstallDays = 90;

    public DateOnly Today() => DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));

    public async Task<PlanDto?> GetAsync(Guid machineId, CancellationToken ct)
    {
        await VisibleMachineAsync(machineId, ct);
        var plan = await db.Set<MachinePlan>().AsNoTracking().SingleOrDefaultAsync(p => p.MachineId == machineId, ct);
        if (plan is null)
            return null;
        var tasks = await db.Set<PlanTask>().AsNoTracking().Where(k => k.PlanId == plan.Id).OrderBy(k => k.Position).ToListAsync(ct);
        var labels = await parts.LabelsAsync([.. tasks.SelectMany(k => k.Parts).Select(p => p.PartId).Distinct()], ct);
        var open = tasks.Select(k => k.OpenWorkOrderId).OfType<Guid>().Distinct().ToList();
        var numbers = await db.Set<WorkOrder>().Where(w => open.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Number, ct);
        return new PlanDto(
            plan.Id,
            plan.MachineId,
            plan.ProductId,
            plan.TemplateId,
            plan.HoursPerDay,
            plan.RateReadings,
            plan.LastHours,
            plan.LastReadOn,
            [
                .. tasks.Select(k => new PlanTaskDto(
                    k.Id,
                    k.Name,
                    k.EveryDays,
                    k.EveryMonths,
                    k.EveryHours,
                    k.LabourMinutes,
                    k.Checklist,
                    [.. k.Parts.Select(p => new TaskPartDto(p.PartId, labels.GetValueOrDefault(p.PartId, ""), p.Quantity))],
                    k.LastDoneOn,
                    k.LastDoneHours,
                    k.NextDueOn,
                    k.NextDueHours,
                    k.DueBy,
                    k.OpenWorkOrderId,
                    k.OpenWorkOrderId is { } w ? numbers.GetValueOrDefault(w, "") : "",
                    k.Active,
                    k.Version
                )),
            ],
            plan.Version
        );
    }

    /// <summary>Makes the machine's plan from a template (its model's unless one is named; another model's is refused).</summary>
    public async Task<PlanDto> CreateAsync(Guid machineId, CreatePlan input, CancellationToken ct)
    {
        var machine = await VisibleMachineAsync(machineId, ct);
        if (await db.Set<MachinePlan>().AnyAsync(p => p.MachineId == machineId, ct))
            throw new AppConflictException(t["Maintenance.Error.HasPlan"]);
        var template = input.TemplateId is { } id
            ? await db.Set<MaintenanceTemplate>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw AppValidationException.For("templateId", t["Maintenance.Error.Template"])
            : await db.Set<MaintenanceTemplate>().AsNoTracking().SingleOrDefaultAsync(x => x.ProductId == machine.ProductId, ct)
                ?? throw AppValidationException.For("templateId", t["Maintenance.Error.NoTemplate"]);
        if (template.ProductId != machine.ProductId)
            throw AppValidationException.For("templateId", t["Maintenance.Error.OtherModel"]);
        var tasks = await db.Set<TemplateTask>()
            .AsNoTracking()
            .Where(k => k.TemplateId == template.Id)
            .OrderBy(k => k.Position)
            .ToListAsync(ct);
        var planMachine = (await customers.PlanMachinesAsync(null, [machineId], Guid.Empty, 1, ct)).FirstOrDefault()
            ?? throw AppValidationException.For("machineId", t["Maintenance.Error.NotInstalled"]);
        var readings = await customers.ReadingsAsync([machineId], DueDates.RateWindow, ct);
        Add(planMachine, template, tasks, readings[machineId]);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(machineId, ct))!;
    }

    /// <summary>Plans for every installed machine (of a model, or of all models with a template) that has none yet.</summary>
    public async Task<PlansCreated> CreateManyAsync(Guid? productId, CancellationToken ct)
    {
        var templates = await db.Set<MaintenanceTemplate>()
            .AsNoTracking()
            .Where(x => productId == null || x.ProductId == productId)
            .ToListAsync(ct);
        if (productId is not null && templates.Count == 0)
            throw AppValidationException.For("productId", t["Maintenance.Error.NoTemplate"]);
        var ids = templates.Select(x => x.Id).ToList();
        var tasks = (
            await db.Set<TemplateTask>().AsNoTracking().Where(k => ids.Contains(k.TemplateId)).OrderBy(k => k.Position).ToListAsync(ct)
        ).ToLookup(k => k.TemplateId);
        int created = 0,
            skipped = 0;
        foreach (var template in templates)
        {
            var after = Guid.Empty;
            while (true)
            {
                var machines = await customers.PlanMachinesAsync(template.ProductId, null, after, Batch, ct);
                if (machines.Count == 0)
                    break;
                after = machines[^1].Id;
                var batchIds = machines.Select(m => m.Id).ToList();
                var planned = (
                    await db.Set<MachinePlan>().Where(p => batchIds.Contains(p.MachineId)).Select(p => p.MachineId).ToListAsync(ct)
                ).ToHashSet();
                var todo = machines.Where(m => !planned.Contains(m.Id)).ToList();
                skipped += machines.Count - todo.Count;
                if (todo.Count == 0)
                    continue;
                var readings = await customers.ReadingsAsync([.. todo.Select(m => m.Id)], DueDates.RateWindow, ct);
                foreach (var m in todo)
                    Add(m, template, tasks[template.Id], readings[m.Id]);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                created += todo.Count;
            }
        }
        return new PlansCreated(created, skipped);
    }

    /// <summary>Adds (to the context) a plan for the machine with the template's tasks and the rate from its readings.</summary>
    internal MachinePlan Add(
        PlanMachine m,
        MaintenanceTemplate template,
        IEnumerable<TemplateTask> tasks,
        IEnumerable<MachineReading> readings
    )
    {
        var today = Today();
        var plan = new MachinePlan
        {
            Id = Guid.CreateVersion7(),
            MachineId = m.Id,
            ProductId = m.ProductId,
            CustomerId = m.CustomerId,
            TemplateId = template.Id,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        ApplyRate(plan, readings);
        var fresh = m.InstalledOn is { } installed && installed >= today.AddDays(-FreshInstallDays);
        var (baseOn, baseHours) = fresh ? (m.InstalledOn!.Value, 0d) : (today, m.LastHours ?? 0);
        db.Add(plan);
        foreach (var k in tasks)
        {
            var task = new PlanTask
            {
                Id = Guid.CreateVersion7(),
                PlanId = plan.Id,
                MachineId = m.Id,
                CustomerId = m.CustomerId,
                TemplateTaskId = k.Id,
                Position = k.Position,
                BaseOn = baseOn,
                BaseHours = baseHours,
            };
            task.CopyFrom(k);
            Refresh(task, plan);
            db.Add(task);
        }
        return plan;
    }

    /// <summary>Adjusts one task of the machine's plan (or adds one, with no id): intervals, checklist, parts, when last done.</summary>
    public async Task<PlanDto> SaveTaskAsync(Guid machineId, Guid? taskId, SavePlanTask input, CancellationToken ct)
    {
        await VisibleMachineAsync(machineId, ct);
        var plan = await db.Set<MachinePlan>().SingleOrDefaultAsync(p => p.MachineId == machineId, ct)
            ?? throw new AppNotFoundException(t["Maintenance.Error.NoPlan"]);
        PlanTask task;
        if (taskId is { } id)
        {
            task = await db.Set<PlanTask>().SingleOrDefaultAsync(k => k.Id == id && k.PlanId == plan.Id, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"]);
            if (input.Version is not { } v)
                throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
            db.ExpectVersion(task, v);
        }
        else
        {
            var position = await db.Set<PlanTask>().Where(k => k.PlanId == plan.Id).Select(k => (int?)k.Position).MaxAsync(ct) ?? -1;
            task = new PlanTask
            {
                Id = Guid.CreateVersion7(),
                PlanId = plan.Id,
                MachineId = machineId,
                CustomerId = plan.CustomerId,
                Position = position + 1,
                BaseOn = Today(),
                BaseHours = plan.LastHours ?? 0,
            };
            db.Add(task);
        }
        var errors = new ValidationErrors();
        var known = (await parts.LabelsAsync(TaskRules.PartIds([input.Spec]), ct)).Keys.ToHashSet();
        TaskRules.Apply(input.Spec, task, "", known, errors, t);
        if (input.LastDoneOn is { } done && done > Today())
            errors.Add("lastDoneOn", t["Maintenance.Error.Future"]);
        if (input.LastDoneHours is { } h && (h < 0 || !double.IsFinite(h) || h > (plan.LastHours ?? double.MaxValue)))
            errors.Add("lastDoneHours", t["Maintenance.Error.DoneHours"]);
        errors.ThrowIfAny();
        if (input.LastDoneOn is not null)
            task.LastDoneOn = input.LastDoneOn;
        if (input.LastDoneHours is not null)
            task.LastDoneHours = input.LastDoneHours;
        if (input.Active is { } active)
            task.Active = active;
        Refresh(task, plan);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(machineId, ct))!;
    }

    /// <summary>Tasks due within the next <c>days</c> (overdue ones included), earliest first, a page at a time.</summary>
    public async Task<PagedResult<DueRow>> DueAsync(DueQuery query, PageRequest page, CancellationToken ct)
    {
        if (query.Days is < 1 or > 366)
            throw AppValidationException.For("days", t["Common.Error.Range", 1, 366]);
        var until = Today().AddDays(query.Days ?? 30);
        var q = db.Set<PlanTask>().AsNoTracking().Where(k => k.NextDueOn <= until && k.Active);
        if (!customers.SeesEverything)
        {
            var visible = customers.VisibleCustomerIds();
            q = q.Where(k => visible.Contains(k.CustomerId));
        }
        if (query.CustomerId is { } c)
            q = q.Where(k => k.CustomerId == c);
        if (query.Unscheduled == true)
            q = q.Where(k => k.OpenWorkOrderId == null);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(k => k.NextDueOn)
            .ThenBy(k => k.Id)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Select(k => new
            {
                k.Id,
                k.MachineId,
                k.CustomerId,
                k.Name,
                k.NextDueOn,
                k.DueBy,
                k.NextDueHours,
                k.OpenWorkOrderId,
                Number = db.Set<WorkOrder>().Where(w => w.Id == k.OpenWorkOrderId).Select(w => w.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var facts = (await customers.MachineFactsAsync([.. rows.Select(r => r.MachineId).Distinct()], ct)).ToDictionary(f => f.Id);
        return new PagedResult<DueRow>(
            [
                .. rows.Select(r =>
                {
                    var f = facts.GetValueOrDefault(r.MachineId);
                    return new DueRow(
                        r.Id,
                        r.MachineId,
                        f?.SerialNumber ?? "",
                        f?.ProductName ?? "",
                        r.CustomerId,
                        f?.CustomerName ?? "",
                        f?.SiteAddress ?? "",
                        r.Name,
                        r.NextDueOn!.Value,
                        r.DueBy,
                        r.NextDueHours,
                        r.OpenWorkOrderId,
                        r.Number ?? ""
                    );
                }),
            ],
            total
        );
    }

    private async Task<MachineFacts> VisibleMachineAsync(Guid machineId, CancellationToken ct) =>
        await customers.MachineAsync(machineId, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);

    /// <summary>The plan's rate from the machine's readings, dated in the company's calendar.</summary>
    internal void ApplyRate(MachinePlan plan, IEnumerable<MachineReading> readings)
    {
        var list = readings.Select(r => (DateOnly.FromDateTime(company.ToLocal(r.AtUtc)), r.Hours, r.Replacement)).ToList();
        var rate = DueDates.Rate(list);
        var last = list.OrderBy(r => r.Item1).LastOrDefault();
        plan.HoursPerDay = rate?.PerDay;
        plan.RateReadings = rate?.Readings ?? 0;
        plan.LastHours = list.Count == 0 ? null : last.Hours;
        plan.LastReadOn = list.Count == 0 ? null : last.Item1;
    }

    /// <summary>Works out the task's next due from when it was last done (or its base) and the plan's rate.</summary>
    internal static void Refresh(PlanTask task, MachinePlan plan)
    {
        var rate = plan is { LastHours: { } hours, LastReadOn: { } on }
            ? new HoursRate(plan.HoursPerDay ?? 0, plan.RateReadings, hours, on)
            : null;
        var due = DueDates.Next(
            task.EveryDays,
            task.EveryMonths,
            task.EveryHours,
            task.LastDoneOn ?? task.BaseOn,
            task.LastDoneHours ?? task.BaseHours,
            rate
        );
        (task.NextDueOn, task.NextDueHours, task.DueBy) = (due.On, due.AtHours, due.By);
    }
}
