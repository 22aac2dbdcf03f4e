using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// What the parts fitted on machines say about how long parts last (备件寿命): fittings recorded as parts are issued, each part's
/// observed life per model, and the fitted parts nearing it, so the customer is called before the failure.
/// </summary>
internal sealed class PartLife(
    AppDbContext db,
    CustomerDirectory customers,
    PartModels parts,
    TimeProvider clock,
    CompanyClock company,
    IStringLocalizer<Strings> t,
    WorkOrderService orders
)
{
    /// <summary>Below this many observations a part's life is the catalogue's, not the observed one.</summary>
    public const int MinObservations = 5;

    private DateOnly Today() => DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>In the transaction: the part is fitted on the order's machine, ending the life of the unit it replaces.</summary>
    public async Task FittedAsync(WorkOrderRef order, WorkOrderPartLine line, CancellationToken ct)
    {
        if (order.MachineId is not { } machineId || order.ProductId is not { } productId || line.Quantity <= 0)
            return;
        var type = await db.Set<WorkOrder>().Where(w => w.Id == order.Id).Select(w => w.Type).SingleAsync(ct);
        var day = Today();
        var hours = await HoursOnAsync(machineId, day, ct);
        var previous = await db.Set<PartFitting>()
            .Where(f => f.MachineId == machineId && f.PartId == line.PartId && f.RemovedOn == null)
            .OrderByDescending(f => f.FittedOn)
            .FirstOrDefaultAsync(ct);
        int? lifeDays;
        double? lifeHours;
        if (previous is not null)
        {
            previous.RemovedOn = day;
            lifeDays = day.DayNumber - previous.FittedOn.DayNumber;
            lifeHours = hours - previous.FittedHours;
        }
        else
        {
            // The first replacement on a machine ends the unit it left the factory with.
            var installed = (await customers.PlanMachinesAsync(null, [machineId], Guid.Empty, 1, ct)).FirstOrDefault()?.InstalledOn;
            lifeDays = installed is { } i ? day.DayNumber - i.DayNumber : null;
            lifeHours = hours;
        }
        var life = await ExpectedLifeAsync(line.PartId, productId, ct);
        db.Add(
            new PartFitting
            {
                Id = Guid.CreateVersion7(),
                PartId = line.PartId,
                MachineId = machineId,
                ProductId = productId,
                CustomerId = order.CustomerId,
                WorkOrderId = order.Id,
                Quantity = line.Quantity,
                FittedOn = day,
                FittedHours = hours,
                ReplacedLifeDays = lifeDays is >= 0 ? lifeDays : null,
                ReplacedLifeHours = lifeHours is >= 0 ? lifeHours : null,
                BeforeFailure = type != WorkOrderType.Repair,
                ExpectedEndOn = life is { } d ? day.AddDays(d) : null,
            }
        );
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// In the return's transaction: a faulty unit's serial is the replaced unit's; a good part going back to the van was not fitted
    /// after all, and the unit it would have replaced is on the machine again.
    /// </summary>
    public async Task ReturnedAsync(WorkOrderRef order, ReturnPart input, WorkOrderPartLine line, CancellationToken ct)
    {
        if (order.MachineId is not { } machineId)
            return;
        var fitted = await db.Set<PartFitting>()
            .Where(f => f.WorkOrderId == order.Id && f.PartId == line.PartId)
            .OrderByDescending(f => f.Id)
            .FirstOrDefaultAsync(ct);
        if (fitted is null)
            return;
        if (input.Faulty == true)
        {
            if (!string.IsNullOrWhiteSpace(line.Serial))
                fitted.ReplacedSerial = line.Serial.Trim();
        }
        else
        {
            db.Remove(fitted);
            var previous = await db.Set<PartFitting>()
                .Where(f => f.MachineId == machineId && f.PartId == line.PartId && f.RemovedOn == fitted.FittedOn && f.Id != fitted.Id)
                .OrderByDescending(f => f.FittedOn)
                .FirstOrDefaultAsync(ct);
            if (previous is not null)
                previous.RemovedOn = null;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The machine's running hours on a day, from its plan's last reading and rate (or its last reading alone).</summary>
    private async Task<double?> HoursOnAsync(Guid machineId, DateOnly day, CancellationToken ct)
    {
        var plan = await db.Set<MachinePlan>()
            .AsNoTracking()
            .Where(p => p.MachineId == machineId)
            .Select(p => new
            {
                p.LastHours,
                p.LastReadOn,
                p.HoursPerDay,
            })
            .FirstOrDefaultAsync(ct);
        if (plan is { LastHours: { } h, LastReadOn: { } on })
            return Math.Round(h + (plan.HoursPerDay ?? 0) * Math.Max(0, day.DayNumber - on.DayNumber));
        return (await customers.PlanMachinesAsync(null, [machineId], Guid.Empty, 1, ct)).FirstOrDefault()?.LastHours;
    }

    /// <summary>The life to expect, in days: the observed median with enough observations, else the catalogue's.</summary>
    private async Task<int?> ExpectedLifeAsync(Guid partId, Guid productId, CancellationToken ct)
    {
        var lives = await Lives(partId, productId).Select(l => l.Days).ToListAsync(ct);
        if (lives.Count >= MinObservations)
            return (int)Math.Round(Percentile(lives.Select(d => (double)d!.Value).Order().ToList(), 0.5)!.Value);
        return (await parts.LivesAsync([partId], ct)).GetValueOrDefault(partId)?.Days;
    }

    private IQueryable<(int? Days, double? Hours, bool Before)> Lives(Guid partId, Guid? productId) =>
        db.Set<PartFitting>()
            .Where(f => f.PartId == partId && (productId == null || f.ProductId == productId) && f.ReplacedLifeDays != null)
            .Select(f => new ValueTuple<int?, double?, bool>(f.ReplacedLifeDays, f.ReplacedLifeHours, f.BeforeFailure));

    /// <summary>A part's observed life on each model it was replaced on, and on all of them, beside the catalogue's.</summary>
    public async Task<List<LifeStats>> StatsAsync(Guid partId, CancellationToken ct)
    {
        var catalogue = (await parts.LivesAsync([partId], ct)).GetValueOrDefault(partId)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var rows = await db.Set<PartFitting>()
            .AsNoTracking()
            .Where(f => f.PartId == partId && f.ReplacedLifeDays != null)
            .Select(f => new
            {
                f.ProductId,
                f.ReplacedLifeDays,
                f.ReplacedLifeHours,
                f.BeforeFailure,
            })
            .ToListAsync(ct);
        var models = (await customers.ProductsAsync(ct)).ToDictionary(p => p.Id, p => $"{p.Code} {p.Name}");
        var list = new List<LifeStats>();
        var all = rows.Select(r => (r.ReplacedLifeDays!.Value, r.ReplacedLifeHours, r.BeforeFailure)).ToList();
        list.Add(Stats(partId, catalogue, null, t["Maintenance.AllModels"], all));
        foreach (var g in rows.GroupBy(r => r.ProductId).OrderByDescending(g => g.Count()))
            list.Add(
                Stats(
                    partId,
                    catalogue,
                    g.Key,
                    models.GetValueOrDefault(g.Key, ""),
                    [.. g.Select(r => (r.ReplacedLifeDays!.Value, r.ReplacedLifeHours, r.BeforeFailure))]
                )
            );
        return list;
    }

    internal static LifeStats Stats(
        Guid partId,
        CatalogueLife catalogue,
        Guid? productId,
        string model,
        List<(int Days, double? Hours, bool Before)> lives
    )
    {
        var days = lives.Select(l => (double)l.Days).Order().ToList();
        var hours = lives.Where(l => l.Hours is not null).Select(l => l.Hours!.Value).Order().ToList();
        return new LifeStats(
            partId,
            catalogue.Label,
            productId,
            model,
            days.Count,
            Percentile(days, 0.5),
            days.Count == 0 ? null : Math.Round(days.Average(), 1),
            Percentile(days, 0.1),
            Percentile(days, 0.9),
            hours.Count,
            Percentile(hours, 0.5),
            hours.Count == 0 ? null : Math.Round(hours.Average(), 1),
            Percentile(hours, 0.1),
            Percentile(hours, 0.9),
            catalogue.Days,
            catalogue.Hours,
            lives.Count(l => l.Before),
            lives.Count(l => !l.Before),
            Histogram(days)
        );
    }

    /// <summary>The p-quantile, interpolated between order statistics (spreadsheets' PERCENTILE.INC); null when empty.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
            return null;
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return Math.Round(sorted[low] + (sorted[high] - sorted[low]) * (rank - low), 1);
    }

    /// <summary>Ten equal bars from the shortest to the longest life (one bar when they are all equal).</summary>
    private static List<LifeBucket> Histogram(List<double> sorted)
    {
        if (sorted.Count == 0)
            return [];
        var (min, max) = ((int)sorted[0], (int)Math.Ceiling(sorted[^1]));
        var width = Math.Max(1, (int)Math.Ceiling((max - min + 1) / 10.0));
        return
        [
            .. Enumerable
                .Range(0, 10)
                .Select(i => new LifeBucket(
                    min + i * width,
                    min + (i + 1) * width,
                    sorted.Count(d => d >= min + i * width && d < min + (i + 1) * width)
                ))
                .Where(b => b.From <= max),
        ];
    }

    /// <summary>The parts replaced most often, per model, with their mean life (aggregated in the database).</summary>
    public async Task<List<LifeSummary>> ReportAsync(int take, CancellationToken ct)
    {
        var rows = await db.Set<PartFitting>()
            .Where(f => f.ReplacedLifeDays != null)
            .GroupBy(f => new { f.PartId, f.ProductId })
            .Select(g => new
            {
                g.Key.PartId,
                g.Key.ProductId,
                N = g.Count(),
                Mean = g.Average(f => (double)f.ReplacedLifeDays!.Value),
                Before = g.Count(f => f.BeforeFailure),
            })
            .OrderByDescending(x => x.N)
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(ct);
        var labels = await parts.LabelsAsync([.. rows.Select(r => r.PartId).Distinct()], ct);
        var models = (await customers.ProductsAsync(ct)).ToDictionary(p => p.Id, p => $"{p.Code} {p.Name}");
        return
        [
            .. rows.Select(r => new LifeSummary(
                r.PartId,
                labels.GetValueOrDefault(r.PartId, ""),
                r.ProductId,
                models.GetValueOrDefault(r.ProductId, ""),
                r.N,
                Math.Round(r.Mean, 1),
                r.Before
            )),
        ];
    }

    /// <summary>Fitted parts expected to need replacing within the next days (or already past their life), soonest first.</summary>
    public async Task<PagedResult<ReplaceSoonRow>> ReplaceSoonAsync(ReplaceSoonQuery query, PageRequest page, CancellationToken ct)
    {
        if (query.Days is < 1 or > 366)
            throw AppValidationException.For("days", t["Common.Error.Range", 1, 366]);
        var until = Today().AddDays(query.Days ?? 60);
        var q = db.Set<PartFitting>().AsNoTracking().Where(f => f.ExpectedEndOn <= until && f.RemovedOn == null);
        if (!customers.SeesEverything)
        {
            var visible = customers.VisibleCustomerIds();
            q = q.Where(f => visible.Contains(f.CustomerId));
        }
        if (query.CustomerId is { } c)
            q = q.Where(f => f.CustomerId == c);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(f => f.ExpectedEndOn).ThenBy(f => f.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        var facts = (await customers.MachineFactsAsync([.. rows.Select(r => r.MachineId).Distinct()], ct)).ToDictionary(f => f.Id);
        var labels = await parts.LabelsAsync([.. rows.Select(r => r.PartId).Distinct()], ct);
        // How many lives each part on the page has per model, in one grouped read of the lives' index.
        var partIds = rows.Select(r => r.PartId).Distinct().ToList();
        var observed = (
            await db.Set<PartFitting>()
                .Where(f => partIds.Contains(f.PartId) && f.ReplacedLifeDays != null)
                .GroupBy(f => new { f.PartId, f.ProductId })
                .Select(g => new
                {
                    g.Key.PartId,
                    g.Key.ProductId,
                    N = g.Count(),
                })
                .ToListAsync(ct)
        ).ToDictionary(g => (g.PartId, g.ProductId), g => g.N >= MinObservations);
        return new PagedResult<ReplaceSoonRow>(
            [
                .. rows.Select(r => new ReplaceSoonRow(
                    r.Id,
                    r.PartId,
                    labels.GetValueOrDefault(r.PartId, ""),
                    r.MachineId,
                    facts.GetValueOrDefault(r.MachineId)?.SerialNumber ?? "",
                    facts.GetValueOrDefault(r.MachineId)?.ProductName ?? "",
                    r.CustomerId,
                    facts.GetValueOrDefault(r.MachineId)?.CustomerName ?? "",
                    r.FittedOn,
                    r.ExpectedEndOn!.Value,
                    observed.GetValueOrDefault((r.PartId, r.ProductId))
                )),
            ],
            total
        );
    }

    /// <summary>Nightly: each open fitting's expected end from its part's life on its model as now observed (or the catalogue's).</summary>
    public async Task RefreshExpectedAsync(CancellationToken ct)
    {
        var groups = await db.Set<PartFitting>()
            .Where(f => f.RemovedOn == null)
            .Select(f => new { f.PartId, f.ProductId })
            .Distinct()
            .ToListAsync(ct);
        var catalogue = await parts.LivesAsync([.. groups.Select(g => g.PartId).Distinct()], ct);
        foreach (var g in groups)
        {
            var lives = await Lives(g.PartId, g.ProductId).Select(l => l.Days).ToListAsync(ct);
            int? life =
                lives.Count >= MinObservations
                    ? (int)Math.Round(Percentile([.. lives.Select(d => (double)d!.Value).Order()], 0.5)!.Value)
                    : catalogue.GetValueOrDefault(g.PartId)?.Days;
            if (life is not { } days)
                continue;
            await db.Set<PartFitting>()
                .Where(f => f.PartId == g.PartId && f.ProductId == g.ProductId && f.RemovedOn == null)
                .ExecuteUpdateAsync(x => x.SetProperty(f => f.ExpectedEndOn, f => f.FittedOn.AddDays(days)), ct);
        }
    }

    /// <summary>Opens a preventive order to replace a fitted part before it fails, on its machine.</summary>
    public async Task<WorkOrderDto> OrderReplacementAsync(Guid fittingId, CancellationToken ct)
    {
        var f = await db.Set<PartFitting>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == fittingId && x.RemovedOn == null, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var machine = await customers.MachineAsync(f.MachineId, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var customer = await customers.CustomerFactsAsync(f.CustomerId, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var contact = (await customers.ContactsAsync([f.CustomerId], ct)).GetValueOrDefault(f.CustomerId) ?? new SiteContact("", "", "");
        var label = (await parts.LabelsAsync([f.PartId], ct)).GetValueOrDefault(f.PartId, "");
        var text = t[
            "Maintenance.ReplaceText",
            label,
            f.FittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            f.ExpectedEndOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"
        ];
        var order = await db.InTransactionAsync(
            () =>
                orders.OpenForAsync(
                    WorkOrderType.Maintenance,
                    WorkOrderSource.Preventive,
                    customer,
                    machine,
                    contact,
                    text,
                    t["Maintenance.Category"],
                    ct
                ),
            ct
        );
        return await orders.GetAsync(order.Id, ct);
    }
}
