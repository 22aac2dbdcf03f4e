using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Tasks;

internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("Tasks").RequirePolicy(Policies.Staff);
        g.MapGet(
                "",
                (
                    TaskScope? scope,
                    TaskStatus? status,
                    bool? overdue,
                    Guid? recordId,
                    int? page,
                    int? pageSize,
                    TaskService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        scope ?? (recordId is null ? TaskScope.Mine : TaskScope.All),
                        status,
                        overdue == true,
                        recordId,
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .WithName("ListTasks")
            .WithSummary(
                "Tasks: scope mine (default), pool (open tasks of my roles' pools), created (by me) or all (what I may see; managers "
                    + "see everyone's); status, overdue=true, recordId (a customer, machine or work order: every task about it)."
            );
        g.MapGet("/counts", (TaskService s, CancellationToken ct) => s.CountsAsync(ct))
            .WithName("TaskCounts")
            .WithSummary("My open tasks (mine and my pools') and how many are overdue: the top bar's badge.");
        g.MapGet("/{id:guid}", (Guid id, TaskService s, CancellationToken ct) => s.GetAsync(id, ct))
            .WithName("GetTask")
            .WithSummary("One task.");
        g.MapPost("", async (CreateTask body, TaskService s, CancellationToken ct) =>
            {
                var dto = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/tasks/{dto.Id}", dto);
            })
            .WithName("CreateTask")
            .WithSummary(
                "Create a task: a title, optionally about a record (recordType customer, equipment or workorder, and its id), for a "
                    + "user (assigneeId; yourself when neither is given) or a role's pool (poolRole), with a due time and priority."
            );
        g.MapPost("/{id:guid}/complete", (Guid id, CompleteTask body, HttpRequest req, TaskService s, CancellationToken ct) =>
                s.CompleteAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("CompleteTask")
            .WithSummary("Mark an open task done, with an outcome note. 409 when it is no longer open or the version is stale.");
        g.MapPost("/{id:guid}/cancel", (Guid id, CancelTask body, HttpRequest req, TaskService s, CancellationToken ct) =>
                s.CancelAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("CancelTask")
            .WithSummary("Cancel an open task, saying why.");
        g.MapPost("/{id:guid}/take", (Guid id, TakeTask body, HttpRequest req, TaskService s, CancellationToken ct) =>
                s.TakeAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("TakeTask")
            .WithSummary("Take an open pool task: it becomes yours.");
    }
}
