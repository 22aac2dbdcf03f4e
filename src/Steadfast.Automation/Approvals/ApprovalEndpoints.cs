using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Approvals;

internal static class ApprovalEndpoints
{
    public static void MapApprovalEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/approvals").WithTags("Approvals");
        g.MapGet(
                "",
                (
                    ApprovalScope? scope,
                    ApprovalStatus? status,
                    Guid? processId,
                    int? step,
                    bool? overdue,
                    int? page,
                    int? pageSize,
                    ApprovalService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        scope ?? ApprovalScope.Waiting,
                        status,
                        processId,
                        step,
                        overdue == true,
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListApprovals")
            .WithSummary(
                "Approvals: scope waiting (default: waiting for my decision, including those I hold for someone away), requested (by "
                    + "me) or all (managers: every one; others: those naming them); status, processId and step (1-based) for the "
                    + "monitor's drill-down, overdue=true."
            );
        g.MapGet("/count", async (ApprovalService s, CancellationToken ct) => new { waiting = await s.WaitingCountAsync(ct) })
            .RequirePolicy(Policies.Staff)
            .WithName("ApprovalCount")
            .WithSummary("How many approvals wait for my decision: the top bar's count.");
        g.MapGet("/{id:guid}", (Guid id, ApprovalService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetApproval")
            .WithSummary("One approval with its steps and every vote.");
        g.MapPost("/{id:guid}/decide", (Guid id, DecideApproval body, HttpRequest req, ApprovalService s, CancellationToken ct) =>
                s.DecideAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, "page", ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("DecideApproval")
            .WithSummary(
                "Approve, reject or return (verdict; a comment is required to reject or return) the current step, as one of its "
                    + "approvers or their delegate. 409 when it does not wait for you, is closed, or the version is stale."
            );
        g.MapPost("/{id:guid}/resubmit", (Guid id, ResubmitApproval body, HttpRequest req, ApprovalService s, CancellationToken ct) =>
                s.ResubmitAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ResubmitApproval")
            .WithSummary("The requester sends a returned approval round again, from the first step.");
        g.MapPost("/{id:guid}/withdraw", (Guid id, WithdrawApproval? body, HttpRequest req, ApprovalService s, CancellationToken ct) =>
                s.WithdrawAsync(id, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("WithdrawApproval")
            .WithSummary("The requester withdraws a pending or returned approval; the record's module cancels it.");

        var link = g.MapGroup("/link");
        link.MapGet("/{token}", (string token, ApprovalService s, CancellationToken ct) => s.LinkAsync(token, ct))
            .AllowAnonymous()
            .WithName("GetApprovalLink")
            .WithSummary("What a signed approval link opens (no sign-in): the request, or why the link no longer works.");
        link.MapPost("/{token}", (string token, LinkDecision body, ApprovalService s, CancellationToken ct) =>
                s.DecideByLinkAsync(token, body, ct)
            )
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .WithName("DecideApprovalLink")
            .WithSummary("Decide through a signed link, in its approver's name. Single use: 409 once spent, expired or moved on.");

        var d = g.MapGroup("/delegations").RequirePolicy(Policies.Staff);
        d.MapGet("", (ApprovalService s, CancellationToken ct) => s.DelegationsAsync(ct))
            .WithName("ListDelegations")
            .WithSummary("Current and coming delegations: mine and to me (managers: everyone's).");
        d.MapPost("", async (SaveDelegation body, ApprovalService s, CancellationToken ct) =>
            {
                var dto = await s.DelegateAsync(body, ct);
                return TypedResults.Created($"/api/v1/approvals/delegations/{dto.Id}", dto);
            })
            .WithName("CreateDelegation")
            .WithSummary("Away from startsAt to endsAt: approvals for userId (yourself by default) go to delegateId meanwhile.");
        d.MapDelete("/{id:guid}", async (Guid id, ApprovalService s, CancellationToken ct) =>
            {
                await s.EndDelegationAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("EndDelegation")
            .WithSummary("End a delegation early.");

        var p = api.MapGroup("/automation/approval-processes").WithTags("Approvals").RequirePolicy(Policies.RuleEditors);
        p.MapGet("", (string? recordType, int? page, int? pageSize, ProcessService s, CancellationToken ct) =>
                s.ListAsync(recordType, PageRequest.From(page, pageSize), ct)
            )
            .WithName("ListApprovalProcesses")
            .WithSummary("Approval processes, by record type and order.");
        p.MapGet("/{id:guid}", (Guid id, ProcessService s, CancellationToken ct) => s.GetAsync(id, ct))
            .WithName("GetApprovalProcess")
            .WithSummary("One approval process.");
        p.MapPost("", async (SaveProcess body, ProcessService s, CancellationToken ct) =>
            {
                var dto = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/automation/approval-processes/{dto.Id}", dto);
            })
            .WithName("CreateApprovalProcess")
            .WithSummary(
                "A process for a record type: conditions (as a rule's) choose it, lowest order first; steps in order, each with an "
                    + "approver (user, role, requestersManager, ownersManager, field), mode any or all, limitHours in working hours "
                    + "and escalateTo."
            );
        p.MapPut("/{id:guid}", (Guid id, SaveProcess body, HttpRequest req, ProcessService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("UpdateApprovalProcess")
            .WithSummary("Change a process; approvals already running keep their steps.");
        api.MapGet("/automation/monitor", (int? days, ProcessMonitor m, CancellationToken ct) => m.GetAsync(days ?? 30, ct))
            .WithTags("Approvals")
            .RequirePolicy(Policies.RuleEditors)
            .WithName("ProcessMonitor")
            .WithSummary(
                "Per approval step and task-making rule: open now, overdue, and the median and p90 working hours of the finished."
            );
    }
}
