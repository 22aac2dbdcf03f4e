namespace Steadfast.Service.Maintenance;

/// <summary>A checklist item as sent: the key may be left out for a new item.</summary>
public sealed record CheckItemInput(string? Key, string? Text, CheckKind? Kind, string? Unit, double? Min, double? Max, bool? Photo);

public sealed record TaskPartInput(Guid? PartId, long? Quantity);

/// <summary>A task as sent for a template or a machine's plan.</summary>
public sealed record TaskInput(
    string? Name,
    int? EveryDays,
    int? EveryMonths,
    int? EveryHours,
    int? LabourMinutes,
    IReadOnlyList<CheckItemInput>? Checklist,
    IReadOnlyList<TaskPartInput>? Parts
);

public sealed record SaveTemplate(string? Notes, IReadOnlyList<TaskInput>? Tasks, long? Version);

public sealed record TemplateTaskDto(
    Guid Id,
    string Name,
    int? EveryDays,
    int? EveryMonths,
    int? EveryHours,
    int LabourMinutes,
    IReadOnlyList<CheckItem> Checklist,
    IReadOnlyList<TaskPartDto> Parts
);

public sealed record TaskPartDto(Guid PartId, string Label, long Quantity);

/// <summary>A model's template; Id null when none is saved yet and the tasks are proposed from the model's hints.</summary>
public sealed record TemplateDto(
    Guid? Id,
    Guid ProductId,
    string ProductCode,
    string ProductName,
    string Notes,
    IReadOnlyList<TemplateTaskDto> Tasks,
    int Plans,
    long Version
);

public sealed record TemplateSummary(
    Guid ProductId,
    string Code,
    string Name,
    string Category,
    int? HintDays,
    int? HintHours,
    bool HasTemplate,
    int Tasks,
    int Plans
);

public sealed record CreatePlan(Guid? TemplateId);

public sealed record CreatePlans(Guid? ProductId);

public sealed record PlansCreated(int Created, int Skipped);

public sealed record PlanTaskDto(
    Guid Id,
    string Name,
    int? EveryDays,
    int? EveryMonths,
    int? EveryHours,
    int LabourMinutes,
    IReadOnlyList<CheckItem> Checklist,
    IReadOnlyList<TaskPartDto> Parts,
    DateOnly? LastDoneOn,
    double? LastDoneHours,
    DateOnly? NextDueOn,
    double? NextDueHours,
    DueBasis DueBy,
    Guid? OpenWorkOrderId,
    string OpenWorkOrderNumber,
    bool Active,
    long Version
);

public sealed record PlanDto(
    Guid Id,
    Guid MachineId,
    Guid ProductId,
    Guid? TemplateId,
    double? HoursPerDay,
    int RateReadings,
    double? LastHours,
    DateOnly? LastReadOn,
    IReadOnlyList<PlanTaskDto> Tasks,
    long Version
);

public sealed record SavePlanTask(
    string? Name,
    int? EveryDays,
    int? EveryMonths,
    int? EveryHours,
    int? LabourMinutes,
    IReadOnlyList<CheckItemInput>? Checklist,
    IReadOnlyList<TaskPartInput>? Parts,
    DateOnly? LastDoneOn,
    double? LastDoneHours,
    bool? Active,
    long? Version
)
{
    public TaskInput Spec => new(Name, EveryDays, EveryMonths, EveryHours, LabourMinutes, Checklist, Parts);
}

/// <summary>A task due in the window asked, with its machine and customer.</summary>
public sealed record DueRow(
    Guid TaskId,
    Guid MachineId,
    string SerialNumber,
    string ProductName,
    Guid CustomerId,
    string CustomerName,
    string Site,
    string Task,
    DateOnly DueOn,
    DueBasis DueBy,
    double? DueHours,
    Guid? WorkOrderId,
    string WorkOrderNumber
);

public sealed record DueQuery(int? Days, Guid? CustomerId, bool? Unscheduled);

public sealed record GenerateResult(int Visits, int Tasks, int Joined);
