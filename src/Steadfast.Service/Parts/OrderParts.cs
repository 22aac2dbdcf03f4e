using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Parts;

/// <summary>The inventory's view of a work order: found through the caller's scope, with the machine's model for the fit check.</summary>
internal sealed class WorkOrderLookup(WorkOrderService orders, AppDbContext db, CustomerDirectory customers) : IWorkOrderLookup
{
    public async Task<WorkOrderRef?> FindAsync(Guid id, CancellationToken ct)
    {
        var o = await orders.Visible().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (o is null)
            return null;
        var product = o.MachineId is { } m ? (await customers.MachineForTokenHolderAsync(m, ct))?.ProductId : null;
        var helpers = await db.Set<WorkOrderHelper>().Where(h => h.WorkOrderId == id).Select(h => h.UserId).ToListAsync(ct);
        return new WorkOrderRef(
            o.Id,
            o.Number,
            o.CustomerId,
            o.MachineId,
            product,
            o.Region,
            o.InWarranty,
            o.AssigneeId,
            helpers,
            o.Status is not (WorkOrderStatus.Closed or WorkOrderStatus.Cancelled)
        );
    }
}

/// <summary>
/// Parts on a work order: the engineers on it use parts from their van, the desk from any warehouse.
/// The ledger row and the order's parts cost commit in one transaction; the cost is added with one
/// UPDATE so two parts used at once both count.
/// </summary>
internal sealed class OrderParts(
    AppDbContext db,
    WorkOrderLookup lookup,
    WorkOrderParts parts,
    CurrentActor actor,
    IStringLocalizer<Strings> t,
    TimeProvider clock,
    Maintenance.PartLife life
)
{
    private static readonly WorkOrderStatus[] Usable =
    [
        WorkOrderStatus.Accepted,
        WorkOrderStatus.EnRoute,
        WorkOrderStatus.OnSite,
        WorkOrderStatus.WaitingForParts,
        WorkOrderStatus.Resolved,
    ];

    public async Task<List<WorkOrderPartLine>> LinesAsync(Guid id, CancellationToken ct)
    {
        _ = await lookup.FindAsync(id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return await parts.LinesAsync(id, ct);
    }

    public async Task<List<PickablePart>> PickListAsync(Guid id, string? q, bool fitsOnly, Guid? warehouseId, CancellationToken ct)
    {
        var order = await lookup.FindAsync(id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return await parts.PickListAsync(warehouseId, order.ProductId, q, fitsOnly, ct);
    }

    public async Task<WorkOrderPartLine> IssueAsync(Guid id, IssuePart input, CancellationToken ct)
    {
        var (order, reportedDay) = await WorkableAsync(id, ct);
        var mayOverride = Policies.RolesOf[Policies.ServiceManagers].Any(actor.IsInRole);
        return await db.InTransactionAsync(
            async () =>
            {
                var line = await parts.IssueAsync(order, input, mayOverride, ct);
                await AddCostAsync(id, reportedDay, line.Cost, ct);
                await life.FittedAsync(order, line, ct);
                return line;
            },
            ct
        );
    }

    public async Task<WorkOrderPartLine> ReturnAsync(Guid id, ReturnPart input, CancellationToken ct)
    {
        var (order, reportedDay) = await WorkableAsync(id, ct);
        return await db.InTransactionAsync(
            async () =>
            {
                var line = await parts.ReturnAsync(order, input, ct);
                await AddCostAsync(id, reportedDay, line.Cost, ct);
                await life.ReturnedAsync(order, input, line, ct);
                return line;
            },
            ct
        );
    }

    private async Task AddCostAsync(Guid id, int reportedDay, long cost, CancellationToken ct)
    {
        if (cost == 0)
            return;
        await db.Set<WorkOrder>()
            .Where(w => w.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.PartsCost, w => w.PartsCost + cost), ct);
        // In place, so the save hook never sees it: the dashboard's roll-up is told here, in the same transaction.
        if (Dashboard.KpiRollup.Touch(db, reportedDay, clock.GetUtcNow().UtcDateTime))
            await db.SaveChangesAsync(ct);
    }

    /// <summary>The order if parts may be used on it now, with its report day (which month a cost lands in).</summary>
    private async Task<(WorkOrderRef Order, int ReportedDay)> WorkableAsync(Guid id, CancellationToken ct)
    {
        var order = await lookup.FindAsync(id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var (status, reportedDay) = await db.Set<WorkOrder>()
            .Where(w => w.Id == id)
            .Select(w => new ValueTuple<WorkOrderStatus, int>(w.Status, w.ReportedDay))
            .SingleAsync(ct);
        if (!Usable.Contains(status))
            throw new AppConflictException(t["WorkOrderParts.Error.Status"]);
        var desk = Policies.RolesOf[Policies.ServiceDesk].Any(actor.IsInRole);
        if (!desk && actor.UserId != order.AssigneeId && !order.HelperIds.Contains(actor.UserId ?? Guid.Empty))
            throw new AppConflictException(t["WorkOrderParts.Error.NotYours"]);
        return (order, reportedDay);
    }
}
