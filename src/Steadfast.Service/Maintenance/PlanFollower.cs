using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// Keeps plans in step with their machines, inside the machine's own save: an installed machine of a model with a template gets
/// its plan; a new reading moves the rate and so the due dates of the tasks counted in hours.
/// </summary>
internal sealed class PlanFollower(AppDbContext db, PlanService plans, CustomerDirectory customers) : IMachineWatcher
{
    public async Task MachineSavedAsync(PlanMachine machine, bool isNew, CancellationToken ct)
    {
        var plan = isNew ? null : await db.Set<MachinePlan>().SingleOrDefaultAsync(p => p.MachineId == machine.Id, ct);
        if (plan is not null)
        {
            if (plan.CustomerId != machine.CustomerId)
            {
                // The machine changed hands: its tasks are now the new owner's visits.
                plan.CustomerId = machine.CustomerId;
                foreach (var task in await db.Set<PlanTask>().Where(k => k.PlanId == plan.Id).ToListAsync(ct))
                    task.CustomerId = machine.CustomerId;
            }
            return;
        }
        if (machine.InstalledOn is null)
            return;
        var template = await db.Set<MaintenanceTemplate>().AsNoTracking().SingleOrDefaultAsync(x => x.ProductId == machine.ProductId, ct);
        if (template is null)
            return;
        var tasks = await db.Set<TemplateTask>()
            .AsNoTracking()
            .Where(k => k.TemplateId == template.Id)
            .OrderBy(k => k.Position)
            .ToListAsync(ct);
        var readings = isNew ? [] : (await customers.ReadingsAsync([machine.Id], DueDates.RateWindow, ct))[machine.Id];
        plans.Add(machine, template, tasks, readings);
    }

    public async Task ReadingAddedAsync(Guid machineId, MachineReading reading, CancellationToken ct)
    {
        var plan = await db.Set<MachinePlan>().SingleOrDefaultAsync(p => p.MachineId == machineId, ct);
        if (plan is null)
            return;
        var readings = (await customers.ReadingsAsync([machineId], DueDates.RateWindow, ct))[machineId].Append(reading);
        plans.ApplyRate(plan, readings);
        foreach (var task in await db.Set<PlanTask>().Where(k => k.PlanId == plan.Id && k.EveryHours != null).ToListAsync(ct))
            PlanService.Refresh(task, plan);
    }
}
