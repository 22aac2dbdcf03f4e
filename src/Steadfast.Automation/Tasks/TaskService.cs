using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Automation.Rules;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Automation.Tasks;

/// <summary>
/// Tasks (待办): made by hand or by rules, done by their assignee or by anyone in their pool. A user sees the tasks
/// assigned to them, their roles' open pools and the tasks they made; managers see all.
/// </summary>
internal sealed class TaskService(AppDbContext db, CurrentActor actor, RecordTypes types, IStringLocalizer<Strings> t, TimeProvider clock)
{
    public static readonly string[] Managers = [Roles.Admin, Roles.ServiceManager, Roles.SalesManager];
    public const int MaxTitle = 300;
    public const int MaxText = 4000;
    public const int MaxOutcome = 2000;

    private Guid Me => actor.UserId ?? throw new AppNotFoundException(t["Common.NotFound"]);
    private bool IsManager => Managers.Any(actor.IsInRole);
    private string[] MyRoles => [.. Roles.Internal.Where(actor.IsInRole)];

    private IQueryable<WorkTask> Visible()
    {
        if (IsManager)
            return db.Set<WorkTask>().AsNoTracking();
        var me = Me;
        var roles = MyRoles;
        return db.Set<WorkTask>()
            .AsNoTracking()
            .Where(x => x.AssigneeId == me || x.CreatedById == me || (x.AssigneeId == null && roles.Contains(x.PoolRole!)));
    }

    public async Task<PagedResult<TaskDto>> ListAsync(
        TaskScope scope,
        TaskStatus? status,
        bool overdue,
        Guid? recordId,
        PageRequest page,
        CancellationToken ct
    )
    {
        var me = Me;
        var now = clock.GetUtcNow().UtcDateTime;
        var q = Visible();
        var roles = MyRoles;
        q = scope switch
        {
            TaskScope.Mine => q.Where(x => x.AssigneeId == me),
            TaskScope.Pool => q.Where(x => x.AssigneeId == null && roles.Contains(x.PoolRole!)),
            TaskScope.Created => q.Where(x => x.CreatedById == me),
            _ => q,
        };
        if (recordId is { } rid)
            q = q.Where(x => x.RecordId == rid);
        if (status is { } s)
            q = q.Where(x => x.Status == s);
        if (overdue)
            q = q.Where(x => x.Status == TaskStatus.Open && x.DueAtUtc != null && x.DueAtUtc < now);
        // Open first, soonest due first; a task without a due time after the dated ones; then the newest.
        var result = await q.ToPageAsync(
            x =>
                x.OrderBy(w => w.Status)
                    .ThenBy(w => w.DueAtUtc == null)
                    .ThenBy(w => w.DueAtUtc)
                    .ThenByDescending(w => w.CreatedAtUtc)
                    .ThenBy(w => w.Id),
            x => x,
            page,
            ct
        );
        return new PagedResult<TaskDto>(await ToDtosAsync(result.Items, ct), result.Total);
    }

    public async Task<TaskCounts> CountsAsync(CancellationToken ct)
    {
        var me = Me;
        var roles = MyRoles;
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.Set<WorkTask>()
            .Where(x => x.Status == TaskStatus.Open && (x.AssigneeId == me || (x.AssigneeId == null && roles.Contains(x.PoolRole!))));
        return new TaskCounts(await open.CountAsync(ct), await open.CountAsync(x => x.DueAtUtc != null && x.DueAtUtc < now, ct));
    }

    /// <summary>Whom a task may be given to: active staff.</summary>
    public Task<List<UserOption>> AssigneesAsync(CancellationToken ct) =>
        db.ActiveInRoles([.. Roles.Internal]).OrderBy(u => u.DisplayName).Select(u => new UserOption(u.Id, u.DisplayName)).ToListAsync(ct);

    public async Task<TaskDto> GetAsync(Guid id, CancellationToken ct)
    {
        var task = await Visible().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return (await ToDtosAsync([task], ct))[0];
    }

