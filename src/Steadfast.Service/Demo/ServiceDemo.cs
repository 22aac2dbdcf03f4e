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
internal sealed class ServiceDemo(AppDbContext db, CustomerDirectory customers, Inventory.Public.DemoStock stock, TimeProvider clock) : IDemoSeeder
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

    private static readonly Dictionary<string, (string Category, string Fault, string Diagnosis, string Cause, string Actions)[]> Faults = new(StringComparer.Ordinal)
    {
        ["注塑机"] =
        [
            ("液压", "油温过高报警，自动停机", "冷却器结垢，换热效率下降", "wear", "清洗冷却器，更换液压油滤芯"),
            ("注射", "射胶不稳定，产品缺料", "止逆环磨损漏料", "wear", "更换止逆环并校准注射参数"),
            ("电气", "伺服驱动器报警 E07", "编码器线缆接头松动", "installation", "重新压接编码器线缆并固定"),
            ("合模", "开合模异响", "导柱润滑不足", "operator", "补充润滑并培训操作工日常点检"),
        ],
        ["加工中心"] =
        [
            ("主轴", "主轴异响，精度下降", "主轴轴承磨损", "wear", "更换主轴轴承并重新校准"),
            ("刀库", "换刀卡刀", "刀库定位传感器失效", "quality", "更换定位传感器"),
            ("数控系统", "系统报警 SV0401", "伺服放大器故障", "quality", "更换伺服放大器模块"),
        ],
        ["数控车床"] = [("卡盘", "卡盘夹紧无力", "液压卡盘油缸密封老化", "wear", "更换油缸密封件"), ("刀塔", "刀塔转位超时", "刀塔电机刹车间隙过大", "wear", "调整刹车间隙")],
        ["激光切割"] = [("激光器", "切割功率下降", "保护镜片污染", "operator", "更换保护镜片并培训清洁规程"), ("切割头", "穿孔失败", "喷嘴与板材间距传感器漂移", "quality", "标定电容调高传感器")],
        ["折弯机"] = [("液压", "滑块下行缓慢", "比例阀阀芯卡滞", "wear", "清洗比例阀并更换液压油")],
        ["空压机"] = [("排气", "排气温度高停机", "油分芯堵塞", "wear", "更换油分芯和空滤"), ("电气", "频繁启停", "压力传感器漂移", "quality", "更换压力传感器")],
        ["辅机"] = [("制冷", "冷水机不制冷", "冷媒泄漏", "installation", "补漏并加注冷媒"), ("干燥", "干燥温度达不到", "加热管烧毁", "wear", "更换加热管")],
        ["机器人"] = [("伺服", "第三轴过载报警", "减速机润滑脂老化", "wear", "更换润滑脂"), ("示教", "示教器黑屏", "示教器电缆破损", "operator", "更换电缆并加装防护")],
    };

    private static readonly string[] Comments = ["工程师很专业，响应及时", "修得快，点赞", "希望备件能更快到货", "整体满意", "沟通清楚", "第二次才修好，有点耽误生产", ""];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<WorkOrder>().AnyAsync(ct)) return "work orders already present";
        var rng = new Random(20240601);
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await BusinessCalendar.LoadAsync(db, ct);
        var zone = (await db.Company.AsNoTracking().Select(c => c.TimeZoneId).SingleOrDefaultAsync(ct)) is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var z) ? z : TimeZoneInfo.Utc;

        // SLA policies and engineer profiles first: the history is measured against them.
        if (!await db.Set<SlaPolicy>().AnyAsync(ct))
            foreach (var (key, severity, tier, clk, first, arrive, resolve) in SlaService.Recommended)
                db.Add(new SlaPolicy { Id = Guid.CreateVersion7(), Name = Names[key], Severity = severity, CustomerTier = tier, Clock = clk, FirstResponseMinutes = first, ArrivalMinutes = arrive, ResolutionMinutes = resolve });
        var users = await db.Users.Where(u => u.Email != null && Engineers.Keys.Contains(u.Email)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var u in users.Where(u => !db.Set<EngineerProfile>().Any(p => p.UserId == u.Id)))
        {
            var (regions, skills, rate) = Engineers[u.Email!];
            db.Add(new EngineerProfile { UserId = u.Id, Regions = regions, Skills = skills, HourlyRate = rate });
        }
        if (!await db.Set<ServiceSettings>().AnyAsync(ct)) db.Add(new ServiceSettings { PoolEnabled = true });
        await db.SaveChangesAsync(ct);
        var policies = await db.Set<SlaPolicy>().AsNoTracking().ToListAsync(ct);
        var engineers = users.Select(u => (u.Id, Regions: Engineers[u.Email!].Regions.Split(','), Skills: Engineers[u.Email!].Skills.Split(','), Engineers[u.Email!].Rate)).ToList();
        var dispatchers = await db.Users.Where(u => u.Email == "dispatcher@steadfast.local" || u.Email == "servicemgr@steadfast.local").Select(u => u.Id).ToListAsync(ct);
        var dispatcher = dispatchers.FirstOrDefault();

        var machines = await MachinesAsync(ct);
        if (machines.Count == 0 || engineers.Count == 0) return "no machines or engineers for work orders";
        var target = Math.Max(40, (int)(5000 * scale));
        await stock.BeginAsync(now.AddDays(-745), now, ct);
        var lastClosedByMachine = new Dictionary<Guid, (Guid Id, DateTime ClosedAt)>();
        var reworked = new HashSet<Guid>();
        var (orders, surveys, breaches) = (0, 0, 0);
        var openNames = new List<string>();

        // Oldest first so rework can point back at a closed order.
        var times = Enumerable.Range(0, target).Select(_ => ReportTime(rng, now, zone)).Order().ToList();
        foreach (var reported in times)
        {
            var m = machines[rng.Next(machines.Count)];
            var severity = rng.NextDouble() switch { < 0.14 => Severity.StoppedProduction, < 0.74 => Severity.Degraded, _ => Severity.Question };
            var type = rng.NextDouble() switch { < 0.72 => WorkOrderType.Repair, < 0.86 => WorkOrderType.Maintenance, < 0.91 => WorkOrderType.Installation, < 0.95 => WorkOrderType.Inspection, < 0.98 => WorkOrderType.Training, _ => WorkOrderType.Complaint };
            var source = rng.NextDouble() switch { < 0.38 => WorkOrderSource.QrScan, < 0.78 => WorkOrderSource.Phone, < 0.88 => WorkOrderSource.Portal, < 0.95 => WorkOrderSource.Dealer, _ => WorkOrderSource.Email };
            var fault = Faults.TryGetValue(m.Category, out var list) ? list[rng.Next(list.Length)] : Faults["辅机"][0];
            var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(reported, zone));
            var number = $"WO-{local:yyMMdd}-{await db.NextAsync("workorder:" + local.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ct):0000}";
            var contact = m.Contacts.Length > 0 ? m.Contacts[rng.Next(m.Contacts.Length)] : ("设备部", "13800000000");
            var o = new WorkOrder
            {
                Id = Guid.CreateVersion7(), Number = number, Type = type, Severity = severity, Source = source, CustomerId = m.CustomerId, MachineId = m.Id,
                ContactName = contact.Item1, ContactPhone = contact.Item2, FaultDescription = type == WorkOrderType.Repair ? fault.Fault : Describe(type, m.ProductName),
                Category = type == WorkOrderType.Repair ? fault.Category : "", Region = m.Province, ProductCategory = m.Category, CustomerTier = m.Tier,
                InWarranty = m.WarrantyEndsOn >= local, ReportedAtUtc = reported, ReportedDay = WorkOrderService.Day(local),
                TrackingToken = WorkOrderService.NewToken(), SurveyToken = WorkOrderService.NewToken(), Status = WorkOrderStatus.New,
            };
            var policy = policies.Where(p => p.Severity == severity && (p.CustomerTier == null || p.CustomerTier == m.Tier)).OrderByDescending(p => p.CustomerTier != null).FirstOrDefault();
            if (policy is not null)
            {
                o.SlaPolicyId = policy.Id;
                o.FirstResponseDueUtc = SlaMath.Due(calendar, policy.Clock, reported, TimeSpan.FromMinutes(policy.FirstResponseMinutes));
                o.ArrivalDueUtc = SlaMath.Due(calendar, policy.Clock, reported, TimeSpan.FromMinutes(policy.ArrivalMinutes));
                o.ResolutionDueUtc = SlaMath.Due(calendar, policy.Clock, reported, TimeSpan.FromMinutes(policy.ResolutionMinutes));
            }
            if (type == WorkOrderType.Repair && lastClosedByMachine.TryGetValue(m.Id, out var last) && reported - last.ClosedAt <= WorkOrderService.ReworkWindow)
            {
                o.ReworkOfId = last.Id;
                reworked.Add(last.Id);
            }
            var events = new List<(DateTime At, WorkOrderStatus? From, WorkOrderStatus To, Guid? Actor, string Note)> { (reported, null, WorkOrderStatus.New, null, "") };
            var engineer = Pick(rng, engineers, m.Province, m.Category);
            var stage = Stage(rng, now - reported);
            var t = reported;
            void Step(WorkOrderStatus to, TimeSpan after, Guid? actor, string note = "")
            {
                t += after;
                events.Add((t, o.Status, to, actor, note));
                o.Status = to;
            }
            if (stage >= 1)
            {
                // Faster for stopped production; the desk sometimes lets a question sit overnight.
                Step(WorkOrderStatus.Assigned, TimeSpan.FromMinutes(severity == Severity.StoppedProduction ? rng.Next(3, 20) : rng.Next(5, rng.NextDouble() < 0.9 ? 70 : 300)), dispatcher);
                o.AssigneeId = engineer.Id;
            }
            if (stage >= 2)
            {
                Step(WorkOrderStatus.Accepted, TimeSpan.FromMinutes(rng.Next(2, severity == Severity.StoppedProduction ? 12 : 45)), engineer.Id);
                o.FirstResponseAtUtc = t;
                o.FirstResponseMinutes = (int)(t - reported).TotalMinutes;
            }
            if (stage >= 3) Step(WorkOrderStatus.EnRoute, TimeSpan.FromHours(severity == Severity.StoppedProduction ? rng.Next(1, 5) : rng.Next(1, rng.NextDouble() < 0.9 ? 16 : 60)), engineer.Id);
            if (stage >= 4)
            {
                Step(WorkOrderStatus.OnSite, TimeSpan.FromMinutes(rng.Next(30, 300)), engineer.Id);
                o.ArrivedAtUtc = t;
                o.VisitCount = 1;
                AddVisit(rng, o, engineer.Id, t, m);
                if (rng.NextDouble() < 0.14)
                {
                    Step(WorkOrderStatus.WaitingForParts, TimeSpan.FromHours(rng.Next(1, 4)), engineer.Id, "等待备件：" + fault.Actions);
                    var pausedAt = t;
                    Step(WorkOrderStatus.OnSite, TimeSpan.FromHours(rng.Next(20, 100)), engineer.Id);
                    if (policy is { PauseWhileWaitingForParts: true }) o.ResolutionDueUtc = SlaMath.Resume(calendar, policy.Clock, o.ResolutionDueUtc!.Value, pausedAt, t);
                    o.VisitCount = 2;
                    AddVisit(rng, o, engineer.Id, t, m);
                }
            }
            if (stage >= 5)
            {
                Step(WorkOrderStatus.Resolved, TimeSpan.FromMinutes(rng.Next(40, 480)), engineer.Id);
                (o.Diagnosis, o.RootCause, o.Actions) = type == WorkOrderType.Repair ? (fault.Diagnosis, fault.Cause, fault.Actions) : ("按计划完成", "other", Describe(type, m.ProductName) + "，已完成");
                o.ResolvedAtUtc = t;
                o.ResolutionMinutes = (int)(t - reported).TotalMinutes;
                o.LabourHours = Math.Round(rng.Next(2, 16) / 2.0, 1);
                o.LabourCost = (long)(o.LabourHours * engineer.Rate);
                o.TravelCost = rng.Next(5, 80) * 1000;
                if (type == WorkOrderType.Repair && rng.NextDouble() < 0.55)
                    (o.PartsUsed, o.PartsCost) = stock.Use(engineer.Id, m.ProductId, t, o.Id, o.Number, m.CustomerId, m.Id, m.Province, o.InWarranty) is { } used
                        ? (used.Label, used.Cost) : (fault.Actions, rng.Next(3, 200) * 1000);
                o.SignedBy = contact.Item1;
                o.SignedAtUtc = t;
            }
            if (stage >= 6)
            {
                Step(WorkOrderStatus.Closed, TimeSpan.FromHours(rng.Next(1, 40)), dispatcher, rng.NextDouble() < 0.5 ? "客户签字确认" : "电话回访确认已修复");
                o.ClosedAtUtc = t;
                lastClosedByMachine[m.Id] = (o.Id, t);
                if (t < now.AddDays(-3) && rng.NextDouble() < 0.46)
                {
                    var happy = rng.NextDouble();
                    var csat = happy switch { < 0.05 => 2, < 0.15 => 3, < 0.5 => 4, _ => 5 };
                    db.Add(new Survey { Id = Guid.CreateVersion7(), WorkOrderId = o.Id, Csat = csat, Nps = Math.Clamp(csat * 2 + rng.Next(-1, 2), 0, 10), Comment = Comments[rng.Next(Comments.Length)], AnsweredAtUtc = t.AddHours(rng.Next(2, 48)) });
                    surveys++;
                }
                var due = calendar.EndOfWorkingDay(t, 2);
                var done = due < now && rng.NextDouble() < 0.93;
                db.Add(new CallbackTask { Id = Guid.CreateVersion7(), WorkOrderId = o.Id, DueAtUtc = due, DoneAtUtc = done ? t.AddHours(rng.Next(4, 40)) : null, DoneById = done ? dispatcher : null,
                    Outcome = done ? (rng.NextDouble() < 0.9 ? CallbackOutcome.Satisfied : CallbackOutcome.Unsatisfied) : CallbackOutcome.Pending, Note = done ? "设备运行正常" : "" });
            }
            // SLA outcomes, as the ticker and the moves would have recorded them.
            if (o.SlaPolicyId is not null)
            {
                o.FirstResponseBreached = Decide(o.FirstResponseAtUtc, o.FirstResponseDueUtc!.Value, now);
                o.ArrivalBreached = Decide(o.ArrivedAtUtc, o.ArrivalDueUtc!.Value, now);
                o.ResolutionBreached = Decide(o.ResolvedAtUtc, o.ResolutionDueUtc!.Value, now);
                foreach (var (goal, breached, dueAt) in new[] { (SlaTarget.FirstResponse, o.FirstResponseBreached, o.FirstResponseDueUtc!.Value), (SlaTarget.Arrival, o.ArrivalBreached, o.ArrivalDueUtc!.Value), (SlaTarget.Resolution, o.ResolutionBreached, o.ResolutionDueUtc!.Value) })
                {
                    if (breached != true) continue;
                    db.Add(new SlaBreach { Id = Guid.CreateVersion7(), WorkOrderId = o.Id, Target = goal, DueAtUtc = dueAt, BreachedAtUtc = dueAt });
                    o.EscalationLevel = 1;
                    breaches++;
                }
            }
            db.Add(o);
            foreach (var (at, from, to, actor, note) in events)
                db.Add(new WorkOrderEvent { Id = Guid.CreateVersion7(), WorkOrderId = o.Id, AtUtc = at, From = from, To = to, ActorId = actor, ActorName = actor is null ? (source == WorkOrderSource.QrScan ? "扫码报修" : "客服") : NameOf(actor.Value, engineer.Id), Note = note });
            orders++;
            if (orders % 500 == 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var parts = await stock.FlushAsync(ct);
        foreach (var chunk in reworked.Chunk(500))
            await db.Set<WorkOrder>().Where(w => chunk.Contains(w.Id)).ExecuteUpdateAsync(x => x.SetProperty(w => w.HasRework, true), ct);
        return $"{orders} work orders over two years ({surveys} surveys, {breaches} SLA breaches), {engineers.Count} engineer profiles, {policies.Count} SLA policies, {parts}";
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Sla.Recommended.StoppedStrategic"] = "停机 · 战略客户", ["Sla.Recommended.Stopped"] = "停机", ["Sla.Recommended.Degraded"] = "性能下降", ["Sla.Recommended.Question"] = "咨询",
    };

    private static string NameOf(Guid actor, Guid engineer) => actor == engineer ? "工程师" : "客服";

    private static bool? Decide(DateTime? metAt, DateTime due, DateTime now) => metAt is { } m ? m > due : due < now ? true : null;

    /// <summary>How far an order got: old ones are closed; the last days are spread over every state.</summary>
    private static int Stage(Random rng, TimeSpan age) => age.TotalDays switch
    {
        > 12 => 6,
        > 4 => rng.Next(4, 7),
        > 1 => rng.Next(1, 7),
        _ => rng.Next(0, 5),
    };

    /// <summary>Report times over two years, growing with the installed base, on working hours mostly.</summary>
    private static DateTime ReportTime(Random rng, DateTime now, TimeZoneInfo zone)
    {
        var daysBack = (int)(730 * (1 - Math.Sqrt(rng.NextDouble())));
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)).AddDays(-daysBack);
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && rng.NextDouble() < 0.6) day = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? -1 : 1);
        var minute = rng.NextDouble() < 0.85 ? rng.Next(8 * 60, 18 * 60) : rng.Next(0, 24 * 60);
        var utc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(minute / 60, minute % 60)), zone);
        return utc > now ? now.AddMinutes(-rng.Next(5, 600)) : utc;
    }

    private static (Guid Id, string[] Regions, string[] Skills, long Rate) Pick(Random rng, List<(Guid Id, string[] Regions, string[] Skills, long Rate)> all, string province, string category)
    {
        var best = all.Where(e => e.Regions.Contains(province) && e.Skills.Contains(category)).ToList();
        if (best.Count == 0) best = [.. all.Where(e => e.Regions.Contains(province))];
        if (best.Count == 0) best = all;
        return best[rng.Next(best.Count)];
    }

    private void AddVisit(Random rng, WorkOrder o, Guid engineer, DateTime at, DemoMachine m)
    {
        var far = rng.NextDouble() < 0.04;
        double? lat = m.Latitude is { } la ? la + (far ? 0.05 : rng.NextDouble() * 0.002) : null;
        double? lng = m.Longitude is { } lo ? lo + (far ? 0.05 : rng.NextDouble() * 0.002) : null;
        var distance = lat is { } a && lng is { } b && m.Latitude is { } c && m.Longitude is { } d ? Geo.Meters(a, b, c, d) : (double?)null;
        db.Add(new WorkOrderVisit { Id = Guid.CreateVersion7(), WorkOrderId = o.Id, EngineerId = engineer, CheckInAtUtc = at, CheckInLatitude = lat, CheckInLongitude = lng,
            CheckInDistance = distance, Flagged = distance is null or > 500, CheckOutAtUtc = at.AddHours(rng.Next(1, 6)), CheckOutLatitude = lat, CheckOutLongitude = lng });
    }

    private static string Describe(WorkOrderType type, string product) => type switch
    {
        WorkOrderType.Maintenance => $"{product} 定期保养",
        WorkOrderType.Installation => $"{product} 安装调试",
        WorkOrderType.Inspection => $"{product} 年度巡检",
        WorkOrderType.Training => $"{product} 操作培训",
        _ => "客户投诉：上次维修后仍有异响，要求主管回复",
    };

    private sealed record DemoMachine(Guid Id, Guid CustomerId, string Province, int Tier, string Category, string ProductName, DateOnly? WarrantyEndsOn,
        double? Latitude, double? Longitude, (string, string)[] Contacts, Guid ProductId);

    private async Task<List<DemoMachine>> MachinesAsync(CancellationToken ct)
    {
        var facts = await customers.AllMachinesForDemoAsync(ct);
        return [.. facts.Select(f => new DemoMachine(f.Machine.Id, f.Machine.CustomerId, f.Machine.Province, f.Machine.Tier, f.Machine.ProductCategory, f.Machine.ProductName,
            f.Machine.WarrantyEndsOn, f.Machine.Latitude, f.Machine.Longitude, f.Contacts, f.Machine.ProductId))];
    }
}
