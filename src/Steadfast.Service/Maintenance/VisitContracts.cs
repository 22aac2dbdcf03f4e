namespace Steadfast.Service.Maintenance;

public sealed record AnswerInput(bool? Passed, double? Value, string? Note, Guid? PhotoId);

public sealed record AnswerDto(
    string Key,
    bool? Passed,
    double? Value,
    bool Finding,
    Guid? PhotoId,
    string Note,
    Guid? CorrectiveOrderId,
    string CorrectiveOrderNumber
);

public sealed record CheckLine(CheckItem Item, AnswerDto? Answer);

public sealed record VisitItemDto(
    Guid Id,
    Guid MachineId,
    string SerialNumber,
    string ProductName,
    string Name,
    DateOnly DueOn,
    DueBasis DueBy,
    ItemOutcome Outcome,
    DateOnly? DoneOn,
    IReadOnlyList<CheckLine> Checklist,
    IReadOnlyList<TaskPartDto> Parts
);

public sealed record PlannedVisitDto(
    Guid WorkOrderId,
    string Number,
    Guid CustomerId,
    string CustomerName,
    string Site,
    DateOnly ProposedOn,
    VisitStatus Status,
    DateOnly? AskedOn,
    string AskedNote,
    IReadOnlyList<VisitItemDto> Items,
    int Unanswered,
    int Findings,
    long Version
);

/// <summary>The customer's answer to a proposed date: confirm it, or ask for another (with a note).</summary>
public sealed record VisitReply(bool? Confirm, DateOnly? AskedOn, string? Note, long? Version);

/// <summary>The desk moves a visit to another date (the customer's, or one agreed on the phone).</summary>
public sealed record MoveVisit(DateOnly? ProposedOn, long? Version);
