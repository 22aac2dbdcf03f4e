using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Steadfast.Automation.Rules;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Company;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;

namespace Steadfast.Automation.Approvals;

/// <summary>
/// Runs approvals: picks the process, opens each step for its approvers (or their delegates), counts "any of" and "all
/// of" votes, moves on, escalates a step whose time ran out, and tells the record's module the outcome in the same
/// transaction. Every change goes through the caller's unit of work; decisions save it.
/// </summary>
internal sealed class ApprovalEngine(
    AppDbContext db,
    RecordTypes types,
    CustomFieldService customFields,
    ApproverResolver resolver,
    ApprovalLinks links,
    Notifier notifier,
    CurrentActor actor,
    ConfigCache config,
    IServiceProvider services,
    IStringLocalizer<Strings> t,
    TimeProvider clock
) : IApprovals
{
    public const string EscalateKind = "approval.escalate";

    // Resolved when needed: a module's subject uses its own services, which may in turn ask the engine.
    private IEnumerable<IApprovalSubject> Subjects => services.GetServices<IApprovalSubject>();
    public const int MaxComment = 1000;

    internal sealed record EscalateAt(int Round, int Step);

    public async Task<ApprovalRef?> StartAsync(string recordType, Guid recordId, Guid requesterId, CancellationToken ct)
    {
        // Most record types have no process: nothing more is read for them.
        var processes = await EnabledAsync(recordType, ct);
        if (processes.Count == 0 || await types.ViewAsync(recordType, customFields, ct) is not { } view)
            return null;
        var values = await ValuesAsync(view, recordId, ct);
        if (values is not null && Choose(processes, view, values) is { } process)
        {
            var def = ProcessDefinition.FromJson(process.Definition);
            var requester = await db.Users.Where(u => u.Id == requesterId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var approval = new Approval
            {
                Id = Guid.CreateVersion7(),
                ProcessId = process.Id,
                ProcessName = process.Name,
                Steps = JsonSerializer.Serialize(def.Steps, RuleDefinition.Json),
                RecordType = recordType,
                RecordId = recordId,
                RecordTitle = Clip(values.GetValueOrDefault(view.Type.TitleField) ?? "", 200),
                RecordLink = view.Type.Link(recordId),
                RequesterId = requesterId,
                RequesterName = requester ?? actor.Name,
                Status = ApprovalStatus.Pending,
                CreatedAtUtc = now,
            };
            db.Add(approval);
            await OpenStepAsync(approval, def.Steps, 0, view, values, now, ct);
            return await RefAsync(approval, ct);
        }
        return null;
    }

    /// <summary>The first enabled process of the record type, in order, whose conditions hold for the values.</summary>
    public async Task<ApprovalProcess?> ChooseAsync(
        RecordTypeView view,
        IReadOnlyDictionary<string, string?> values,
        CancellationToken ct
    ) => Choose(await EnabledAsync(view.Type.Name, ct), view, values);

    private Task<List<ApprovalProcess>> EnabledAsync(string recordType, CancellationToken ct) =>
        db.Set<ApprovalProcess>()
            .AsNoTracking()
            .Where(p => p.RecordType == recordType && p.Enabled)
            .OrderBy(p => p.Order)
            .ThenBy(p => p.Name)
            .ToListAsync(ct);

    private static ApprovalProcess? Choose(
        List<ApprovalProcess> processes,
        RecordTypeView view,
        IReadOnlyDictionary<string, string?> values
    ) =>
        processes.FirstOrDefault(p =>
            ProcessDefinition.FromJson(p.Definition) is { Steps.Count: > 0 } def
            && RuleEvaluator.Evaluate(def.Conditions, view.Fields, values).Matched
        );

    public async Task<ApprovalRef?> FindAsync(string recordType, Guid recordId, CancellationToken ct)
    {
        var a = db.ChangeTracker.Entries<Approval>()
            .Select(e => e.Entity)
            .Where(x => x.RecordType == recordType && x.RecordId == recordId)
            .MaxBy(x => x.CreatedAtUtc)
            ?? await db.Set<Approval>()
                .AsNoTracking()
                .Where(x => x.RecordType == recordType && x.RecordId == recordId)
                .OrderByDescending(x => x.CreatedAtUtc)
                .FirstOrDefaultAsync(ct);
        return a is null ? null : await RefAsync(a, ct);
    }

    public Task DecideAsync(Guid approvalId, ApprovalVerdict verdict, string? comment, CancellationToken ct) =>
        DecideAsync(approvalId, verdict, comment, null, "page", ct);

    /// <summary>The signed-in user decides the current step: their own vote or one they hold for someone away.</summary>
    public async Task DecideAsync(
        Guid approvalId,
        ApprovalVerdict verdict,
        string? comment,
        long? version,
        string via,
        CancellationToken ct
    )
    {
        var me = actor.UserId ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var approval = await db.Set<Approval>().SingleOrDefaultAsync(a => a.Id == approvalId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is { } v)
            db.ExpectVersion(approval, v);
        var acting = await resolver.ActingForAsync(me, clock.GetUtcNow().UtcDateTime, ct);
        var vote = await WaitingVotes(approval)
            .Where(x => acting.Contains(x.UserId))
            .OrderBy(x => x.UserId == me ? 0 : 1)
            .FirstOrDefaultAsync(ct);
        if (approval.Status != ApprovalStatus.Pending)
            throw new AppConflictException(t["Approvals.Error.Closed", t[$"Approvals.Status.{approval.Status}"]]);
        if (vote is null)
            throw new AppConflictException(t["Approvals.Error.NotYours"]);
        if (vote.UserId != me)
        {
            // A delegate decides in their own name, for the approver away.
            vote.OnBehalfOfId = vote.UserId;
            vote.OnBehalfOfName = vote.UserName;
            vote.UserId = me;
            vote.UserName = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).SingleAsync(ct);
        }
        await CastAsync(approval, vote, verdict, comment, via, ct);
    }

    /// <summary>Records one vote and whatever follows from it, all in one transaction.</summary>
    public async Task CastAsync(
        Approval approval,
        ApprovalVote vote,
        ApprovalVerdict verdict,
        string? comment,
        string via,
        CancellationToken ct
    )
    {
        comment = comment?.Trim() ?? "";
        if (!Enum.IsDefined(verdict))
            throw AppValidationException.For("verdict", t["Common.Error.Choice"]);
        if (verdict != ApprovalVerdict.Approve && comment.Length == 0)
            throw AppValidationException.For("comment", t["Approvals.Error.CommentRequired"]);
        if (comment.Length > MaxComment)
            throw AppValidationException.For("comment", t["Common.Error.MaxLength", MaxComment]);
        var steps = StepsOf(approval);
        var step = steps[approval.StepIndex];
        var others = await WaitingVotes(approval).Where(x => x.Id != vote.Id).ToListAsync(ct);
        var stepDone = verdict != ApprovalVerdict.Approve || step.Mode == StepMode.Any || vote.Escalation || others.All(o => o.Escalation);
        var last = stepDone && verdict == ApprovalVerdict.Approve && approval.StepIndex == steps.Count - 1;
        var subject = Subjects.FirstOrDefault(s => s.RecordType == approval.RecordType);
        if (last && subject is not null)
            await subject.ReadyAsync(approval.RecordId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(
            async () =>
            {
                vote.Decision = verdict switch
                {
                    ApprovalVerdict.Approve => VoteDecision.Approved,
                    ApprovalVerdict.Reject => VoteDecision.Rejected,
                    _ => VoteDecision.Returned,
                };
                vote.Comment = comment;
                vote.Via = via;
                vote.DecidedAtUtc = now;
                approval.LastComment = comment;
                db.Entry(approval).Property(a => a.Version).IsModified = true;
                if (stepDone)
                {
                    foreach (var o in others)
                        o.Decision = VoteDecision.Skipped;
                    await CloseStepAsync(approval, vote.Decision, now, ct);
                }
                if (verdict == ApprovalVerdict.Approve && stepDone && !last)
                {
                    var view = await types.ViewAsync(approval.RecordType, customFields, ct);
                    var values = view is null ? null : await ValuesAsync(view, approval.RecordId, ct);
                    await OpenStepAsync(approval, steps, approval.StepIndex + 1, view, values ?? [], now, ct);
                }
                else if (stepDone)
                {
                    approval.Status = verdict switch
                    {
                        ApprovalVerdict.Approve => ApprovalStatus.Approved,
                        ApprovalVerdict.Reject => ApprovalStatus.Rejected,
                        _ => ApprovalStatus.Returned,
                    };
                    approval.ClosedAtUtc = now;
                    approval.StepDueAtUtc = null;
                    notifier.NotifyUsers(
                        "ApprovalDecided",
                        [approval.RequesterId],
                        approval.RecordLink,
                        [approval.RecordTitle, $"@Approvals.Status.{approval.Status}", vote.UserName, comment],
                        mail: true
                    );
                    if (subject is not null)
                        await subject.DecidedAsync(
                            new ApprovalOutcome(approval.Id, approval.RecordId, approval.Status, comment, vote.UserName),
                            ct
                        );
                }
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
    }

    /// <summary>The requester sends a returned request round again, from the first step.</summary>
    public async Task ResubmitAsync(Guid approvalId, string? comment, long? version, CancellationToken ct)
    {
        var approval = await MineAsync(approvalId, version, ct);
        if (approval.Status != ApprovalStatus.Returned)
            throw new AppConflictException(t["Approvals.Error.NotReturned"]);
        if ((comment?.Length ?? 0) > MaxComment)
            throw AppValidationException.For("comment", t["Common.Error.MaxLength", MaxComment]);
        var now = clock.GetUtcNow().UtcDateTime;
        approval.Round++;
        approval.Status = ApprovalStatus.Pending;
        approval.ClosedAtUtc = null;
        approval.LastComment = comment?.Trim() ?? "";
        var view = await types.ViewAsync(approval.RecordType, customFields, ct);
        var values = view is null ? null : await ValuesAsync(view, approval.RecordId, ct);
        await OpenStepAsync(approval, StepsOf(approval), 0, view, values ?? [], now, ct);
        await db.InTransactionAsync(() => db.SaveChangesAsync(ct), ct);
    }

    /// <summary>The requester withdraws: the record's module hears it as cancelled.</summary>
    public async Task WithdrawAsync(Guid approvalId, long? version, CancellationToken ct)
    {
        var approval = await MineAsync(approvalId, version, ct);
        if (approval.Status is not (ApprovalStatus.Pending or ApprovalStatus.Returned))
            throw new AppConflictException(t["Approvals.Error.Closed", t[$"Approvals.Status.{approval.Status}"]]);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(
            async () =>
            {
                if (approval.Status == ApprovalStatus.Pending)
                {
                    await WaitingVotes(approval).ExecuteUpdateAsync(s => s.SetProperty(v => v.Decision, VoteDecision.Skipped), ct);
                    await CloseStepAsync(approval, VoteDecision.Skipped, now, ct);
                }
                approval.Status = ApprovalStatus.Cancelled;
                approval.ClosedAtUtc = now;
                approval.StepDueAtUtc = null;
                if (Subjects.FirstOrDefault(s => s.RecordType == approval.RecordType) is { } subject)
                    await subject.DecidedAsync(
                        new ApprovalOutcome(approval.Id, approval.RecordId, ApprovalStatus.Cancelled, "", approval.RequesterName),
                        ct
                    );
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
    }

    private async Task<Approval> MineAsync(Guid approvalId, long? version, CancellationToken ct)
    {
        var approval = await db.Set<Approval>().SingleOrDefaultAsync(a => a.Id == approvalId, ct);
        if (approval is null || approval.RequesterId != actor.UserId)
            throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is { } v)
            db.ExpectVersion(approval, v);
        return approval;
    }

    /// <summary>
    /// The step's time ran out: the escalation target joins with a vote that decides the step alone, and the approvers are
    /// reminded. Runs once per step and round (the due item's payload names them).
    /// </summary>
    public async Task EscalateAsync(Guid approvalId, EscalateAt at, CancellationToken ct)
    {
        var approval = await db.Set<Approval>().SingleOrDefaultAsync(a => a.Id == approvalId, ct);
        if (
            approval is not { Status: ApprovalStatus.Pending }
            || approval.Round != at.Round
            || approval.StepIndex != at.Step
            || approval.Escalated
        )
            return;
        var step = StepsOf(approval)[approval.StepIndex];
        var waiting = await WaitingVotes(approval).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        approval.Escalated = true;
        var time = await db.Set<ApprovalStepTime>()
            .Where(s => s.ApprovalId == approval.Id && s.Round == approval.Round && s.StepIndex == approval.StepIndex)
            .SingleOrDefaultAsync(ct);
        time?.Escalated = true;
        var late = (await BusinessCalendar.LoadAsync(db, config, ct)).Between(approval.StepStartedAtUtc, now);
        var hours = ((int)Math.Round(late.TotalHours)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] args = [approval.RecordTitle, approval.ProcessName, approval.StepName, hours];
        if (step.EscalateTo is { } target)
        {
            var view = await types.ViewAsync(approval.RecordType, customFields, ct);
            var values = view is null ? null : await ValuesAsync(view, approval.RecordId, ct);
            var users = await resolver.UsersAsync(
                target,
                approval.RequesterId,
                values ?? [],
                view?.Type.OwnerField,
                [.. waiting.Select(w => w.OnBehalfOfId ?? w.UserId)],
                ct
            );
            if (users.Count == 0)
                users = await resolver.FallbackAsync(ct);
            var added = await AddVotesAsync(approval, users.Where(u => waiting.All(w => w.UserId != u)).ToList(), true, now, ct);
            foreach (var v in added)
                notifier.NotifyUsers("ApprovalEscalated", [v.UserId], links.For(v, now), args, mail: true);
        }
        notifier.NotifyUsers("ApprovalOverdue", waiting.Select(w => w.UserId), "/approvals", args, mail: true);
        await db.SaveChangesAsync(ct);
    }

    private async Task OpenStepAsync(
        Approval approval,
        IReadOnlyList<ApprovalStep> steps,
        int index,
        RecordTypeView? view,
        IReadOnlyDictionary<string, string?> values,
        DateTime now,
        CancellationToken ct
    )
    {
        var step = steps[index];
        approval.StepIndex = index;
        approval.StepName = step.Name;
        approval.StepStartedAtUtc = now;
        approval.Escalated = false;
        approval.StepDueAtUtc = step.LimitHours is { } hours
            ? (await BusinessCalendar.LoadAsync(db, config, ct)).Add(now, TimeSpan.FromHours(hours))
            : null;
        var users = await resolver.UsersAsync(step.Approver, approval.RequesterId, values, view?.Type.OwnerField, [], ct);
        if (users.Count == 0)
            users = await resolver.FallbackAsync(ct);
        var votes = await AddVotesAsync(approval, users, false, now, ct);
        db.Add(
            new ApprovalStepTime
            {
                Id = Guid.CreateVersion7(),
                ApprovalId = approval.Id,
                ProcessId = approval.ProcessId,
                StepIndex = index,
                StepName = step.Name,
                Round = approval.Round,
                StartedAtUtc = now,
            }
        );
        if (approval.StepDueAtUtc is { } due)
            db.Schedule(EscalateKind, approval.Id.ToString(), due, new EscalateAt(approval.Round, index));
        foreach (var v in votes)
            notifier.NotifyUsers(
                "Approval",
                [v.UserId],
                links.For(v, now),
                [approval.RecordTitle, approval.ProcessName, step.Name, approval.RequesterName],
                mail: true
            );
    }

    private async Task<List<ApprovalVote>> AddVotesAsync(
        Approval approval,
        List<Guid> users,
        bool escalation,
        DateTime now,
        CancellationToken ct
    )
    {
        var votes = new List<ApprovalVote>();
        foreach (var a in await resolver.WithDelegatesAsync(users, now, ct))
        {
            var vote = new ApprovalVote
            {
                Id = Guid.CreateVersion7(),
                ApprovalId = approval.Id,
                Round = approval.Round,
                StepIndex = approval.StepIndex,
                UserId = a.UserId,
                UserName = a.Name,
                OnBehalfOfId = a.OnBehalfOfId,
                OnBehalfOfName = a.OnBehalfOfName,
                Escalation = escalation,
                CreatedAtUtc = now,
            };
            db.Add(vote);
            votes.Add(vote);
        }
        return votes;
    }

    private async Task CloseStepAsync(Approval approval, VoteDecision outcome, DateTime now, CancellationToken ct)
    {
        var time = await db.Set<ApprovalStepTime>()
            .Where(s => s.ApprovalId == approval.Id && s.Round == approval.Round && s.StepIndex == approval.StepIndex)
            .SingleOrDefaultAsync(ct);
        if (time is not null)
        {
            time.EndedAtUtc = now;
            time.Outcome = outcome;
            time.WorkingMinutes = (int)(await BusinessCalendar.LoadAsync(db, config, ct)).Between(time.StartedAtUtc, now).TotalMinutes;
        }
        await db.CancelDueAsync(EscalateKind, approval.Id.ToString(), now, ct);
    }

    private IQueryable<ApprovalVote> WaitingVotes(Approval a) =>
        db.Set<ApprovalVote>()
            .Where(v => v.ApprovalId == a.Id && v.Round == a.Round && v.StepIndex == a.StepIndex && v.Decision == VoteDecision.Waiting);

    public static IReadOnlyList<ApprovalStep> StepsOf(Approval a) =>
        JsonSerializer.Deserialize<List<ApprovalStep>>(a.Steps, RuleDefinition.Json) ?? [];

    /// <summary>The record's values, with its related records'.</summary>
    private async Task<Dictionary<string, string?>?> ValuesAsync(RecordTypeView view, Guid id, CancellationToken ct)
    {
        var values = await RecordValues.LoadAsync(db, view.Type, id, ct);
        if (values is null)
            return null;
        foreach (var (k, v) in await view.Type.RelatedAsync(db, values, ct))
            values[k] = v;
        return values;
    }

    private async Task<ApprovalRef> RefAsync(Approval a, CancellationToken ct)
    {
        var waiting =
            a.Status == ApprovalStatus.Pending
                ? db
                    .ChangeTracker.Entries<ApprovalVote>()
                    .Select(e => e.Entity)
                    .Where(v =>
                        v.ApprovalId == a.Id && v.Round == a.Round && v.StepIndex == a.StepIndex && v.Decision == VoteDecision.Waiting
                    )
                    .Select(v => v.UserName)
                    .Union(await WaitingVotes(a).Select(v => v.UserName).ToListAsync(ct))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
        return new ApprovalRef(
            a.Id,
            a.ProcessName,
            a.Status,
            a.StepIndex + 1,
            StepsOf(a).Count,
            a.StepName,
            waiting,
            a.StepDueAtUtc,
            a.Escalated
        );
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
