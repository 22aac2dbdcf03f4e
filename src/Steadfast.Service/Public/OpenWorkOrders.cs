using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Public;

/// <summary>An open work order as another module lists it.</summary>
public sealed record OpenOrderRef(Guid Id, string Number, Guid MachineId, Guid CustomerId);

/// <summary>Work orders still being worked on given machines, for modules above (an ECN's impact).</summary>
public sealed class OpenWorkOrders(AppDbContext db)
{
    /// <summary>Unscoped: the caller decides who sees the result.</summary>
    public IQueryable<OpenOrderRef> On(IQueryable<Guid> machineIds) =>
        db.Set<WorkOrder>()
            .Where(w =>
                w.MachineId != null
                && machineIds.Contains(w.MachineId.Value)
                && w.Status != WorkOrderStatus.Resolved
                && w.Status != WorkOrderStatus.Closed
                && w.Status != WorkOrderStatus.Cancelled
            )
            .Select(w => new OpenOrderRef(w.Id, w.Number, w.MachineId!.Value, w.CustomerId));
}
