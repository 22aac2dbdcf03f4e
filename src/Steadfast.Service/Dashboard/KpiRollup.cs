using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dashboard;

internal sealed class KpiRollupConfiguration : IEntityTypeConfiguration<KpiMonth>, IEntityTypeConfiguration<KpiTouch>
{
    public void Configure(EntityTypeBuilder<KpiMonth> b)
    {
        b.ToTable("KpiMonths");
        b.HasKey(m => m.Month);
        b.Property(m => m.Month).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<KpiTouch> b)
    {
        b.ToTable("KpiTouches");
        b.HasIndex(t => t.Month);
    }
}

/// <summary>
/// The dashboard's roll-up: the cells of every month that is over, so a year's KPIs add up a few thousand
/// rows instead of scanning half a million orders. A month is over once the previous month has begun; the
/// current and the previous month are always counted live. Any change to an order reported before the
/// current month writes a <see cref="KpiTouch"/> in its own transaction (the save hook, or by hand where an
/// order is updated in place), and a rolled-up month is used only while it has no touches; a touched month
/// is counted live until <see cref="RefreshAsync"/> rolls it up again. Writers touch one month further back
/// than the roll-up reaches, so a clock at a month's turn cannot slip a change past it.
/// </summary>
internal sealed class KpiRollup(AppDbContext db, TimeProvider clock, ILogger<KpiRollup> log)
{
    /// <summary>The first month (yyyyMM) the roll-up leaves to live counting: the previous one.</summary>
    public static int FirstLiveMonth(DateTime nowUtc) => Month(DateOnly.FromDateTime(nowUtc).AddMonths(-1));

    /// <summary>Orders reported before this month (the current one) are touched when they change.</summary>
    public static int FirstUntouchedMonth(DateTime nowUtc) => Month(DateOnly.FromDateTime(nowUtc));

    public static int Month(DateOnly d) => d.Year * 100 + d.Month;

    /// <summary>The months (yyyyMM) the roll-up holds, from the one of the first order's report day (yyyyMMdd).</summary>
    public static List<int> PastMonths(int firstDay, DateTime nowUtc)
    {
        var months = new List<int>();
        for (var m = new DateOnly(firstDay / 10000, firstDay / 100 % 100, 1); Month(m) < FirstLiveMonth(nowUtc); m = m.AddMonths(1))
            months.Add(Month(m));
        return months;
    }

    /// <summary>
    /// Records a change to an order reported on <paramref name="reportedDay"/> (yyyyMMdd), if its month is past; the caller saves. True if
    /// it did.
    /// </summary>
    public static bool Touch(DbContext db, int reportedDay, DateTime nowUtc)
    {
        if (reportedDay / 100 >= FirstUntouchedMonth(nowUtc))
            return false;
        db.Add(new KpiTouch { Id = Guid.CreateVersion7(), Month = reportedDay / 100 });
        return true;
    }

    /// <summary>Of these months, the ones whose rolled-up cells are current: rolled up, and untouched since.</summary>
    public async Task<HashSet<int>> FreshAsync(IReadOnlyCollection<int> months, CancellationToken ct)
    {
        if (months.Count == 0)
            return [];
        var rolled = await db.Set<KpiMonth>().Where(m => months.Contains(m.Month)).Select(m => m.Month).ToListAsync(ct);
        var touched = await db.Set<KpiTouch>().Where(t => months.Contains(t.Month)).Select(t => t.Month).Distinct().ToListAsync(ct);
        return [.. rolled.Except(touched)];
    }

    /// <summary>Rolls up every past month that has no roll-up or whose orders changed since; returns how many it rolled up.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        if (await db.Set<WorkOrder>().MinAsync(w => (int?)w.ReportedDay, ct) is not { } firstDay)
            return 0;
        var months = PastMonths(firstDay, clock.GetUtcNow().UtcDateTime);
        var fresh = await FreshAsync(months, ct);
        var rolled = 0;
        foreach (var month in months.Where(m => !fresh.Contains(m)))
        {
            try
            {
                await RollUpAsync(month, ct);
                rolled++;
            }
            catch (DbUpdateException ex)
            {
                // Another node rolled the same month up at the same moment; its rows stand.
                log.LogInformation(ex, "KPI month {Month} was rolled up elsewhere", month);
            }
            db.ChangeTracker.Clear();
        }
        return rolled;
    }

    private async Task RollUpAsync(int month, CancellationToken ct)
    {
        // The touches are read before the orders. A change committed in between is in the sums and leaves a touch
        // of its own behind, so the month is rolled up again; a change can never be missed the other way round.
        var touches = await db.Set<KpiTouch>().Where(t => t.Month == month).Select(t => t.Id).ToListAsync(ct);
        var orders = db.Set<WorkOrder>()
            .AsNoTracking()
            .Where(w => w.ReportedDay >= month * 100 && w.ReportedDay <= month * 100 + 31 && w.Status != WorkOrderStatus.Cancelled);
        var cells = await KpiCell.Of(orders, byMonth: true).ToListAsync(ct);
        var engineers = await EngineerCell.Of(orders, byMonth: true).ToListAsync(ct);
        await db.InTransactionAsync(
            async () =>
            {
                await db.Set<KpiCell>().Where(c => c.Period == month).ExecuteDeleteAsync(ct);
                await db.Set<EngineerCell>().Where(c => c.Period == month).ExecuteDeleteAsync(ct);
                foreach (var chunk in touches.Chunk(1000))
                    await db.Set<KpiTouch>().Where(t => chunk.Contains(t.Id)).ExecuteDeleteAsync(ct);
                db.AddRange(cells);
                db.AddRange(engineers);
                var state = await db.Set<KpiMonth>().SingleOrDefaultAsync(m => m.Month == month, ct);
                if (state is null)
                    db.Add(state = new KpiMonth { Month = month });
                state.RolledAtUtc = clock.GetUtcNow().UtcDateTime;
                return await db.SaveChangesAsync(ct);
            },
            ct
        );
    }
}

/// <summary>Touches the month of every order saved through the change tracker, in the save's own transaction.</summary>
internal sealed class KpiTouchHook : ISaveHook
{
    public void OnSaving(DbContext db, IReadOnlyList<EntityEntry> entries, DateTime nowUtc)
    {
        var days = new HashSet<int>();
        foreach (var e in entries)
            if (e.Entity is WorkOrder w)
            {
                days.Add(w.ReportedDay / 100 * 100);
                if (e.State != EntityState.Added)
                    days.Add((int)e.Property(nameof(WorkOrder.ReportedDay)).OriginalValue! / 100 * 100);
            }
        foreach (var day in days)
            KpiRollup.Touch(db, day, nowUtc);
    }
}

/// <summary>Keeps the roll-up current: at start-up, then every minute. Off where tests drive the queues by hand.</summary>
internal sealed class KpiRollupWorker(
    IServiceScopeFactory scopes,
    IOptions<QueueOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<KpiRollupWorker> log
) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        // Not before the host has started: the database is migrated and the demo seeded by then.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var rolled = await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshAsync(stoppingToken);
                if (rolled > 0)
                    log.LogInformation("Rolled up the KPIs of {Months} months", rolled);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "KPI roll-up failed; trying again in a minute");
            }
        } while (await WaitAsync(stoppingToken));
    }

    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Interval, clock, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
