using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Tasks;

/// <summary>Tasks made by other modules in their own saves (an ECN's confirmations), so a task and its cause commit together.</summary>
internal sealed class TaskPort(AppDbContext db, CurrentActor actor, TimeProvider clock) : ITasks
{
    public Guid Add(TaskRequest request)
    {
        var task = new WorkTask
        {
            Id = Guid.CreateVersion7(),
            Title = Cut(request.Title, 300),
            Description = Cut(request.Description, 4000),
            RecordType = request.RecordType,
            RecordId = request.RecordId,
            RecordTitle = Cut(request.RecordTitle, 200),
            AssigneeId = request.PoolRole is null ? request.AssigneeId : null,
            PoolRole = request.AssigneeId is null ? request.PoolRole : null,
            DueAtUtc = request.DueAtUtc,
            Priority = TaskPriority.High,
            CreatedById = actor.UserId,
            CreatedByName = actor.Principal.FindFirstValue(AppClaims.DisplayName) ?? actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(task);
        return task.Id;
    }

    public async Task CloseAsync(Guid taskId, string outcome, CancellationToken ct)
    {
        var task = await db.Set<WorkTask>().SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || task.Status != TaskStatus.Open)
            return;
        task.Status = TaskStatus.Done;
        task.Outcome = Cut(outcome, 2000);
        task.CompletedAtUtc = clock.GetUtcNow().UtcDateTime;
        task.MinutesOpen = (int)(task.CompletedAtUtc.Value - task.CreatedAtUtc).TotalMinutes;
        task.AssigneeId ??= actor.UserId;
    }

    public Task<Dictionary<Guid, TaskState>> StatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Set<WorkTask>()
            .AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new TaskState(t.Id, t.Status == TaskStatus.Open, t.AssigneeId, t.DueAtUtc, t.CompletedAtUtc))
            .ToDictionaryAsync(t => t.Id, ct);

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
