namespace Steadfast.Sales.Projects;

public sealed record ProjectQuery(string? Q, ProjectStatus? Status, Guid? CustomerId, Guid? OwnerId, bool Overdue)
{
    /// <summary>The sales order or opportunity the projects belong to.</summary>
    public Guid? Source { get; init; }
}

public sealed record ProjectListItem(
    Guid Id,
    string Number,
    string Name,
    Guid CustomerId,
    string CustomerName,
    ProjectStatus Status,
    int CurrentPosition,
    int StageCount,
    string CurrentStageName,
    DateOnly? CurrentStageDueOn,
    bool Overdue,
    DateOnly StartedOn,
    DateOnly PlannedEndOn,
    DateOnly? CompletedOn,
    string OwnerName
);

public sealed record DeliverableDto(Guid Id, string Name, Guid? AttachmentId, string FileName, DateTime? UploadedAtUtc);

public sealed record ProjectStageDto(
    Guid Id,
    int Position,
    string Name,
    Guid? OwnerId,
    string OwnerName,
    DateOnly PlannedStartOn,
    DateOnly PlannedEndOn,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    int? Days,
    bool Current,
    bool Overdue,
    string Note,
    IReadOnlyList<DeliverableDto> Deliverables,
    bool CanWork,
    long Version
);

public sealed record ProjectDetail(
    Guid Id,
    string Number,
    string Name,
    Guid CustomerId,
    string CustomerName,
    Guid? SalesOrderId,
    string? SalesOrderNumber,
    Guid? OpportunityId,
    string? OpportunityNumber,
    string TemplateName,
    Guid? OwnerId,
    string OwnerName,
    ProjectStatus Status,
    DateOnly StartedOn,
    DateOnly PlannedEndOn,
    DateOnly? CompletedOn,
    int? CycleDays,
    string Notes,
    IReadOnlyList<ProjectStageDto> Stages,
    bool CanManage,
    long Version
);

/// <summary>A project as its customer sees it: where it stands, never who works it or what it is worth.</summary>
public sealed record ProjectProgress(
    Guid Id,
    string Number,
    string Name,
    ProjectStatus Status,
    DateOnly StartedOn,
    DateOnly PlannedEndOn,
    DateOnly? CompletedOn,
    IReadOnlyList<StageProgress> Stages
);

public sealed record StageProgress(string Name, DateOnly PlannedEndOn, DateOnly? StartedOn, DateOnly? CompletedOn, bool Current);

public sealed record CreateProject(
    string? Name,
    Guid? TemplateId,
    Guid? SalesOrderId,
    Guid? OpportunityId,
    Guid? OwnerId,
    DateOnly? StartOn,
    string? Notes
);

public sealed record SaveProjectStage(Guid? OwnerId, DateOnly? PlannedStartOn, DateOnly? PlannedEndOn, string? Note, long? Version);

public sealed record CompleteStage(long? Version);

public sealed record CancelProject(string? Reason, long? Version);

public sealed record ProjectCard(
    Guid Id,
    string Number,
    string Name,
    string CustomerName,
    string OwnerName,
    DateOnly? DueOn,
    bool Overdue,
    int Position,
    int StageCount
);

public sealed record ProjectColumn(string Stage, int Count, int Overdue, IReadOnlyList<ProjectCard> Cards);

public sealed record ProjectBoardDto(IReadOnlyList<ProjectColumn> Columns, int Active, int Overdue);

public sealed record StageTime(string Stage, double AverageDays, double PlannedDays, int Count);

public sealed record ProjectKpis(int Active, int Overdue, int CompletedInWindow, double? AverageCycleDays, IReadOnlyList<StageTime> Stages);

public sealed record TemplateStageDto(string Name, int Days, IReadOnlyList<string> Deliverables);

public sealed record TemplateDto(Guid Id, string Name, bool IsDefault, bool Active, IReadOnlyList<TemplateStageDto> Stages, long Version);

public sealed record SaveTemplate(string? Name, bool? IsDefault, bool? Active, IReadOnlyList<TemplateStageDto?>? Stages, long? Version);

public sealed record PersonOption(Guid Id, string Name);
