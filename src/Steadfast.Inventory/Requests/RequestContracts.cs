namespace Steadfast.Inventory.Requests;

public sealed record RequestLineInput(Guid? PartId, long? Quantity);

/// <summary>Ask for parts: from a central warehouse (the first one when not named) or a colleague's van, into your own van.</summary>
public sealed record CreatePartRequest(Guid? WorkOrderId, Guid? FromWarehouseId, List<RequestLineInput>? Lines, string? Note);

public sealed record DecideRequest(string? Note, long? Version);

public sealed record PartRequestDto(
    Guid Id,
    string Number,
    Guid? WorkOrderId,
    string WorkOrderNumber,
    Guid RequesterId,
    string RequesterName,
    Guid FromWarehouseId,
    string FromName,
    Guid ToWarehouseId,
    string ToName,
    RequestStatus Status,
    IReadOnlyList<string> ApprovalReasons,
    Platform.Automation.ApprovalRef? Approval,
    bool FitsMachine,
    long EstimatedValue,
    string Note,
    DateTime CreatedAt,
    string DecidedBy,
    DateTime? DecidedAt,
    string DecisionNote,
    Guid? TransferId,
    DateTime? ReceivedAt,
    IReadOnlyList<RequestLineDto> Lines,
    long Version
);

public sealed record RequestLineDto(Guid PartId, string PartNumber, string PartName, string Unit, long Quantity, long Available);
