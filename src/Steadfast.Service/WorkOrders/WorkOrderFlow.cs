using Steadfast.Platform.Identity;

namespace Steadfast.Service.WorkOrders;

/// <summary>What a transition needs besides being allowed.</summary>
[Flags]
public enum Needs
{
    Nothing = 0,
    Assignee = 1,
    Reason = 2,
    Resolution = 4,
    BeAssignee = 8,
    Signature = 16,
    SignatureOrReason = 32,
}

/// <summary>One allowed move of a work order and who may make it.</summary>
public sealed record Transition(WorkOrderStatus From, WorkOrderStatus To, IReadOnlyList<string> Roles, Needs Needs);

/// <summary>
/// The lifecycle as data: new → assigned → accepted → en route → on site → (waiting for parts) →
/// resolved → closed, with decline, cancel and reopen. Kept as a table so configuration can later
/// replace it without touching the code that enforces it.
/// </summary>
public static class WorkOrderFlow
{
    private static readonly string[] Desk = [Roles.Dispatcher, Roles.ServiceManager, Roles.Admin];
    private static readonly string[] Field = [Roles.Engineer];

    public static readonly IReadOnlyList<Transition> Transitions =
    [
        new(WorkOrderStatus.New, WorkOrderStatus.Assigned, Desk, Needs.Assignee),
        new(WorkOrderStatus.New, WorkOrderStatus.Cancelled, Desk, Needs.Reason),
        new(WorkOrderStatus.Assigned, WorkOrderStatus.Assigned, Desk, Needs.Assignee),
        new(WorkOrderStatus.Assigned, WorkOrderStatus.Accepted, Field, Needs.BeAssignee),
        // Declining sends the order back to dispatch, with the engineer's reason.
        new(WorkOrderStatus.Assigned, WorkOrderStatus.New, Field, Needs.BeAssignee | Needs.Reason),
        new(WorkOrderStatus.Assigned, WorkOrderStatus.Cancelled, Desk, Needs.Reason),
        new(WorkOrderStatus.Accepted, WorkOrderStatus.EnRoute, Field, Needs.BeAssignee),
        new(WorkOrderStatus.EnRoute, WorkOrderStatus.OnSite, Field, Needs.BeAssignee),
        new(WorkOrderStatus.OnSite, WorkOrderStatus.WaitingForParts, Field, Needs.BeAssignee | Needs.Reason),
        new(WorkOrderStatus.WaitingForParts, WorkOrderStatus.OnSite, Field, Needs.BeAssignee),
        new(WorkOrderStatus.OnSite, WorkOrderStatus.Resolved, Field, Needs.BeAssignee | Needs.Resolution),
        // Closing needs the customer's signature, or a dispatcher's reason (e.g. confirmed by phone).
        new(WorkOrderStatus.Resolved, WorkOrderStatus.Closed, Desk, Needs.SignatureOrReason),
        new(WorkOrderStatus.Resolved, WorkOrderStatus.Closed, Field, Needs.BeAssignee | Needs.Signature),
        new(WorkOrderStatus.Resolved, WorkOrderStatus.OnSite, [.. Desk, Roles.Engineer], Needs.Reason),
        new(WorkOrderStatus.Closed, WorkOrderStatus.Assigned, Desk, Needs.Assignee | Needs.Reason),
    ];

    public static IEnumerable<Transition> From(WorkOrderStatus status) => Transitions.Where(t => t.From == status);

    public static bool IsOpen(WorkOrderStatus status) => status is not (WorkOrderStatus.Closed or WorkOrderStatus.Cancelled);
}
