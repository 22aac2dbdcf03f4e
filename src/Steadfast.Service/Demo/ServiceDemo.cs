using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Field;
using Steadfast.Service.Sla;
using Steadfast.Service.Surveys;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Demo;

/// <summary>
/// Two years of believable service history on the demo machines: orders from every source and of every
/// type, dispatched to engineers of the region, with SLA outcomes computed by the same calendar math
/// the live system uses, visits, costs, surveys and call-backs. The last days stay open in every state,
/// so the desk, the phone pages and the dashboard all have something to show. Fixed seed.
/// </summary>
internal sealed class ServiceDemo(AppDbContext db, CustomerDirectory customers, Inventory.Public.DemoStock stock, TimeProvider clock)
    : IDemoSeeder
{
    public int Order => 20;

    private static readonly Dictionary<string, (string Regions, string Skills, long Rate)> Engineers = new(StringComparer.Ordinal)
    {
        ["engineer@steadfast.local"] = ("江苏,上海", "注塑机,辅机,机器人", 18000),
        ["eng.sh@steadfast.local"] = ("上海,江苏,浙江", "加工中心,数控车床,激光切割", 20000),
        ["eng.zj@steadfast.local"] = ("浙江,安徽", "注塑机,空压机,辅机", 16000),
        ["eng.ah@steadfast.local"] = ("安徽,湖北,河南", "注塑机,折弯机,数控车床", 15000),
        ["eng.gd@steadfast.local"] = ("广东", "注塑机,加工中心,机器人,激光切割", 19000),
        ["eng.fj@steadfast.local"] = ("福建,广东", "空压机,辅机,折弯机", 15000),
        ["eng.bj@steadfast.local"] = ("天津,河北,辽宁", "加工中心,数控车床,注塑机", 17000),
        ["eng.sd@steadfast.local"] = ("山东,河南", "注塑机,激光切割,空压机", 16000),
        ["eng.sc@steadfast.local"] = ("四川,陕西", "加工中心,注塑机,辅机", 15000),
        ["eng.cq@steadfast.local"] = ("重庆,四川", "数控车床,折弯机,机器人", 15000),
    };

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<WorkOrder>().AnyAsync(ct))
            return "work orders already present";
        var rng = new Random(20240601);
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await BusinessCalendar.LoadAsync(db, ct);
        var zone =
            (await db.Company.AsNoTracking().Select(c => c.TimeZoneId).SingleOrDefaultAsync(ct)) is { } tz
            && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var z)
                ? z
                : TimeZoneInfo.Utc;

        // SLA policies and engineer profiles first: the history is measured against them.
        if (!await db.Set<SlaPolicy>().AnyAsync(ct))
            foreach (var (key, severity, tier, clk, first, arrive, resolve) in SlaService.Recommended)
                db.Add(
                    new SlaPolicy
                    {
                        Id = Guid.CreateVersion7(),
                        Name = Names[key],
                        Severity = severity,
                        CustomerTier = tier,
                        Clock = clk,
                        FirstResponseMinutes = first,
                        ArrivalMinutes = arrive,
                        ResolutionMinutes = resolve,
                    }
                );
        // The demo's GOLD service contracts buy faster repairs of degraded machines: their own policy.
        if (!await db.Set<SlaPolicy>().AnyAsync(p => p.ServiceLevel == "GOLD", ct))
            db.Add(
                new SlaPolicy
                {
                    Id = Guid.CreateVersion7(),
                    Name = "金牌维保 · 性能下降",
                    Severity = Severity.Degraded,
                    ServiceLevel = "GOLD",
                    Clock = SlaClock.BusinessHours,
                    FirstResponseMinutes = 60,
                    ArrivalMinutes = 9 * 60,
                    ResolutionMinutes = 2 * 9 * 60,
                }
            );
        var users = await db
            .Users.Where(u => u.Email != null && Engineers.Keys.Contains(u.Email))
            .Select(u => new { u.Id, u.Email })
            .ToListAsync(ct);
        foreach (var u in users.Where(u => !db.Set<EngineerProfile>().Any(p => p.UserId == u.Id)))
        {
            var (regions, skills, rate) = Engineers[u.Email!];
            db.Add(
                new EngineerProfile
                {
                    UserId = u.Id,
                    Regions = regions,
                    Skills = skills,
                    HourlyRate = rate,
                }
            );
        }
        if (!await db.Set<ServiceSettings>().AnyAsync(ct))
            db.Add(new ServiceSettings { PoolEnabled = true });
        await db.SaveChangesAsync(ct);
        var policies = await db.Set<SlaPolicy>().AsNoTracking().ToListAsync(ct);
        var engineers = users
            .Select(u => new ServiceHistory.Engineer(
                u.Id,
                Engineers[u.Email!].Regions.Split(','),
                Engineers[u.Email!].Skills.Split(','),
                Engineers[u.Email!].Rate
            ))
            .ToList();
        var dispatchers = await db
            .Users.Where(u => u.Email == "dispatcher@steadfast.local" || u.Email == "servicemgr@steadfast.local")
            .Select(u => u.Id)
            .ToListAsync(ct);
        var dispatcher = dispatchers.FirstOrDefault();

        var machines = await ServiceHistory.MachinesAsync(customers, ct);
        if (machines.Count == 0 || engineers.Count == 0)
            return "no machines or engineers for work orders";
        var target = Math.Max(40, (int)(5000 * scale));
        await stock.BeginAsync(now.AddDays(-745), now, ct);
        var history = new ServiceHistory(calendar, zone, policies, engineers, dispatcher, now, rng);
        var (orders, surveys, breaches) = (0, 0, 0);
        var useParts = ServiceHistory.PartsFrom(stock);
        // Numbers and orders commit in transactions of 500: a counter taken outside one is a commit of its own.
        var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var reported in history.ReportTimes(target, 730))
        {
            var m = machines[rng.Next(machines.Count)];
            var local = history.LocalDay(reported);
            var number =
                $"WO-{local:yyMMdd}-{await db.NextAsync("workorder:" + local.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ct):0000}";
            var w = history.Next(m, reported, number, useParts);
            stock.KeepPace(orders + 1, m.Province, reported);
            db.Add(w.Order);
            db.AddRange(w.Events);
            db.AddRange(w.Visits);
            db.AddRange(w.Breaches);
            if (w.Survey is not null)
                db.Add(w.Survey);
            if (w.Callback is not null)
                db.Add(w.Callback);
            (surveys, breaches) = (surveys + (w.Survey is null ? 0 : 1), breaches + w.Breaches.Count);
            orders++;
            if (orders % 500 == 0)
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await tx.DisposeAsync();
                db.ChangeTracker.Clear();
                tx = await db.Database.BeginTransactionAsync(ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await tx.DisposeAsync();
        db.ChangeTracker.Clear();
        var parts = await stock.FlushAsync(ct);
        await MarkReworkedAsync(db, history.Reworked, ct);
        return $"{orders} work orders over two years ({surveys} surveys, {breaches} SLA breaches), {engineers.Count} engineer profiles, "
            + $"{policies.Count} SLA policies, {parts}";
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Sla.Recommended.StoppedStrategic"] = "停机 · 战略客户",
        ["Sla.Recommended.Stopped"] = "停机",
        ["Sla.Recommended.Degraded"] = "性能下降",
        ["Sla.Recommended.Question"] = "咨询",
    };

    /// <summary>Sets HasRework on the orders a later repair came back to, once they are written.</summary>
    internal static async Task MarkReworkedAsync(AppDbContext db, IEnumerable<Guid> reworked, CancellationToken ct)
    {
        foreach (var chunk in reworked.Chunk(500))
            await db.Set<WorkOrder>().Where(w => chunk.Contains(w.Id)).ExecuteUpdateAsync(x => x.SetProperty(w => w.HasRework, true), ct);
    }
}
