using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Orders;

namespace Steadfast.Sales.Projects;

/// <summary>
/// Custom-order projects: started from a sales order or an opportunity on a template, stages worked in order, a stage
/// completed only with every required deliverable on file. Seen by whoever sees the customer.
/// </summary>
internal sealed class ProjectService(
    AppDbContext db,
    CustomerDirectory directory,
    SalesScope scope,
    OrderService orders,
    SalesNumbers numbers,
    AttachmentService attachments,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const string StageRecordType = "projectstage";
    private const int MaxName = 200;
    private const int MaxNote = 2000;

    public IQueryable<Project> Visible()
    {
        var all = db.Set<Project>();
        if (directory.SeesEverything)
            return all;
        var visible = directory.VisibleCustomerIds();
        return all.Where(p => visible.Contains(p.CustomerId));
    }

    public async Task<PagedResult<ProjectListItem>> ListAsync(ProjectQuery query, PageRequest page, CancellationToken ct)
    {
        var today = numbers.Today;
        var q = Visible().AsNoTracking();
        if (query.Status is { } status)
            q = q.Where(p => p.Status == status);
        if (query.CustomerId is { } customer)
            q = q.Where(p => p.CustomerId == customer);
        if (query.OwnerId is { } owner)
            q = q.Where(p => p.OwnerId == owner);
        if (query.Source is { } source)
            q = q.Where(p => p.SalesOrderId == source || p.OpportunityId == source);
        if (query.Overdue)
            q = q.Where(p => p.Status == ProjectStatus.Active && p.CurrentStageDueOn < today);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            q = q.Where(p => p.Number == term || p.Name.Contains(term) || p.CustomerName.StartsWith(term));
        }
        return await q.ToPageAsync(
            s => s.OrderBy(p => p.Status).ThenBy(p => p.CurrentStageDueOn).ThenByDescending(p => p.Id),
            s =>
                from p in s
                join u in db.Users on p.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new ProjectListItem(
                    p.Id,
                    p.Number,
                    p.Name,
                    p.CustomerId,
                    p.CustomerName,
                    p.Status,
                    p.CurrentPosition,
                    p.StageCount,
                    p.CurrentStageName,
                    p.CurrentStageDueOn,
                    p.Status == ProjectStatus.Active && p.CurrentStageDueOn < today,
                    p.StartedOn,
                    p.PlannedEndOn,
                    p.CompletedOn,
                    u == null ? "" : u.DisplayName
                ),
            page,
            ct
        );
    }

    public async Task<ProjectDetail> GetAsync(Guid id, CancellationToken ct)
    {
        var p = await Visible()
            .AsNoTracking()
            .AsSplitQuery()
            .Include(x => x.Stages)
                .ThenInclude(s => s.Deliverables)
            .SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var userIds = p.Stages.Select(s => s.OwnerId).Append(p.OwnerId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var order = p.SalesOrderId is { } so
            ? await db.Set<SalesOrder>().Where(o => o.Id == so).Select(o => o.Number).FirstOrDefaultAsync(ct)
            : null;
        var opportunity = p.OpportunityId is { } op
            ? await db.Set<Opportunities.Opportunity>().Where(o => o.Id == op).Select(o => o.Number).FirstOrDefaultAsync(ct)
            : null;
        var today = numbers.Today;
        var manage = CanManage(p);
        string Name(Guid? u) => u is { } x ? names.GetValueOrDefault(x, "") : "";
        return new ProjectDetail(
            p.Id,
            p.Number,
            p.Name,
            p.CustomerId,
            p.CustomerName,
            p.SalesOrderId,
            order,
            p.OpportunityId,
            opportunity,
            p.TemplateName,
            p.OwnerId,
            Name(p.OwnerId),
            p.Status,
            p.StartedOn,
            p.PlannedEndOn,
            p.CompletedOn,
            p.CycleDays,
            p.Notes,
            [
                .. p
                    .Stages.OrderBy(s => s.Position)
                    .Select(s =>
                    {
                        var current = p.Status == ProjectStatus.Active && s.Position == p.CurrentPosition;
                        return new ProjectStageDto(
                            s.Id,
                            s.Position,
                            s.Name,
                            s.OwnerId,
                            Name(s.OwnerId),
                            s.PlannedStartOn,
                            s.PlannedEndOn,
                            s.StartedOn,
                            s.CompletedOn,
                            s.Days,
                            current,
                            current && s.PlannedEndOn < today,
                            s.Note,
                            [
                                .. s
                                    .Deliverables.OrderBy(d => d.Position)
                                    .Select(d => new DeliverableDto(d.Id, d.Name, d.AttachmentId, d.FileName, d.UploadedAtUtc)),
                            ],
                            p.Status == ProjectStatus.Active && CanWork(p, s),
                            s.Version
                        );
                    }),
            ],
            p.Status == ProjectStatus.Active && manage,
            p.Version
        );
    }

    /// <summary>The projects of one sales order or opportunity, for its page.</summary>
    public async Task<List<ProjectListItem>> OfSourceAsync(Guid orderOrOpportunity, CancellationToken ct) =>
        [
            .. (
                await ListAsync(
                    new ProjectQuery(null, null, null, null, false) { Source = orderOrOpportunity },
                    PageRequest.From(1, 20),
                    ct
                )
            ).Items,
        ];

    /// <summary>The customer's own projects (portal): stages and dates only.</summary>
    public async Task<List<ProjectProgress>> ProgressAsync(Guid? customerId, CancellationToken ct)
    {
        var q = Visible().AsNoTracking().Where(p => p.Status != ProjectStatus.Cancelled);
        if (customerId is { } c)
            q = q.Where(p => p.CustomerId == c);
        var list = await q.OrderByDescending(p => p.StartedOn).Take(50).Include(p => p.Stages).AsSplitQuery().ToListAsync(ct);
        return
        [
            .. list.Select(p => new ProjectProgress(
                p.Id,
                p.Number,
                p.Name,
                p.Status,
                p.StartedOn,
                p.PlannedEndOn,
                p.CompletedOn,
                [
                    .. p
                        .Stages.OrderBy(s => s.Position)
                        .Select(s => new StageProgress(
                            s.Name,
                            s.PlannedEndOn,
                            s.StartedOn,
                            s.CompletedOn,
                            p.Status == ProjectStatus.Active && s.Position == p.CurrentPosition
                        )),
                ]
            )),
        ];
    }

    public async Task<ProjectDetail> CreateAsync(CreateProject input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length > MaxName)
            errors.Add("name", t["Common.Error.MaxLength", MaxName]);
        if ((input.Notes?.Length ?? 0) > MaxNote)
            errors.Add("notes", t["Common.Error.MaxLength", MaxNote]);
        (Guid CustomerId, string CustomerName, Guid? OwnerId, string Title)? source = null;
        if (input.SalesOrderId is null == input.OpportunityId is null)
            errors.Add("salesOrderId", t["Projects.Error.Source"]);
        else if (input.SalesOrderId is { } so)
        {
            source = await orders
                .Visible()
                .Where(o => o.Id == so && o.Status != SalesOrderStatus.Cancelled)
                .Select(o => new ValueTuple<Guid, string, Guid?, string>(o.CustomerId, o.CustomerName, o.OwnerId, o.Number))
                .FirstOrDefaultAsync(ct);
            if (source is null || source.Value.CustomerId == Guid.Empty)
                errors.Add("salesOrderId", t["Common.NotFound"]);
        }
        else if (input.OpportunityId is { } op)
        {
            source = await scope
                .Opportunities()
                .Where(o => o.Id == op && o.Status != Opportunities.StageKind.Lost)
                .Select(o => new ValueTuple<Guid, string, Guid?, string>(o.CustomerId, o.CustomerName, o.OwnerId, o.Title))
                .FirstOrDefaultAsync(ct);
            if (source is null || source.Value.CustomerId == Guid.Empty)
                errors.Add("opportunityId", t["Common.NotFound"]);
        }
        var template = await db.Set<ProjectTemplate>()
            .AsNoTracking()
            .Include(x => x.Stages)
            .Where(x => x.Active && (input.TemplateId == null ? x.IsDefault : x.Id == input.TemplateId))
            .FirstOrDefaultAsync(ct);
        if (template is null || template.Stages.Count == 0)
            errors.Add("templateId", t["Projects.Error.Template"]);
        var owner = input.OwnerId ?? source?.OwnerId ?? scope.Me;
        if (owner is { } o2 && !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(u => u.Id == o2, ct))
            errors.Add("ownerId", t["Projects.Error.Owner"]);
        errors.ThrowIfAny();

        var start = input.StartOn ?? numbers.Today;
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            Name = name.Length > 0 ? name : $"{source!.Value.Title} · {template!.Name}",
            CustomerId = source!.Value.CustomerId,
            CustomerName = source.Value.CustomerName,
            SalesOrderId = input.SalesOrderId,
            OpportunityId = input.OpportunityId,
            TemplateName = template!.Name,
            OwnerId = owner,
            StartedOn = start,
            Notes = input.Notes?.Trim() ?? "",
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var cursor = start;
        foreach (var ts in template.Stages.OrderBy(s => s.Position))
        {
            var days = Math.Max(1, ts.Days);
            var stage = new ProjectStage
            {
                Id = Guid.CreateVersion7(),
                ProjectId = project.Id,
                Position = project.Stages.Count,
                Name = ts.Name,
                OwnerId = owner,
                PlannedStartOn = cursor,
                PlannedEndOn = cursor.AddDays(days - 1),
                PlannedDays = days,
                StartedOn = project.Stages.Count == 0 ? start : null,
            };
            var position = 0;
            foreach (var d in PipeList.Split(ts.Deliverables))
                stage.Deliverables.Add(
                    new ProjectDeliverable
                    {
                        Id = Guid.CreateVersion7(),
                        StageId = stage.Id,
                        Position = position++,
                        Name = d,
                    }
                );
            project.Stages.Add(stage);
            cursor = stage.PlannedEndOn.AddDays(1);
        }
        project.StageCount = project.Stages.Count;
        project.PlannedEndOn = project.Stages[^1].PlannedEndOn;
        SetCurrent(project, 0);
        await db.InTransactionAsync(
            async () =>
            {
                project.Number = await numbers.NextAsync("PRJ", ct);
                db.Add(project);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(project.Id, ct);
    }

    public async Task<ProjectDetail> UpdateStageAsync(Guid id, Guid stageId, SaveProjectStage input, CancellationToken ct)
    {
        var (project, stage) = await LoadStageAsync(id, stageId, Required(input.Version), ct);
        if (!CanManage(project))
            throw new AppForbiddenException(t["Projects.Error.NotManager"]);
        var errors = new ValidationErrors();
        if (input.OwnerId is { } o && !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(u => u.Id == o, ct))
            errors.Add("ownerId", t["Projects.Error.Owner"]);
        var from = input.PlannedStartOn ?? stage.PlannedStartOn;
        var to = input.PlannedEndOn ?? stage.PlannedEndOn;
        if (to < from)
            errors.Add("plannedEndOn", t["Projects.Error.Dates"]);
        if ((input.Note?.Length ?? 0) > MaxNote)
            errors.Add("note", t["Common.Error.MaxLength", MaxNote]);
        if (stage.CompletedOn is not null && (from != stage.PlannedStartOn || to != stage.PlannedEndOn))
            errors.Add("plannedEndOn", t["Projects.Error.StageDone"]);
        errors.ThrowIfAny();
        stage.OwnerId = input.OwnerId ?? stage.OwnerId;
        stage.PlannedStartOn = from;
        stage.PlannedEndOn = to;
        stage.PlannedDays = to.DayNumber - from.DayNumber + 1;
        stage.Note = input.Note?.Trim() ?? stage.Note;
        project.PlannedEndOn = project.Stages.Max(s => s.PlannedEndOn);
        SetCurrent(project, project.CurrentPosition);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Files a deliverable: the attachment and the deliverable's link to it commit together.</summary>
    public async Task<ProjectDetail> UploadAsync(
        Guid id,
        Guid stageId,
        Guid deliverableId,
        string? fileName,
        Stream content,
        long length,
        CancellationToken ct
    )
    {
        var (project, stage) = await LoadStageAsync(id, stageId, null, ct);
        if (!CanWork(project, stage))
            throw new AppForbiddenException(t["Projects.Error.NotYours"]);
        if (stage.CompletedOn is not null)
            throw new AppConflictException(t["Projects.Error.StageDone"]);
        var deliverable = stage.Deliverables.SingleOrDefault(d => d.Id == deliverableId)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var file = await attachments.StageAsync(StageRecordType, stage.Id, AttachmentKind.Document, fileName, content, length, ct);
        deliverable.AttachmentId = file.Id;
        deliverable.FileName = file.FileName;
        deliverable.UploadedAtUtc = file.UploadedAt;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<(Stream Content, string ContentType, string FileName)> OpenAsync(
        Guid id,
        Guid stageId,
        Guid attachmentId,
        CancellationToken ct
    )
    {
        if (!await Visible().AnyAsync(p => p.Id == id && p.Stages.Any(s => s.Id == stageId), ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        return await attachments.OpenAsync(StageRecordType, stageId, attachmentId, ct);
    }

    /// <summary>Completes the current stage; every required deliverable must have its file. The next stage starts today.</summary>
    public async Task<ProjectDetail> CompleteStageAsync(Guid id, Guid stageId, CompleteStage input, CancellationToken ct)
    {
        var (project, stage) = await LoadStageAsync(id, stageId, Required(input.Version), ct);
        if (!CanWork(project, stage))
            throw new AppForbiddenException(t["Projects.Error.NotYours"]);
        if (project.Status != ProjectStatus.Active || stage.CompletedOn is not null)
            throw new AppConflictException(t["Projects.Error.StageDone"]);
        if (stage.Position != project.CurrentPosition)
            throw new AppConflictException(t["Projects.Error.NotCurrent", project.CurrentStageName]);
        var missing = stage.Deliverables.Where(d => d.AttachmentId is null).OrderBy(d => d.Position).Select(d => d.Name).ToList();
        if (missing.Count > 0)
            throw AppValidationException.For("deliverables", t["Projects.Error.Deliverables", string.Join("、", missing)]);
        var today = numbers.Today;
        stage.CompletedOn = today;
        stage.StartedOn ??= today;
        stage.Days = today.DayNumber - stage.StartedOn.Value.DayNumber;
        var next = project.Stages.SingleOrDefault(s => s.Position == stage.Position + 1);
        if (next is null)
        {
            project.Status = ProjectStatus.Completed;
            project.CompletedOn = today;
            project.CycleDays = today.DayNumber - project.StartedOn.DayNumber;
        }
        else
            next.StartedOn = today;
        SetCurrent(project, stage.Position + 1);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<ProjectDetail> CancelAsync(Guid id, CancelProject input, CancellationToken ct)
    {
        if (input.Version is not { } v)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
            throw AppValidationException.For("reason", t["Common.Error.Required"]);
        var project = await LoadAsync(id, ct);
        db.ExpectVersion(project, v);
        if (!CanManage(project))
            throw new AppForbiddenException(t["Projects.Error.NotManager"]);
        if (project.Status != ProjectStatus.Active)
            throw new AppConflictException(t["Projects.Error.NotActive"]);
        project.Status = ProjectStatus.Cancelled;
        project.Notes = $"{project.Notes}\n{reason}".Trim();
        if (project.Notes.Length > MaxNote)
            project.Notes = project.Notes[^MaxNote..];
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Who may own a project or a stage: any active employee (a design stage is often R&amp;D's).</summary>
    public Task<List<PersonOption>> PeopleAsync(CancellationToken ct) =>
        db.ActiveInRoles([.. Roles.Internal])
            .OrderBy(u => u.DisplayName)
            .Select(u => new PersonOption(u.Id, u.DisplayName))
            .ToListAsync(ct);

    private bool IsManager => scope.IsManager;

    public bool CanManage(Project p) => IsManager || (scope.Me is { } me && p.OwnerId == me);

    public bool CanWork(Project p, ProjectStage s) => CanManage(p) || (scope.Me is { } me && s.OwnerId == me);

    private static void SetCurrent(Project p, int position)
    {
        p.CurrentPosition = position;
        var current = p.Stages.SingleOrDefault(s => s.Position == position);
        p.CurrentStageName = current?.Name ?? "";
        p.CurrentStageDueOn = current?.PlannedEndOn;
    }

    private async Task<Project> LoadAsync(Guid id, CancellationToken ct) =>
        await Visible().Include(p => p.Stages).ThenInclude(s => s.Deliverables).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new AppNotFoundException(t["Common.NotFound"]);

    private long Required(long? version) => version ?? throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);

    /// <summary>The project and one of its stages, tracked; a version, when given, is the stage's.</summary>
    private async Task<(Project, ProjectStage)> LoadStageAsync(Guid id, Guid stageId, long? version, CancellationToken ct)
    {
        var project = await LoadAsync(id, ct);
        var stage = project.Stages.SingleOrDefault(s => s.Id == stageId) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is { } v)
            db.ExpectVersion(stage, v);
        return (project, stage);
    }
}
