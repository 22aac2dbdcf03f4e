using Steadfast.Customers.Public;
using Steadfast.Platform.Company;
using Steadfast.Service.Field;
using Steadfast.Service.Sla;
using Steadfast.Service.Surveys;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Demo;

/// <summary>
/// Believable service history, one order at a time: every source and type, dispatched to an engineer of
/// the region with the skill, SLA outcomes from the same calendar math the live system uses, visits,
/// costs, surveys and call-backs. The last days stay open in every state. It only builds entities; the
/// demo seeder adds them to its context, and the benchmark generator (bench/) bulk-writes a million of
/// them, so both data sets come from this one piece of code.
/// </summary>
internal sealed class ServiceHistory(
    BusinessCalendar calendar,
    TimeZoneInfo zone,
    IReadOnlyList<SlaPolicy> policies,
    IReadOnlyList<ServiceHistory.Engineer> engineers,
    Guid? dispatcher,
    DateTime now,
    Random rng
)
{
    public sealed record Machine(
        Guid Id,
        Guid CustomerId,
        string Province,
        int Tier,
        string Category,
        string ProductName,
        DateOnly? WarrantyEndsOn,
        double? Latitude,
        double? Longitude,
        (string Name, string Phone)[] Contacts,
        Guid ProductId
    );

    public sealed record Engineer(Guid Id, string[] Regions, string[] Skills, long Rate);

    /// <summary>Parts taken for a repair from the engineer's van, when the caller keeps stock: what was used and its cost.</summary>
    public delegate (string Label, long Cost)? PartsUse(Guid engineer, WorkOrder order, Machine machine, DateTime at);

    /// <summary>Repairs take their parts from the demo's stock: issued from the engineer's van, at the ledger's moving average.</summary>
    public static PartsUse PartsFrom(Inventory.Public.DemoStock stock) =>
        (engineer, o, m, at) =>
            stock.Use(engineer, m.ProductId, at, o.Id, o.Number, m.CustomerId, m.Id, m.Province, o.InWarranty) is { } u
                ? (u.Label, u.Cost)
                : null;

    public sealed record Written(
        WorkOrder Order,
        List<WorkOrderEvent> Events,
        List<WorkOrderVisit> Visits,
        Survey? Survey,
        CallbackTask? Callback,
        List<SlaBreach> Breaches
    );

    private static readonly Dictionary<string, (string Category, string Fault, string Diagnosis, string Cause, string Actions)[]> Faults =
        new(StringComparer.Ordinal)
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
            ["数控车床"] =
            [
                ("卡盘", "卡盘夹紧无力", "液压卡盘油缸密封老化", "wear", "更换油缸密封件"),
                ("刀塔", "刀塔转位超时", "刀塔电机刹车间隙过大", "wear", "调整刹车间隙"),
            ],
            ["激光切割"] =
            [
                ("激光器", "切割功率下降", "保护镜片污染", "operator", "更换保护镜片并培训清洁规程"),
                ("切割头", "穿孔失败", "喷嘴与板材间距传感器漂移", "quality", "标定电容调高传感器"),
            ],
            ["折弯机"] =
            [
                ("液压", "滑块下行缓慢", "比例阀阀芯卡滞", "wear", "清洗比例阀并更换液压油"),
                ("液压", "油缸漏油，滑块自行下滑", "油缸密封圈老化", "wear", "更换油缸密封圈"),
            ],
            ["空压机"] =
            [
                ("排气", "排气温度高停机", "油分芯堵塞", "wear", "更换油分芯和空滤"),
                ("电气", "频繁启停", "压力传感器漂移", "quality", "更换压力传感器"),
            ],
            ["辅机"] =
            [
                ("制冷", "冷水机不制冷", "冷媒泄漏", "installation", "补漏并加注冷媒"),
                ("干燥", "干燥温度达不到", "加热管烧毁", "wear", "更换加热管"),
            ],
            ["机器人"] =
            [
                ("伺服", "第三轴过载报警", "减速机润滑脂老化", "wear", "更换润滑脂"),
                ("示教", "示教器黑屏", "示教器电缆破损", "operator", "更换电缆并加装防护"),
            ],
        };

    private static readonly string[] Comments =
    [
        "工程师很专业，响应及时",
        "修得快，点赞",
        "希望备件能更快到货",
        "整体满意",
        "沟通清楚",
        "第二次才修好，有点耽误生产",
        "",
    ];

    private readonly Dictionary<Guid, (Guid Id, DateTime ClosedAt)> lastClosedByMachine = [];

    public Random Rng => rng;

    /// <summary>
    /// Every machine in service with what the history needs of it: owner, region, tier, model, warranty, site and contacts.
    /// </summary>
    public static async Task<List<Machine>> MachinesAsync(CustomerDirectory customers, CancellationToken ct)
    {
        var facts = await customers.AllMachinesForDemoAsync(ct);
        return
        [
            .. facts.Select(f => new Machine(
                f.Machine.Id,
                f.Machine.CustomerId,
                f.Machine.Province,
                f.Machine.Tier,
                f.Machine.ProductCategory,
                f.Machine.ProductName,
                f.Machine.WarrantyEndsOn,
                f.Machine.Latitude,
                f.Machine.Longitude,
                f.Contacts,
                f.Machine.ProductId
            )),
        ];
    }

    /// <summary>
    /// Orders closed before a repair on the same machine came back within the rework window; their HasRework is set after they are written.
    /// </summary>
    public HashSet<Guid> Reworked { get; } = [];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    /// <summary>
    /// Report times over <paramref name="days"/>, growing with the installed base, on working hours mostly; oldest first so rework can
    /// point back.
    /// </summary>
    public List<DateTime> ReportTimes(int count, int days) => [.. Enumerable.Range(0, count).Select(_ => ReportTime(days)).Order()];

    public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    public Written Next(Machine m, DateTime reported, string number, PartsUse? parts)
    {
        var severity = rng.NextDouble() switch
        {
            < 0.14 => Severity.StoppedProduction,
            < 0.74 => Severity.Degraded,
            _ => Severity.Question,
        };
        var type = rng.NextDouble() switch
        {
            < 0.72 => WorkOrderType.Repair,
            < 0.86 => WorkOrderType.Maintenance,
            < 0.91 => WorkOrderType.Installation,
            < 0.95 => WorkOrderType.Inspection,
            < 0.98 => WorkOrderType.Training,
            _ => WorkOrderType.Complaint,
        };
        var source = rng.NextDouble() switch
        {
            < 0.38 => WorkOrderSource.QrScan,
            < 0.78 => WorkOrderSource.Phone,
            < 0.88 => WorkOrderSource.Portal,
            < 0.95 => WorkOrderSource.Dealer,
            _ => WorkOrderSource.Email,
        };
        var fault = Faults.TryGetValue(m.Category, out var list) ? list[rng.Next(list.Length)] : Faults["辅机"][0];
        var local = LocalDay(reported);
        var contact = m.Contacts.Length > 0 ? m.Contacts[rng.Next(m.Contacts.Length)] : ("设备部", "13800000000");
        var o = new WorkOrder
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Type = type,
            Severity = severity,
            Source = source,
            CustomerId = m.CustomerId,
            MachineId = m.Id,
            ContactName = contact.Item1,
            ContactPhone = contact.Item2,
            FaultDescription = type == WorkOrderType.Repair ? fault.Fault : Describe(type, m.ProductName),
            Category = type == WorkOrderType.Repair ? fault.Category : "",
            Region = m.Province,
            ProductCategory = m.Category,
            CustomerTier = m.Tier,
            InWarranty = m.WarrantyEndsOn >= local,
            ReportedAtUtc = reported,
            ReportedDay = WorkOrderService.Day(local),
            TrackingToken = WorkOrderService.NewToken(),
            SurveyToken = WorkOrderService.NewToken(),
            Status = WorkOrderStatus.New,
        };
        var written = new Written(o, [], [], null, null, []);
        var policy = policies
            .Where(p => p.Severity == severity && (p.CustomerTier == null || p.CustomerTier == m.Tier))
            .OrderByDescending(p => p.CustomerTier != null)
            .FirstOrDefault();
        if (policy is not null)
        {
            o.SlaPolicyId = policy.Id;
            o.FirstResponseDueUtc = SlaMath.Due(calendar, policy.Clock, reported, TimeSpan.FromMinutes(policy.FirstResponseMinutes));
            o.ArrivalDueUtc = SlaMath.Due(calendar, policy.Clock, reported, TimeSpan.FromMinutes(policy.ArrivalMinutes));
            o.ResolutionDueUtc = SlaMath.Due(calendar, policy.Clock, reported, TimeSpan.FromMinutes(policy.ResolutionMinutes));
        }
        if (
            type == WorkOrderType.Repair
            && lastClosedByMachine.TryGetValue(m.Id, out var last)
            && reported - last.ClosedAt <= WorkOrderService.ReworkWindow
        )
        {
            o.ReworkOfId = last.Id;
            Reworked.Add(last.Id);
        }
        var events = new List<(DateTime At, WorkOrderStatus? From, WorkOrderStatus To, Guid? Actor, string Note)>
        {
            (reported, null, WorkOrderStatus.New, null, ""),
        };
        var engineer = Pick(m.Province, m.Category);
        var stage = Stage(now - reported);
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
            Step(
                WorkOrderStatus.Assigned,
                TimeSpan.FromMinutes(
                    severity == Severity.StoppedProduction ? rng.Next(3, 20) : rng.Next(5, rng.NextDouble() < 0.9 ? 70 : 300)
                ),
                dispatcher
            );
            o.AssigneeId = engineer.Id;
        }
        if (stage >= 2)
        {
            Step(
                WorkOrderStatus.Accepted,
                TimeSpan.FromMinutes(rng.Next(2, severity == Severity.StoppedProduction ? 12 : 45)),
                engineer.Id
            );
            o.FirstResponseAtUtc = t;
            o.FirstResponseMinutes = (int)(t - reported).TotalMinutes;
        }
        if (stage >= 3)
            Step(
                WorkOrderStatus.EnRoute,
                TimeSpan.FromHours(severity == Severity.StoppedProduction ? rng.Next(1, 5) : rng.Next(1, rng.NextDouble() < 0.9 ? 16 : 60)),
                engineer.Id
            );
        if (stage >= 4)
        {
            Step(WorkOrderStatus.OnSite, TimeSpan.FromMinutes(rng.Next(30, 300)), engineer.Id);
            o.ArrivedAtUtc = t;
            o.VisitCount = 1;
            written.Visits.Add(Visit(o, engineer.Id, t, m));
            if (rng.NextDouble() < 0.14)
            {
                Step(WorkOrderStatus.WaitingForParts, TimeSpan.FromHours(rng.Next(1, 4)), engineer.Id, "等待备件：" + fault.Actions);
                var pausedAt = t;
                Step(WorkOrderStatus.OnSite, TimeSpan.FromHours(rng.Next(20, 100)), engineer.Id);
                if (policy is { PauseWhileWaitingForParts: true })
                    o.ResolutionDueUtc = SlaMath.Resume(calendar, policy.Clock, o.ResolutionDueUtc!.Value, pausedAt, t);
                o.VisitCount = 2;
                written.Visits.Add(Visit(o, engineer.Id, t, m));
            }
        }
        if (stage >= 5)
        {
            Step(WorkOrderStatus.Resolved, TimeSpan.FromMinutes(rng.Next(40, 480)), engineer.Id);
            (o.Diagnosis, o.RootCause, o.Actions) =
                type == WorkOrderType.Repair
                    ? (fault.Diagnosis, fault.Cause, fault.Actions)
                    : ("按计划完成", "other", Describe(type, m.ProductName) + "，已完成");
            o.ResolvedAtUtc = t;
            o.ResolutionMinutes = (int)(t - reported).TotalMinutes;
            o.LabourHours = Math.Round(rng.Next(2, 16) / 2.0, 1);
            o.LabourCost = (long)(o.LabourHours * engineer.Rate);
            o.TravelCost = rng.Next(5, 80) * 1000;
            if (type == WorkOrderType.Repair && rng.NextDouble() < 0.55)
                (o.PartsUsed, o.PartsCost) = parts?.Invoke(engineer.Id, o, m, t) is { } used
                    ? used
                    : (fault.Actions, rng.Next(3, 200) * 1000);
            o.SignedBy = contact.Item1;
            o.SignedAtUtc = t;
        }
        Survey? survey = null;
        CallbackTask? callback = null;
        if (stage >= 6)
        {
            Step(
                WorkOrderStatus.Closed,
                TimeSpan.FromHours(rng.Next(1, 40)),
                dispatcher,
                rng.NextDouble() < 0.5 ? "客户签字确认" : "电话回访确认已修复"
            );
            o.ClosedAtUtc = t;
            o.CloseMinutes = (int)(t - reported).TotalMinutes;
            lastClosedByMachine[m.Id] = (o.Id, t);
            if (t < now.AddDays(-3) && rng.NextDouble() < 0.46)
            {
                var happy = rng.NextDouble();
                var csat = happy switch
                {
                    < 0.05 => 2,
                    < 0.15 => 3,
                    < 0.5 => 4,
                    _ => 5,
                };
                survey = new Survey
                {
                    Id = Guid.CreateVersion7(),
                    WorkOrderId = o.Id,
                    CustomerId = o.CustomerId,
                    MachineId = o.MachineId,
                    Csat = csat,
                    Nps = Math.Clamp(csat * 2 + rng.Next(-1, 2), 0, 10),
                    Comment = Comments[rng.Next(Comments.Length)],
                    AnsweredAtUtc = t.AddHours(rng.Next(2, 48)),
                };
                (o.Csat, o.Nps) = (survey.Csat, survey.Nps);
            }
            var due = calendar.EndOfWorkingDay(t, 2);
            var done = due < now && rng.NextDouble() < 0.93;
            callback = new CallbackTask
            {
                Id = Guid.CreateVersion7(),
                WorkOrderId = o.Id,
                CustomerId = o.CustomerId,
                MachineId = o.MachineId,
                DueAtUtc = due,
                DoneAtUtc = done ? t.AddHours(rng.Next(4, 40)) : null,
                DoneById = done ? dispatcher : null,
                Outcome = done
                    ? (rng.NextDouble() < 0.9 ? CallbackOutcome.Satisfied : CallbackOutcome.Unsatisfied)
                    : CallbackOutcome.Pending,
                Note = done ? "设备运行正常" : "",
            };
        }
        // SLA outcomes, as the ticker and the moves would have recorded them.
        if (o.SlaPolicyId is not null)
        {
            o.FirstResponseBreached = Decide(o.FirstResponseAtUtc, o.FirstResponseDueUtc!.Value);
            o.ArrivalBreached = Decide(o.ArrivedAtUtc, o.ArrivalDueUtc!.Value);
            o.ResolutionBreached = Decide(o.ResolvedAtUtc, o.ResolutionDueUtc!.Value);
            foreach (
                var (goal, breached, dueAt) in new[]
                {
                    (SlaTarget.FirstResponse, o.FirstResponseBreached, o.FirstResponseDueUtc!.Value),
                    (SlaTarget.Arrival, o.ArrivalBreached, o.ArrivalDueUtc!.Value),
                    (SlaTarget.Resolution, o.ResolutionBreached, o.ResolutionDueUtc!.Value),
                }
            )
            {
                if (breached != true)
                    continue;
                written.Breaches.Add(
                    new SlaBreach
                    {
                        Id = Guid.CreateVersion7(),
                        WorkOrderId = o.Id,
                        Target = goal,
                        DueAtUtc = dueAt,
                        BreachedAtUtc = dueAt,
                    }
                );
                o.EscalationLevel = 1;
            }
        }
        foreach (var (at, from, to, actor, note) in events)
            written.Events.Add(
                new WorkOrderEvent
                {
                    Id = Guid.CreateVersion7(),
                    WorkOrderId = o.Id,
                    AtUtc = at,
                    From = from,
                    To = to,
                    ActorId = actor,
                    ActorName =
                        actor is null ? (source == WorkOrderSource.QrScan ? "扫码报修" : "客服")
                        : actor == engineer.Id ? "工程师"
                        : "客服",
                    Note = note,
                }
            );
        return written with { Survey = survey, Callback = callback };
    }

    private bool? Decide(DateTime? metAt, DateTime due) =>
        metAt is { } m ? m > due
        : due < now ? true
        : null;

    /// <summary>How far an order got: old ones are closed; the last days are spread over every state.</summary>
    private int Stage(TimeSpan age) =>
        age.TotalDays switch
        {
            > 12 => 6,
            > 4 => rng.Next(4, 7),
            > 1 => rng.Next(1, 7),
            _ => rng.Next(0, 5),
        };

    private DateTime ReportTime(int days)
    {
        var daysBack = (int)(days * (1 - Math.Sqrt(rng.NextDouble())));
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)).AddDays(-daysBack);
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && rng.NextDouble() < 0.6)
            day = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? -1 : 1);
        var minute = rng.NextDouble() < 0.85 ? rng.Next(8 * 60, 18 * 60) : rng.Next(0, 24 * 60);
        var utc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(minute / 60, minute % 60)), zone);
        return utc > now ? now.AddMinutes(-rng.Next(5, 600)) : utc;
    }

    private readonly Dictionary<(string, string), Engineer[]> candidates = [];

    private Engineer Pick(string province, string category)
    {
        if (!candidates.TryGetValue((province, category), out var best))
        {
            best = [.. engineers.Where(e => e.Regions.Contains(province) && e.Skills.Contains(category))];
            if (best.Length == 0)
                best = [.. engineers.Where(e => e.Regions.Contains(province))];
            if (best.Length == 0)
                best = [.. engineers];
            candidates[(province, category)] = best;
        }
        return best[rng.Next(best.Length)];
    }

    private WorkOrderVisit Visit(WorkOrder o, Guid engineer, DateTime at, Machine m)
    {
        var far = rng.NextDouble() < 0.04;
        double? lat = m.Latitude is { } la ? la + (far ? 0.05 : rng.NextDouble() * 0.002) : null;
        double? lng = m.Longitude is { } lo ? lo + (far ? 0.05 : rng.NextDouble() * 0.002) : null;
        var distance = lat is { } a && lng is { } b && m.Latitude is { } c && m.Longitude is { } d ? Geo.Meters(a, b, c, d) : (double?)null;
        return new WorkOrderVisit
        {
            Id = Guid.CreateVersion7(),
            WorkOrderId = o.Id,
            CustomerId = o.CustomerId,
            MachineId = o.MachineId,
            EngineerId = engineer,
            CheckInAtUtc = at,
            CheckInLatitude = lat,
            CheckInLongitude = lng,
            CheckInDistance = distance,
            Flagged = distance is null or > 500,
            CheckOutAtUtc = at.AddHours(rng.Next(1, 6)),
            CheckOutLatitude = lat,
            CheckOutLongitude = lng,
        };
    }
#pragma warning restore CA5394

    private static string Describe(WorkOrderType type, string product) =>
        type switch
        {
            WorkOrderType.Maintenance => $"{product} 定期保养",
            WorkOrderType.Installation => $"{product} 安装调试",
            WorkOrderType.Inspection => $"{product} 年度巡检",
            WorkOrderType.Training => $"{product} 操作培训",
            _ => "客户投诉：上次维修后仍有异响，要求主管回复",
        };
}
