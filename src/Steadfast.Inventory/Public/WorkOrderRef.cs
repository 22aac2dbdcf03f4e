namespace Steadfast.Inventory.Public;

/// <summary>What the inventory needs of a work order: which machine, whose, where, and who works it.</summary>
public sealed record WorkOrderRef(
    Guid Id,
    string Number,
    Guid CustomerId,
    Guid? MachineId,
    Guid? ProductId,
    string Region,
    bool InWarranty,
    Guid? AssigneeId,
    IReadOnlyList<Guid> HelperIds,
    bool IsOpen
);

/// <summary>
/// Finds a work order the caller may see. The service module implements it: inventory sits below service
/// in the module order (docs/ARCHITECTURE.md), so a request for parts names its order through this port.
/// </summary>
public interface IWorkOrderLookup
{
    Task<WorkOrderRef?> FindAsync(Guid id, CancellationToken ct);
}