    public async Task<TaskDto> CreateAsync(CreateTask input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors.Add("title", t["Common.Error.Required"]);
        else if (title.Length > MaxTitle)
            errors.Add("title", t["Common.Error.MaxLength", MaxTitle]);
        if ((input.Description?.Length ?? 0) > MaxText)
            errors.Add("description", t["Common.Error.MaxLength", MaxText]);
        if (input.PoolRole is { } pool && !Roles.Internal.Contains(pool))
            errors.Add("poolRole", t["Common.Error.Choice"]);
        if (input.AssigneeId is { } who && !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(u => u.Id == who, ct))
            errors.Add("assigneeId", t["Tasks.Error.Assignee"]);
        if (input.AssigneeId is not null && input.PoolRole is not null)
            errors.Add("poolRole", t["Tasks.Error.AssigneeOrPool"]);
        if (input.Priority is { } p && !Enum.IsDefined(p))
            errors.Add("priority", t["Common.Error.Choice"]);
        var recordTitle = "";
        if (input.RecordType is not null || input.RecordId is not null)
        {
            if (types.Find(input.RecordType) is not { } type)
                errors.Add("recordType", QueryValues.Unknown(t, input.RecordType ?? "", types.All.Select(x => x.Name)));
            else if (input.RecordId is not { } rid || await RecordValues.LoadAsync(db, type, rid, ct) is not { } values)
                errors.Add("recordId", t["Common.NotFound"]);
            else
                recordTitle = values.GetValueOrDefault(type.TitleField) ?? "";
        }
        errors.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var task = new WorkTask
        {
            Id = Guid.CreateVersion7(),
            Title = title,
            Description = input.Description?.Trim() ?? "",
            RecordType = input.RecordType,
            RecordId = input.RecordId,
            RecordTitle = recordTitle,
            AssigneeId = input.PoolRole is null ? input.AssigneeId ?? Me : null,
            PoolRole = input.PoolRole,
            DueAtUtc = input.DueAt?.ToUniversalTime(),
            Priority = input.Priority ?? TaskPriority.Normal,
            CreatedById = Me,
            CreatedByName = actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.Name,
            CreatedAtUtc = now,
        };
        db.Add(task);
        await db.SaveChangesAsync(ct);
        return await GetAsync(task.Id, ct);
    }

    public Task<TaskDto> CompleteAsync(Guid id, CompleteTask input, CancellationToken ct) =>
        CloseAsync(id, TaskStatus.Done, input.Outcome, input.Version, ct);

    public Task<TaskDto> CancelAsync(Guid id, CancelTask input, CancellationToken ct) =>
        CloseAsync(id, TaskStatus.Cancelled, input.Outcome, input.Version, ct);

    /// <summary>Someone in the pool takes the task: it is theirs from now on.</summary>
    public async Task<TaskDto> TakeAsync(Guid id, TakeTask input, CancellationToken ct)
    {
        var task = await LoadAsync(id, input.Version, ct);
        if (task.AssigneeId is not null || task.Status != TaskStatus.Open)
            throw new AppConflictException(t["Tasks.Error.NotInPool"]);
        task.AssigneeId = Me;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<TaskDto> CloseAsync(Guid id, TaskStatus to, string? outcome, long? version, CancellationToken ct)
    {
        if ((outcome?.Length ?? 0) > MaxOutcome)
            throw AppValidationException.For("outcome", t["Common.Error.MaxLength", MaxOutcome]);
        var task = await LoadAsync(id, version, ct);
        if (task.Status != TaskStatus.Open)
            throw new AppConflictException(t["Tasks.Error.NotOpen", t[$"Tasks.Status.{task.Status}"]]);
        task.Status = to;
        task.Outcome = outcome?.Trim() ?? "";
        task.CompletedAtUtc = clock.GetUtcNow().UtcDateTime;
        task.MinutesOpen = (int)(task.CompletedAtUtc.Value - task.CreatedAtUtc).TotalMinutes;
        // A pool task done by one of the pool is theirs in the record.
        task.AssigneeId ??= Me;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<WorkTask> LoadAsync(Guid id, long? version, CancellationToken ct)
    {
        if (version is not { } v)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var visible = await Visible().AnyAsync(x => x.Id == id, ct);
        var task = visible ? await db.Set<WorkTask>().SingleOrDefaultAsync(x => x.Id == id, ct) : null;
        if (task is null)
            throw new AppNotFoundException(t["Common.NotFound"]);
        db.ExpectVersion(task, v);
        return task;
    }

    private async Task<List<TaskDto>> ToDtosAsync(IReadOnlyList<WorkTask> tasks, CancellationToken ct)
    {
        var ids = tasks.Where(x => x.AssigneeId != null).Select(x => x.AssigneeId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return
        [
            .. tasks.Select(x => new TaskDto(
                x.Id,
                x.Title,
                x.Description,
                x.RecordType,
                x.RecordId,
                x.RecordTitle,
                x.RecordId is { } rid && types.Find(x.RecordType) is { } type ? type.Link(rid) : null,
                x.AssigneeId,
                x.AssigneeId is { } a ? names.GetValueOrDefault(a) : null,
                x.PoolRole,
                x.DueAtUtc,
                x.Status == TaskStatus.Open && x.DueAtUtc < now,
                x.Priority,
                x.Status,
                x.Outcome,
                x.CreatedByName,
                x.RuleId,
                x.CreatedAtUtc,
                x.CompletedAtUtc,
                x.Version
            )),
        ];
    }
}
