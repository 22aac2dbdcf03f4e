using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Surveys;

/// <summary>After the visit: the customer's survey (by link, no account) and the desk's call-back.</summary>
internal sealed class SurveyService(
    AppDbContext db,
    CustomerDirectory customers,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public async Task<SurveyForm?> FormAsync(string token, CancellationToken ct)
    {
        var order = await ByTokenAsync(token, ct);
        if (order is null)
            return null;
        var machine = order.MachineId is { } m ? await customers.MachineForTokenHolderAsync(m, ct) : null;
        var customer = await customers.CustomerFactsAsync(order.CustomerId, ct);
        var engineer = order.AssigneeId is { } a
            ? await db.Users.Where(u => u.Id == a).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? ""
            : "";
        return new SurveyForm(
            order.Number,
            customer?.Name ?? "",
            machine?.ProductName ?? "",
            engineer,
            order.ClosedAtUtc,
            await db.Set<Survey>().AnyAsync(s => s.WorkOrderId == order.Id, ct)
        );
    }

    /// <summary>One answer per order: a second one is 409, enforced by a unique index even for two tabs at once.</summary>
    public async Task AnswerAsync(string token, AnswerSurvey input, CancellationToken ct)
    {
        var order = await ByTokenAsync(token, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        if (input.Csat is not { } csat || csat is < 1 or > 5)
            errors.Add("csat", t["Common.Error.Range", 1, 5]);
        if (input.Nps is not { } nps || nps is < 0 or > 10)
            errors.Add("nps", t["Common.Error.Range", 0, 10]);
        if (input.Comment is { Length: > 2000 })
            errors.Add("comment", t["Common.Error.MaxLength", 2000]);
        errors.ThrowIfAny();
        if (await db.Set<Survey>().AnyAsync(s => s.WorkOrderId == order.Id, ct))
            throw new AppConflictException(t["Survey.Error.Answered"]);
        db.Add(
            new Survey
            {
                Id = Guid.CreateVersion7(),
                WorkOrderId = order.Id,
                CustomerId = order.CustomerId,
                MachineId = order.MachineId,
                Csat = input.Csat!.Value,
                Nps = input.Nps!.Value,
                Comment = input.Comment?.Trim() ?? "",
                AnsweredAtUtc = clock.GetUtcNow().UtcDateTime,
            }
        );
        // The order's scores are set in place below, where the save hook does not see them: the roll-up is told here.
        Dashboard.KpiRollup.Touch(db, order.ReportedDay, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.InTransactionAsync(
                async () =>
                {
                    await db.SaveChangesAsync(ct);
                    // The dashboard's copy, set in place like HasRework: not a change anyone made to the order, so no new version.
                    await db.Set<WorkOrder>()
                        .Where(w => w.Id == order.Id)
                        .ExecuteUpdateAsync(x => x.SetProperty(w => w.Csat, input.Csat).SetProperty(w => w.Nps, input.Nps), ct);
                    return 0;
                },
                ct
            );
        }
        catch (DbUpdateException)
        {
            throw new AppConflictException(t["Survey.Error.Answered"]);
        }
    }

    /// <summary>The customer's answer on an order, for the staff's order page.</summary>
    public Task<Field.SurveyAnswer?> AnswerOfAsync(Guid workOrderId, CancellationToken ct) =>
        db.Set<Survey>()
            .AsNoTracking()
            .Where(s => s.WorkOrderId == workOrderId)
            .Select(s => (Field.SurveyAnswer?)new Field.SurveyAnswer(s.Csat, s.Nps, s.Comment, s.AnsweredAtUtc))
            .FirstOrDefaultAsync(ct);

    private async Task<WorkOrder?> ByTokenAsync(string token, CancellationToken ct) =>
        token.Length is < 16 or > 40
            ? null
            : await db.Set<WorkOrder>()
                .AsNoTracking()
                .SingleOrDefaultAsync(w => w.SurveyToken == token && w.Status == WorkOrderStatus.Closed, ct);

    public async Task<PagedResult<CallbackDto>> CallbacksAsync(bool pendingOnly, PageRequest page, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var q =
            from c in db.Set<CallbackTask>().AsNoTracking()
            join w in db.Set<WorkOrder>() on c.WorkOrderId equals w.Id
            select new { c, w };
        if (pendingOnly)
            q = q.Where(x => x.c.DoneAtUtc == null);
        var result = await q.ToPageAsync(
            x => x.OrderBy(y => y.c.DoneAtUtc != null).ThenBy(y => y.c.DueAtUtc).ThenBy(y => y.c.Id),
            x => x,
            page,
            ct
        );
        var names = await customers.CustomerNamesAsync(result.Items.Select(x => x.w.CustomerId), ct);
        return new PagedResult<CallbackDto>(
            [
                .. result.Items.Select(x => new CallbackDto(
                    x.c.Id,
                    x.w.Id,
                    x.w.Number,
                    names.GetValueOrDefault(x.w.CustomerId) ?? "",
                    x.w.ContactName,
                    x.w.ContactPhone,
                    x.c.DueAtUtc,
                    x.c.Outcome,
                    x.c.Note,
                    x.c.DoneAtUtc,
                    x.c.DoneAtUtc == null && x.c.DueAtUtc < now,
                    x.c.Version
                )),
            ],
            result.Total
        );
    }

    public async Task<CallbackDto> CompleteAsync(Guid id, CompleteCallback input, CancellationToken ct)
    {
        var task = await db.Set<CallbackTask>().SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is { } v)
            db.ExpectVersion(task, v);
        var errors = new ValidationErrors();
        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome) || outcome == CallbackOutcome.Pending)
            errors.Add("outcome", t["Common.Error.Choice"]);
        if (input.Note is { Length: > 2000 })
            errors.Add("note", t["Common.Error.MaxLength", 2000]);
        if (input.Outcome == CallbackOutcome.Unsatisfied && string.IsNullOrWhiteSpace(input.Note))
            errors.Add("note", t["Callback.Error.NoteWhenUnsatisfied"]);
        errors.ThrowIfAny();
        if (task.DoneAtUtc is not null)
            throw new AppConflictException(t["Callback.Error.Done"]);
        task.Outcome = input.Outcome!.Value;
        task.Note = input.Note?.Trim() ?? "";
        task.DoneAtUtc = clock.GetUtcNow().UtcDateTime;
        task.DoneById = actor.UserId;
        await db.SaveChangesAsync(ct);
        var w = await db.Set<WorkOrder>().AsNoTracking().SingleAsync(o => o.Id == task.WorkOrderId, ct);
        return new CallbackDto(
            task.Id,
            w.Id,
            w.Number,
            await customers.CustomerNameAsync(w.CustomerId, ct) ?? "",
            w.ContactName,
            w.ContactPhone,
            task.DueAtUtc,
            task.Outcome,
            task.Note,
            task.DoneAtUtc,
            false,
            task.Version
        );
    }
}
