using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;
using Steadfast.Service.Field;
using Steadfast.Service.Surveys;

namespace Steadfast.Service.WorkOrders;

/// <summary>
/// The service history of some orders as timeline entries: orders opened and closed (complaints apart on the customer's
/// timeline), visits, survey answers and call-backs. Each kind is read newest first through an index, only as deep as
/// the page asked for. Every entry's RefId is the work order, so the page links to it.
/// </summary>
internal sealed class ServiceTimeline(AppDbContext db, IStringLocalizer<Strings> t)
{
    /// <summary>The entries of one customer's orders, or of one machine's: each kind read from an index led by that subject.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(
        Guid? customerId,
        Guid? machineId,
        IReadOnlySet<string> kinds,
        bool complaintsApart,
        int take,
        CancellationToken ct
    )
    {
        var orders = customerId is { } c
            ? db.Set<WorkOrder>().Where(w => w.CustomerId == c)
            : db.Set<WorkOrder>().Where(w => w.MachineId == machineId);
        var visits = customerId is { } vc
            ? db.Set<WorkOrderVisit>().Where(v => v.CustomerId == vc)
            : db.Set<WorkOrderVisit>().Where(v => v.MachineId == machineId);
        var surveys = customerId is { } sc
            ? db.Set<Survey>().Where(v => v.CustomerId == sc)
            : db.Set<Survey>().Where(v => v.MachineId == machineId);
        var callbacks = customerId is { } cc
            ? db.Set<CallbackTask>().Where(v => v.CustomerId == cc)
            : db.Set<CallbackTask>().Where(v => v.MachineId == machineId);
        var entries = new List<TimelineEntry>();
        foreach (var (kind, complaints) in new[] { ("workOrder", false), ("complaint", true) })
        {
            if (!kinds.Contains(kind) || (complaints && !complaintsApart))
                continue;
            var these =
                !complaintsApart ? orders
                : complaints ? orders.Where(w => w.Type == WorkOrderType.Complaint)
                : orders.Where(w => w.Type != WorkOrderType.Complaint);
            entries.AddRange(await OpenedAsync(these, kind, take, ct));
            entries.AddRange(await ClosedAsync(these, kind, take, ct));
        }
        if (kinds.Contains("visit"))
            entries.AddRange(await VisitsAsync(visits, take, ct));
        if (kinds.Contains("survey"))
            entries.AddRange(await SurveysAsync(surveys, take, ct));
        if (kinds.Contains("callback"))
            entries.AddRange(await CallbacksAsync(callbacks, take, ct));
        return entries;
    }

    private async Task<IEnumerable<TimelineEntry>> OpenedAsync(IQueryable<WorkOrder> orders, string kind, int take, CancellationToken ct)
    {
        var rows = await orders
            .AsNoTracking()
            .OrderByDescending(w => w.ReportedAtUtc)
            .Take(take)
            .Select(w => new
            {
                w.Id,
                w.Number,
                w.Type,
                w.Status,
                w.FaultDescription,
                w.ReportedAtUtc,
                Engineer = db.Users.Where(u => u.Id == w.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(w => new TimelineEntry(
            w.ReportedAtUtc,
            kind + ".opened",
            $"{w.Number} · {t[$"WorkOrders.Type.{w.Type}"]} · {Short(w.FaultDescription)}",
            Join(t[$"WorkOrders.Status.{w.Status}"], w.Engineer),
            w.Id,
            $"/service/{w.Id}"
        ));
    }

    private async Task<IEnumerable<TimelineEntry>> ClosedAsync(IQueryable<WorkOrder> orders, string kind, int take, CancellationToken ct)
    {
        var rows = await orders
            .AsNoTracking()
            .Where(w => w.ClosedAtUtc != null)
            .OrderByDescending(w => w.ClosedAtUtc)
            .Take(take)
            .Select(w => new
            {
                w.Id,
                w.Number,
                w.RootCause,
                w.Actions,
                ClosedAtUtc = w.ClosedAtUtc!.Value,
                w.SlaBreached,
                w.HasRework,
                w.ReworkOfId,
                Cost = w.LabourCost + w.TravelCost + w.PartsCost,
                Engineer = db.Users.Where(u => u.Id == w.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(w => new TimelineEntry(
            w.ClosedAtUtc,
            kind + ".closed",
            $"{w.Number} · {Short(w.RootCause.Length > 0 ? t[$"WorkOrders.RootCause.{w.RootCause}"] : w.Actions)}",
            Join(
                w.Engineer,
                (w.SlaBreached ? t["Timeline.SlaMissed"] : t["Timeline.SlaMet"]).Value,
                w.HasRework || w.ReworkOfId != null ? t["WorkOrders.Rework"].Value : null,
                w.Cost > 0 ? Money.Yuan(w.Cost, cents: false) : null
            ),
            w.Id,
            $"/service/{w.Id}"
        ));
    }

    // Each reads its newest rows of the subject first, then joins only those to their orders for the numbers.
    private async Task<IEnumerable<TimelineEntry>> VisitsAsync(IQueryable<WorkOrderVisit> visits, int take, CancellationToken ct)
    {
        var rows = await (
            from v in visits.AsNoTracking().OrderByDescending(v => v.CheckInAtUtc).Take(take)
            join w in db.Set<WorkOrder>() on v.WorkOrderId equals w.Id
            orderby v.CheckInAtUtc descending
            select new
            {
                w.Id,
                w.Number,
                v.CheckInAtUtc,
                v.CheckOutAtUtc,
                v.Flagged,
                Engineer = db.Users.Where(u => u.Id == v.EngineerId).Select(u => u.DisplayName).FirstOrDefault(),
            }
        )
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(v => new TimelineEntry(
            v.CheckInAtUtc,
            "visit",
            $"{v.Number} · {v.Engineer}",
            Join(
                v.CheckOutAtUtc is { } o
                    ? t["Timeline.OnSiteHours", (o - v.CheckInAtUtc).TotalHours.ToString("0.#", CultureInfo.CurrentCulture)].Value
                    : null,
                v.Flagged ? t["Timeline.VisitFlagged"].Value : null
            ),
            v.Id,
            $"/service/{v.Id}"
        ));
    }

    private async Task<IEnumerable<TimelineEntry>> SurveysAsync(IQueryable<Survey> surveys, int take, CancellationToken ct)
    {
        var rows = await (
            from s in surveys.AsNoTracking().OrderByDescending(s => s.AnsweredAtUtc).Take(take)
            join w in db.Set<WorkOrder>() on s.WorkOrderId equals w.Id
            orderby s.AnsweredAtUtc descending
            select new
            {
                w.Id,
                w.Number,
                s.Csat,
                s.Nps,
                s.Comment,
                s.AnsweredAtUtc,
            }
        )
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(s => new TimelineEntry(
            s.AnsweredAtUtc,
            "survey",
            $"{s.Number} · {t["Timeline.SurveyScores", s.Csat, s.Nps]}",
            s.Comment.Length > 0 ? s.Comment : null,
            s.Id,
            $"/service/{s.Id}"
        ));
    }

    private async Task<IEnumerable<TimelineEntry>> CallbacksAsync(IQueryable<CallbackTask> callbacks, int take, CancellationToken ct)
    {
        var rows = await (
            from c in callbacks.AsNoTracking().Where(c => c.DoneAtUtc != null).OrderByDescending(c => c.DoneAtUtc).Take(take)
            join w in db.Set<WorkOrder>() on c.WorkOrderId equals w.Id
            orderby c.DoneAtUtc descending
            select new
            {
                w.Id,
                w.Number,
                c.Outcome,
                c.Note,
                DoneAtUtc = c.DoneAtUtc!.Value,
                By = db.Users.Where(u => u.Id == c.DoneById).Select(u => u.DisplayName).FirstOrDefault(),
            }
        )
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(c => new TimelineEntry(
            c.DoneAtUtc,
            "callback",
            $"{c.Number} · {t[$"Callback.Outcome.{c.Outcome}"]}",
            Join(c.By, c.Note.Length > 0 ? c.Note : null),
            c.Id,
            $"/service/{c.Id}"
        ));
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }
}

/// <summary>The machine file's service history: every order on the machine, its visits, survey and call-back.</summary>
internal sealed class MachineServiceTimeline(ServiceTimeline timeline) : IMachineTimelineSource
{
    public IReadOnlyCollection<string> Kinds { get; } = ["workOrder", "visit", "survey", "callback"];

    public Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid machineId, IReadOnlySet<string> kinds, int take, CancellationToken ct) =>
        timeline.EntriesAsync(null, machineId, kinds, complaintsApart: false, take, ct);
}

/// <summary>The customer 360 timeline's service history, complaints as a kind of their own.</summary>
internal sealed class CustomerServiceTimeline(ServiceTimeline timeline) : ICustomerTimelineSource
{
    public IReadOnlyCollection<string> Kinds { get; } = ["workOrder", "complaint", "survey", "callback"];

    public Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid customerId, IReadOnlySet<string> kinds, int take, CancellationToken ct) =>
        timeline.EntriesAsync(customerId, null, kinds, complaintsApart: true, take, ct);
}
