namespace Steadfast.Service.WorkOrders;

public sealed record WorkOrderDto(Guid Id, string Number, WorkOrderType Type, WorkOrderStatus Status, Severity Severity, WorkOrderSource Source,
    Guid CustomerId, string? CustomerName, Guid? MachineId, string ContactName, string ContactPhone, string FaultDescription, string Category,
    bool InWarranty, bool Billable, Guid? AssigneeId, string? AssigneeName, DateTime ReportedAt, DateTime? ResolvedAt, DateTime? ClosedAt,
    string Diagnosis, string RootCause, string Actions, Guid? ReworkOfId, IReadOnlyList<WorkOrderStatus> Next, long Version);

public sealed record CreateWorkOrder(WorkOrderType? Type, Severity? Severity, Guid? CustomerId, Guid? MachineId, string? ContactName,
    string? ContactPhone, string? FaultDescription, string? Category, WorkOrderSource? Source);

public sealed record TransitionRequest(WorkOrderStatus? To, Guid? AssigneeId, string? Reason, string? Diagnosis, string? RootCause, string? Actions, long? Version);

public sealed record WorkOrderQuery(WorkOrderStatus? Status, Severity? Severity, Guid? CustomerId, Guid? MachineId, Guid? AssigneeId, bool? Open);

public sealed record EventDto(DateTime At, WorkOrderStatus? From, WorkOrderStatus To, string ActorName, string Note);

/// <summary>The QR form: what someone standing at the machine types.</summary>
public sealed record PublicRequest(string? Description, string? ContactName, string? ContactPhone, Severity? Urgency);

/// <summary>The answer to a QR report: where to follow it, and whether it joined an order already open.</summary>
public sealed record PublicReceipt(string Number, string TrackingToken, bool JoinedOpenOrder);

/// <summary>What the reporter sees on the tracking page: no customer data, no internal notes.</summary>
public sealed record PublicStatus(string Number, WorkOrderStatus Status, string ProductName, string SerialNumber, string? Engineer, DateTime ReportedAt, IReadOnlyList<PublicStep> Steps);
public sealed record PublicStep(DateTime At, WorkOrderStatus Status);
