using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Automation.Tasks;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Automation.Approvals;

public enum ApprovalScope
{
    /// <summary>Waiting for my decision (mine and those I hold for someone away).</summary>
    Waiting = 0,

    /// <summary>Asked by me.</summary>
    Requested = 1,

    /// <summary>Every approval I may see: managers see all, others those they asked or voted on.</summary>
    All = 2,
}

/// <summary>The approvals people see and decide: their inbox, a request's history, signed links, delegations while away.</summary>
internal sealed class ApprovalService(
    AppDbContext db,
    ApprovalEngine engine,
    ApprovalLinks links,
    ApproverResolver resolver,
    CurrentActor actor,
    IUserClaimsPrincipalFactory<AppUser> principals,
    IStringLocalizer<Strings> t,
    TimeProvider clock
)
{
    private Guid Me => actor.UserId ?? throw new AppNotFoundException(t["Common.NotFound"]);
    private bool IsManager => TaskService.Managers.Any(actor.IsInRole);

    /// <summary>Managers see every approval; others those they asked for or that named them (or someone they stand in for).</summary>
    private IQueryable<Approval> Visible(IReadOnlyCollection<Guid> acting)
    {
        var q = db.Set<Approval>().AsNoTracking();
        if (IsManager)
            return q;
        var me = Me;
        return q.Where(a =>
            a.RequesterId == me
            || db.Set<ApprovalVote>().Any(v => v.ApprovalId == a.Id && (acting.Contains(v.UserId) || v.OnBehalfOfId == me))
        );
    }

    private Task<List<Guid>> ActingAsync(CancellationToken ct) => resolver.ActingForAsync(Me, clock.GetUtcNow().UtcDateTime, ct);

    public async Task<PagedResult<ApprovalListItem>> ListAsync(
        ApprovalScope scope,
        ApprovalStatus? status,
        Guid? processId,
        int? step,
        bool overdue,
        PageRequest page,
        CancellationToken ct
    )
    {
        var me = Me;
        var now = clock.GetUtcNow().UtcDateTime;
        var acting = await ActingAsync(ct);
        var q = Visible(acting);
        if (scope == ApprovalScope.Waiting)
        {
            q = q.Where(a =>
                a.Status == ApprovalStatus.Pending
                && db.Set<ApprovalVote>()
                    .Any(v =>
                        v.ApprovalId == a.Id
                        && v.Round == a.Round
                        && v.StepIndex == a.StepIndex
                        && v.Decision == VoteDecision.Waiting
                        && acting.Contains(v.UserId)
                    )
            );
        }
        else if (scope == ApprovalScope.Requested)
            q = q.Where(a => a.RequesterId == me);
        if (status is { } s)
            q = q.Where(a => a.Status == s);
        if (processId is { } p)
            q = q.Where(a => a.ProcessId == p);
        if (step is { } st)
            q = q.Where(a => a.StepIndex == st - 1);
        if (overdue)
            q = q.Where(a => a.Status == ApprovalStatus.Pending && a.StepDueAtUtc != null && a.StepDueAtUtc < now);
        var result = await q.ToPageAsync(
            x =>
                x.OrderBy(a => a.Status)
                    .ThenBy(a => a.StepDueAtUtc == null)
                    .ThenBy(a => a.StepDueAtUtc)
                    .ThenByDescending(a => a.CreatedAtUtc),
            x => x,
            page,
            ct
        );
        var ids = result.Items.Select(a => a.Id).ToList();
        var waiting = await db.Set<ApprovalVote>()
            .AsNoTracking()
            .Where(v => ids.Contains(v.ApprovalId) && v.Decision == VoteDecision.Waiting)
            .Select(v => new { v.ApprovalId, v.UserName })
            .ToListAsync(ct);
        return new PagedResult<ApprovalListItem>(
            [
                .. result.Items.Select(a => new ApprovalListItem(
                    a.Id,
                    a.ProcessName,
                    a.RecordType,
                    a.RecordId,
                    a.RecordTitle,
                    a.RecordLink,
                    a.RequesterName,
                    a.Status,
                    a.StepIndex + 1,
                    ApprovalEngine.StepsOf(a).Count,
                    a.StepName,
                    a.StepStartedAtUtc,
                    a.StepDueAtUtc,
                    a.Status == ApprovalStatus.Pending && a.StepDueAtUtc < now,
                    a.Escalated,
                    a.CreatedAtUtc,
                    [.. waiting.Where(w => w.ApprovalId == a.Id).Select(w => w.UserName).Order(StringComparer.Ordinal)]
                )),
            ],
            result.Total
        );
    }

    /// <summary>How many approvals wait for me: the top bar's count.</summary>
    public async Task<int> WaitingCountAsync(CancellationToken ct)
    {
        var acting = await ActingAsync(ct);
        return await db.Set<ApprovalVote>()
            .Where(v => acting.Contains(v.UserId) && v.Decision == VoteDecision.Waiting)
            .Select(v => v.ApprovalId)
            .Distinct()
            .CountAsync(ct);
    }

    public async Task<ApprovalDto> GetAsync(Guid id, CancellationToken ct)
    {
        var acting = await ActingAsync(ct);
        var a = await Visible(acting).SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return await ToDtoAsync(a, acting, ct);
    }

    public async Task<ApprovalDto> DecideAsync(Guid id, DecideApproval input, string via, CancellationToken ct)
    {
        if (input.Verdict is not { } verdict)
            throw AppValidationException.For("verdict", t["Common.Error.Required"]);
        if (!await Visible(await ActingAsync(ct)).AnyAsync(a => a.Id == id, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        await engine.DecideAsync(id, verdict, input.Comment, input.Version, via, ct);
        return await GetAsync(id, ct);
    }

    public async Task<ApprovalDto> ResubmitAsync(Guid id, ResubmitApproval input, CancellationToken ct)
    {
        await engine.ResubmitAsync(id, input.Comment, input.Version, ct);
        return await GetAsync(id, ct);
    }

    public async Task<ApprovalDto> WithdrawAsync(Guid id, long? version, CancellationToken ct)
    {
        await engine.WithdrawAsync(id, version, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>What a signed link opens: the request and whose vote it is, or why the link no longer works.</summary>
    public async Task<LinkViewDto> LinkAsync(string token, CancellationToken ct)
    {
        var (vote, approval, problem) = await ReadLinkAsync(token, ct);
        if (problem is not null)
            return new LinkViewDto(approval is null ? null : await ToDtoAsync(approval, [], ct), vote?.UserName ?? "", problem);
        return new LinkViewDto(await ToDtoAsync(approval!, [vote!.UserId], ct), vote.UserName, null);
    }

    /// <summary>Decides through a signed link, in the name of the vote's approver; the link is spent.</summary>
    public async Task<LinkViewDto> DecideByLinkAsync(string token, LinkDecision input, CancellationToken ct)
    {
        if (input.Verdict is not { } verdict)
            throw AppValidationException.For("verdict", t["Common.Error.Required"]);
        var (vote, approval, problem) = await ReadLinkAsync(token, ct);
        if (problem is { } p)
            throw new AppConflictException(t[$"Approvals.Link.{p}"]);
        var user = await db.Users.SingleAsync(u => u.Id == vote!.UserId, ct);
        if (!user.IsActive)
            throw new AppConflictException(t["Approvals.Link.Invalid"]);
        actor.Use(await principals.CreateAsync(user));
        var tracked = await db.Set<Approval>().SingleAsync(a => a.Id == approval!.Id, ct);
        var trackedVote = await db.Set<ApprovalVote>().SingleAsync(v => v.Id == vote!.Id, ct);
        await engine.CastAsync(tracked, trackedVote, verdict, input.Comment, "link", ct);
        return await LinkAsync(token, ct);
    }

    private async Task<(ApprovalVote? Vote, Approval? Approval, LinkProblem? Problem)> ReadLinkAsync(string token, CancellationToken ct)
    {
        var (voteId, problem) = links.Read(token, clock.GetUtcNow().UtcDateTime);
        if (voteId is not { } id)
            return (null, null, problem);
        var vote = await db.Set<ApprovalVote>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (vote is null)
            return (null, null, LinkProblem.Invalid);
        var approval = await db.Set<Approval>().AsNoTracking().SingleAsync(a => a.Id == vote.ApprovalId, ct);
        var current =
            vote.Decision == VoteDecision.Waiting
            && approval.Status == ApprovalStatus.Pending
            && approval.Round == vote.Round
            && approval.StepIndex == vote.StepIndex;
        return (vote, approval, current ? null : LinkProblem.Used);
    }

    public async Task<List<DelegationDto>> DelegationsAsync(CancellationToken ct)
    {
        var me = Me;
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Set<ApprovalDelegation>().AsNoTracking().Where(d => d.CancelledAtUtc == null && d.EndsAtUtc > now);
        if (!IsManager)
            q = q.Where(d => d.UserId == me || d.DelegateId == me);
        var list = await q.OrderBy(d => d.StartsAtUtc).Take(200).ToListAsync(ct);
        var ids = list.SelectMany(d => new[] { d.UserId, d.DelegateId }).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return
        [
            .. list.Select(d => new DelegationDto(
                d.Id,
                d.UserId,
                names.GetValueOrDefault(d.UserId) ?? "?",
                d.DelegateId,
                names.GetValueOrDefault(d.DelegateId) ?? "?",
                d.StartsAtUtc,
                d.EndsAtUtc,
                d.Note
            )),
        ];
    }

    /// <summary>
    /// Sets a user away: approvals that open for them meanwhile go to the delegate, and the delegate may decide the ones
    /// already waiting for them.
    /// </summary>
    public async Task<DelegationDto> DelegateAsync(SaveDelegation input, CancellationToken ct)
    {
        var me = Me;
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        var user = input.UserId ?? me;
        if (user != me && !IsManager)
            errors.Add("userId", t["Approvals.Error.OthersDelegation"]);
        if (input.DelegateId is not { } delegateId || !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(u => u.Id == delegateId, ct))
            errors.Add("delegateId", t["Rules.Error.User"]);
        else if (delegateId == user)
            errors.Add("delegateId", t["Approvals.Error.SelfDelegate"]);
        var starts = input.StartsAt?.ToUniversalTime() ?? now;
        if (input.EndsAt is not { } endsInput)
            errors.Add("endsAt", t["Common.Error.Required"]);
        else if (endsInput.ToUniversalTime() <= starts || endsInput.ToUniversalTime() <= now)
            errors.Add("endsAt", t["Approvals.Error.EndsBeforeStart"]);
        else if (endsInput.ToUniversalTime() > starts.AddDays(366))
            errors.Add("endsAt", t["Common.Error.Range", 1, 366]);
        if (input.Note is { Length: > 500 })
            errors.Add("note", t["Common.Error.MaxLength", 500]);
        errors.ThrowIfAny();
        var ends = input.EndsAt!.Value.ToUniversalTime();
        if (
            await db.Set<ApprovalDelegation>()
                .AnyAsync(d => d.UserId == user && d.CancelledAtUtc == null && d.StartsAtUtc < ends && d.EndsAtUtc > starts, ct)
        )
            throw AppValidationException.For("startsAt", t["Approvals.Error.Overlap"]);
        var d = new ApprovalDelegation
        {
            Id = Guid.CreateVersion7(),
            UserId = user,
            DelegateId = input.DelegateId!.Value,
            StartsAtUtc = starts,
            EndsAtUtc = ends,
            Note = input.Note?.Trim() ?? "",
            CreatedAtUtc = now,
        };
        db.Add(d);
        await db.SaveChangesAsync(ct);
        return (await DelegationsAsync(ct)).Single(x => x.Id == d.Id);
    }

    public async Task EndDelegationAsync(Guid id, CancellationToken ct)
    {
        var d = await db.Set<ApprovalDelegation>().SingleOrDefaultAsync(x => x.Id == id && x.CancelledAtUtc == null, ct);
        if (d is null || (d.UserId != Me && !IsManager))
            throw new AppNotFoundException(t["Common.NotFound"]);
        d.CancelledAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private async Task<ApprovalDto> ToDtoAsync(Approval a, IReadOnlyCollection<Guid> acting, CancellationToken ct)
    {
        var votes = await db.Set<ApprovalVote>()
            .AsNoTracking()
            .Where(v => v.ApprovalId == a.Id)
            .OrderBy(v => v.Round)
            .ThenBy(v => v.StepIndex)
            .ThenBy(v => v.CreatedAtUtc)
            .ToListAsync(ct);
        var steps = ApprovalEngine.StepsOf(a);
        var canDecide =
            a.Status == ApprovalStatus.Pending
            && votes.Any(v =>
                v.Round == a.Round && v.StepIndex == a.StepIndex && v.Decision == VoteDecision.Waiting && acting.Contains(v.UserId)
            );
        return new ApprovalDto(
            a.Id,
            a.ProcessId,
            a.ProcessName,
            a.RecordType,
            a.RecordId,
            a.RecordTitle,
            a.RecordLink,
            a.RequesterId,
            a.RequesterName,
            a.Status,
            a.StepIndex + 1,
            steps,
            a.StepStartedAtUtc,
            a.StepDueAtUtc,
            a.Escalated,
            a.Round,
            a.LastComment,
            a.CreatedAtUtc,
            a.ClosedAtUtc,
            [
                .. votes.Select(v => new VoteDto(
                    v.Round,
                    v.StepIndex + 1,
                    v.StepIndex < steps.Count ? steps[v.StepIndex].Name : "",
                    v.UserName,
                    v.OnBehalfOfId is null ? null : v.OnBehalfOfName,
                    v.Escalation,
                    v.Decision,
                    v.Comment,
                    v.Via,
                    v.DecidedAtUtc
                )),
            ],
            canDecide,
            actor.UserId == a.RequesterId,
            a.Version
        );
    }
}
