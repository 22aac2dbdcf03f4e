using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;
using Steadfast.Service.Dispatch;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// Turns due tasks into preventive visits, the lead time ahead: one work order per customer site and date, covering every task of
/// every machine there that falls due within a few days of the first. A task is claimed by a conditional update and a task's
/// occurrence is unique, so a second run (another node, a restart) finds nothing left to schedule.
/// </summary>
internal sealed class VisitPlanner(
    AppDbContext db,
    CustomerDirectory customers,
    WorkOrderService orders,
    Notifier notifier,
    TimeProvider clock,
    CompanyClock company,
    ConfigCache config,
    IStringLocalizer<Strings> t,
    ILogger<VisitPlanner> log
)
{
    private const int Chunk = 1000;

    private sealed record DueTask(
        Guid Id,
        Guid MachineId,
        Guid CustomerId,
        string Name,
        DateOnly DueOn,
        DueBasis By,
        List<CheckItem> Checklist,
        List<TaskPart> Parts
    );

    public async Task<GenerateResult> RunAsync(CancellationToken ct)
    {
        var settings = await db.Set<ServiceSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new ServiceSettings();
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        var horizon = today.AddDays(settings.MaintenanceLeadDays);
        var calendar = await BusinessCalendar.LoadAsync(db, config, ct);
        var active = db.Set<MachinePlan>().Where(p => p.Active).Select(p => p.Id);
        var due = await db.Set<PlanTask>()
            .AsNoTracking()
            .Where(k => k.NextDueOn <= horizon && k.Active && k.OpenWorkOrderId == null && active.Contains(k.PlanId))
            .OrderBy(k => k.NextDueOn)
            .Select(k => new DueTask(k.Id, k.MachineId, k.CustomerId, k.Name, k.NextDueOn!.Value, k.DueBy, k.Checklist, k.Parts))
            .ToListAsync(ct);
        var facts = new Dictionary<Guid, MachineFacts>();
        foreach (var chunk in due.Select(d => d.MachineId).Distinct().Chunk(Chunk))
        foreach (var f in await customers.MachineFactsAsync(chunk, ct))
            facts[f.Id] = f;
        int visits = 0,
            tasks = 0,
            joined = 0;
        foreach (
            var site in due.Where(d => facts.ContainsKey(d.MachineId))
                .GroupBy(d => (d.CustomerId, Site: facts[d.MachineId].SiteAddress.Trim()))
        )
        {
            var ordered = site.OrderBy(d => d.DueOn).ToList();
            while (ordered.Count > 0)
            {
                var first = ordered[0].DueOn;
                var cluster = ordered.TakeWhile(d => d.DueOn <= first.AddDays(settings.MaintenanceGroupDays)).ToList();
                ordered.RemoveRange(0, cluster.Count);
                try
                {
                    var (opened, placed) = await PlaceAsync(
                        site.Key.CustomerId,
                        site.Key.Site,
                        cluster,
                        facts,
                        today,
                        calendar,
                        settings,
                        ct
                    );
                    visits += opened ? 1 : 0;
                    joined += opened || placed == 0 ? 0 : 1;
                    tasks += placed;
                }
                catch (Exception e) when (e is DbUpdateException or AppConflictException)
                {
                    // Another run claimed some of these tasks first: what it scheduled stands, and nothing of this attempt does.
                    log.LogInformation(
                        e,
                        "Maintenance visit for {Customer} at {Site} left to the run that claimed it",
                        site.Key.CustomerId,
                        site.Key.Site
                    );
                    db.ChangeTracker.Clear();
                }
            }
        }
        return new GenerateResult(visits, tasks, joined);
    }

    private async Task<(bool Opened, int Placed)> PlaceAsync(
        Guid customerId,
        string site,
        List<DueTask> cluster,
        Dictionary<Guid, MachineFacts> facts,
        DateOnly today,
        BusinessCalendar calendar,
        ServiceSettings settings,
        CancellationToken ct
    )
    {
        var first = cluster[0].DueOn;
        var window = settings.MaintenanceGroupDays;
        // A visit already proposed at the site for about the same days takes the tasks, as long as nobody has set out for it.
        var existing = await (
            from v in db.Set<MaintenanceVisit>()
            join w in db.Set<WorkOrder>() on v.Id equals w.Id
            where
                v.CustomerId == customerId
                && v.Site == site
                && (v.Status == VisitStatus.Proposed || v.Status == VisitStatus.Confirmed || v.Status == VisitStatus.NewDateAsked)
                && (w.Status == WorkOrderStatus.New || w.Status == WorkOrderStatus.Assigned || w.Status == WorkOrderStatus.Accepted)
                && v.ProposedOn >= first.AddDays(-window)
                && v.ProposedOn <= first.AddDays(window)
            orderby v.ProposedOn
            select new
            {
                w.Id,
                w.Region,
                w.ProductCategory,
            }
        ).FirstOrDefaultAsync(ct);
        var proposed = WorkingDayFrom(first > today ? first : today.AddDays(1), calendar);
        var ids = cluster.Select(d => d.Id).ToList();
        return await db.InTransactionAsync(
            async () =>
            {
                Guid orderId;
                string region;
                if (existing is null)
                {
                    var customer = await customers.CustomerFactsAsync(customerId, ct) ?? throw new AppConflictException("customer gone");
                    var contact = (await customers.ContactsAsync([customerId], ct)).GetValueOrDefault(customerId)
                        ?? new SiteContact("", "", "");
                    var order = await orders.OpenForAsync(
                        WorkOrderType.Maintenance,
                        WorkOrderSource.Preventive,
                        customer,
                        facts[cluster[0].MachineId],
                        contact,
                        Description(cluster, facts),
                        t["Maintenance.Category"],
                        ct
                    );
                    db.Add(
                        new MaintenanceVisit
                        {
                            Id = order.Id,
                            CustomerId = customerId,
                            Site = site,
                            ProposedOn = proposed,
                        }
                    );
                    (orderId, region) = (order.Id, order.Region);
                    var users = await db.Users.Where(u => u.CustomerId == customerId && u.IsActive).Select(u => u.Id).ToListAsync(ct);
                    await notifier.NotifyAsync(
                        "MaintenanceProposed",
                        users,
                        "/my-maintenance",
                        [
                            order.Number,
                            proposed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            site,
                            cluster.Count.ToString(CultureInfo.InvariantCulture),
                        ],
                        ct
                    );
                }
                else
                    (orderId, region) = (existing.Id, existing.Region);
                var claimed = await db.Set<PlanTask>()
                    .Where(k => ids.Contains(k.Id) && k.OpenWorkOrderId == null)
                    .ExecuteUpdateAsync(x => x.SetProperty(k => k.OpenWorkOrderId, orderId), ct);
                if (claimed != ids.Count)
                    throw new AppConflictException("claimed elsewhere");
                foreach (var d in cluster)
                    db.Add(
                        new VisitItem
                        {
                            Id = Guid.CreateVersion7(),
                            WorkOrderId = orderId,
                            PlanTaskId = d.Id,
                            MachineId = d.MachineId,
                            CustomerId = customerId,
                            Region = region,
                            ProductCategory = facts[d.MachineId].ProductCategory,
                            Name = d.Name,
                            DueOn = d.DueOn,
                            DueBy = d.By,
                            Checklist = d.Checklist,
                            Parts = d.Parts,
                        }
                    );
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return (existing is null, cluster.Count);
            },
            ct
        );
    }

    private static DateOnly WorkingDayFrom(DateOnly day, BusinessCalendar calendar)
    {
        for (var i = 0; i < 30 && !calendar.IsWorkingDay(day); i++)
            day = day.AddDays(1);
        return day;
    }

    private string Description(List<DueTask> cluster, Dictionary<Guid, MachineFacts> facts) =>
        t["Maintenance.VisitText"]
        + "\n"
        + string.Join(
            "\n",
            cluster.Select(d => $"· {facts[d.MachineId].ProductName} {facts[d.MachineId].SerialNumber}: {d.Name} ({d.DueOn:yyyy-MM-dd})")
        );
}
