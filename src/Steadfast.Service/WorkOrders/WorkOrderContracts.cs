namespace Steadfast.Service.WorkOrders;

public sealed record WorkOrderDto
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public WorkOrderType Type { get; init; }
    public WorkOrderStatus Status { get; init; }
    public Severity Severity { get; init; }
    public WorkOrderSource Source { get; init; }
    public Guid CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public Guid? MachineId { get; init; }
    public string ContactName { get; init; } = "";
    public string ContactPhone { get; init; } = "";
    public string ContactEmail { get; init; } = "";
    public string FaultDescription { get; init; } = "";
    public string Category { get; init; } = "";
    public string Region { get; init; } = "";
    public string ProductCategory { get; init; } = "";
    public bool InWarranty { get; init; }
    public bool Billable { get; init; }

    /// <summary>The service contract covering the machine when the order opened (number for display), or null.</summary>
    public Guid? ContractId { get; init; }
    public string ContractNumber { get; init; } = "";
    public string ServiceLevel { get; init; } = "";
    public bool VisitTaken { get; init; }
    public bool EntitlementExhausted { get; init; }

    /// <summary>Labour, parts and travel: cost, covered (warranty or contract) and billable, in fen.</summary>
    public IReadOnlyList<ChargeLine> Charges { get; init; } = [];
    public Guid? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public IReadOnlyList<Guid> HelperIds { get; init; } = [];
    public DateTime ReportedAt { get; init; }
    public DateTime? FirstResponseAt { get; init; }
    public DateTime? ArrivedAt { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string Diagnosis { get; init; } = "";
    public string RootCause { get; init; } = "";
    public string Actions { get; init; } = "";
    public Guid? ReworkOfId { get; init; }
    public Guid? SlaPolicyId { get; init; }
    public DateTime? FirstResponseDue { get; init; }
    public DateTime? ArrivalDue { get; init; }
    public DateTime? ResolutionDue { get; init; }
    public DateTime? SlaPausedAt { get; init; }
    public bool? FirstResponseBreached { get; init; }
    public bool? ArrivalBreached { get; init; }
    public bool? ResolutionBreached { get; init; }
    public int EscalationLevel { get; init; }
    public int VisitCount { get; init; }
    public double LabourHours { get; init; }

    /// <summary>Fen.</summary>
    public long LabourCost { get; init; }
    public long TravelCost { get; init; }
    public long PartsCost { get; init; }
    public string PartsUsed { get; init; } = "";
    public string SignedBy { get; init; } = "";
    public DateTime? SignedAt { get; init; }

    /// <summary>The reporter's tracking link and the service report's: /track/{token}, /r/{token}.</summary>
    public string TrackingToken { get; init; } = "";
    public IReadOnlyList<WorkOrderStatus> Next { get; init; } = [];
    public long Version { get; init; }
}

public sealed record CreateWorkOrder(
    WorkOrderType? Type,
    Severity? Severity,
    Guid? CustomerId,
    Guid? MachineId,
    string? ContactName,
    string? ContactPhone,
    string? FaultDescription,
    string? Category,
    WorkOrderSource? Source,
    string? ContactEmail = null
);

/// <summary>A move of the order; the fields a step needs (assignee, reason, resolution, position) ride along.</summary>
public sealed record TransitionRequest(
    WorkOrderStatus? To,
    Guid? AssigneeId = null,
    string? Reason = null,
    string? Diagnosis = null,
    string? RootCause = null,
    string? Actions = null,
    long? Version = null
)
{
    public IReadOnlyList<Guid>? HelperIds { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>The token of the machine label scanned on site (扫码签到): a check-in verified by the label.</summary>
    public string? QrToken { get; init; }
    public double? LabourHours { get; init; }
    public string? PartsUsed { get; init; }

    /// <summary>Fen.</summary>
    public long? PartsCost { get; init; }
    public long? TravelCost { get; init; }
}

public enum SlaState
{
    OnTrack = 0,
    AtRisk = 1,
    Breached = 2,
}

public sealed record WorkOrderQuery(
    WorkOrderStatus? Status,
    Severity? Severity,
    Guid? CustomerId,
    Guid? MachineId,
    Guid? AssigneeId,
    bool? Open
)
{
    public WorkOrderType? Type { get; init; }
    public string? Region { get; init; }
    public string? ProductCategory { get; init; }
    public string? Category { get; init; }
    public DateOnly? ReportedFrom { get; init; }
    public DateOnly? ReportedTo { get; init; }
    public SlaState? Sla { get; init; }
    public string? Text { get; init; }
    public bool? Rework { get; init; }
}

public sealed record EventDto(DateTime At, WorkOrderStatus? From, WorkOrderStatus To, string ActorName, string Note);

/// <summary>The QR form: what someone standing at the machine types.</summary>
public sealed record PublicRequest(string? Description, string? ContactName, string? ContactPhone, Severity? Urgency);

/// <summary>The answer to a QR report: where to follow it, and whether it joined an order already open.</summary>
public sealed record PublicReceipt(string Number, string TrackingToken, bool JoinedOpenOrder);

/// <summary>What the reporter sees on the tracking page: no customer data, no internal notes.</summary>
public sealed record PublicStatus(
    string Number,
    WorkOrderStatus Status,
    string ProductName,
    string SerialNumber,
    string? Engineer,
    DateTime ReportedAt,
    IReadOnlyList<PublicStep> Steps
)
{
    /// <summary>When the engineer is expected on site: the arrival deadline while not yet there.</summary>
    public DateTime? Eta { get; init; }
    public string? SurveyToken { get; init; }
    public bool ReportReady { get; init; }
}

public sealed record PublicStep(DateTime At, WorkOrderStatus Status);

/// <summary>A customer's service at a glance; money in fen.</summary>
public sealed record CustomerServiceSummary(
    int Orders,
    int Open,
    int LastTwelveMonths,
    int Rework,
    long BillableCost,
    long CoveredCost,
    double LabourHours
);

public sealed record OrderRef(Guid Id, string Number);
