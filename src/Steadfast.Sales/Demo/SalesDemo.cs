using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Ui;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Orders;

namespace Steadfast.Sales.Demo;

/// <summary>
/// A year of leads from every source (about one in ten converted), a pipeline of a few hundred opportunities across the
/// stages, and three years of sales orders for the demo customers, so the forecast and the customer scores have history.
/// </summary>
internal sealed class SalesDemo(AppDbContext db, CustomerDirectory directory, CompanyClock company, TimeProvider clock) : IDemoSeeder
{
    public int Order => 30;

    private static readonly Dictionary<string, long> PriceByCategory = new(StringComparer.Ordinal)
    {
        ["注塑机"] = 480_000_00,
        ["加工中心"] = 620_000_00,
        ["数控车床"] = 260_000_00,
        ["激光切割"] = 880_000_00,
        ["折弯机"] = 320_000_00,
        ["空压机"] = 120_000_00,
        ["辅机"] = 45_000_00,
        ["机器人"] = 210_000_00,
    };

    private static readonly string[] Services = ["安装调试", "操作培训", "延保一年", "年度维保套餐", "备件包"];
    private static readonly string[] Lost = ["价格高于竞品", "交期太长", "客户项目取消", "技术方案不满足", "预算冻结"];
    private static readonly string[] Competitors = ["海天", "伊之密", "大族激光", "发那科", "友嘉", ""];
    private static readonly string[] Disqualified = ["同行询价", "空号", "个人需求", "重复线索", "无预算"];
    private static readonly string[] Notes =
    [
        "电话沟通需求，约下周拜访",
        "发送了产品资料和报价区间",
        "拜访工厂，看了现有设备",
        "微信沟通交期",
        "邀请来厂参观",
    ];
    private static readonly (LeadSource Source, int Weight)[] Sources =
    [
        (LeadSource.TradeShow, 25),
        (LeadSource.OnlineInquiry, 30),
        (LeadSource.Referral, 10),
        (LeadSource.Phone, 15),
        (LeadSource.Dealer, 8),
        (LeadSource.Import, 7),
        (LeadSource.WebForm, 5),
    ];
    private static readonly string[] Provinces = ["江苏", "浙江", "上海", "广东", "山东", "河北", "四川", "湖北", "安徽", "福建"];
    private static readonly string[] CompanyWords =
    [
        "恒",
        "鑫",
        "华",
        "正",
        "泰",
        "丰",
        "瑞",
        "达",
        "宏",
        "远",
        "盛",
        "立",
        "精",
        "科",
        "新",
    ];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<Lead>().AnyAsync(ct))
            return "sales already present";
        var rng = new Random(20261207);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        var reps = await db.ActiveInRoles(Roles.Sales, Roles.SalesManager).Select(u => new { u.Id, u.TeamId }).ToListAsync(ct);
        var customers = await directory.Profiles().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var products = await directory.ProductsAsync(ct);
        var stages = await db.Set<OpportunityStage>().AsNoTracking().OrderBy(s => s.Order).ToListAsync(ct);
        if (reps.Count == 0 || customers.Count == 0 || products.Count == 0 || stages.Count == 0)
            return "no sales (users, customers, products or stages missing)";
        var teamOf = reps.ToDictionary(r => r.Id, r => r.TeamId);
        Guid Rep() => reps[rng.Next(reps.Count)].Id;
        long Price(ProductOption p) => PriceByCategory.GetValueOrDefault(p.Category, 300_000_00) * (90 + rng.Next(25)) / 100;
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        string Word() => CompanyWords[rng.Next(CompanyWords.Length)];
        static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        async Task<string> NumberAsync(string prefix, DateOnly day)
        {
            // Today's numbers come from the counter the live flow uses next; earlier days' are never issued again.
            if (day == today)
                return $"{prefix}-{day.ToString("yyMMdd", CultureInfo.InvariantCulture)}-"
                    + $"{await db.NextAsync($"{prefix.ToLowerInvariant()}:{Day(day)}", ct):0000}";
            var key = prefix + day.DayNumber;
            numbers[key] = numbers.GetValueOrDefault(key) + 1;
            return $"{prefix}-{day.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{numbers[key]:0000}";
        }
        var zone = company.Zone();
        DateTime Utc(DateOnly day, int hour)
        {
            var at = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, rng.Next(60))), zone);
            return at > now ? now.AddMinutes(-1 - rng.Next(90)) : at;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Three years of orders, the bigger customers ordering more often.
        var orderCount = Math.Max(60, (int)(1500 * scale));
        var weights = customers
            .Select(
                (c, i) =>
                    1
                    + (
                        i % 7 == 0 ? 6
                        : i % 3 == 0 ? 2
                        : 0
                    )
            )
            .ToArray();
        var total = weights.Sum();
        var orders = new List<SalesOrder>();
        for (var i = 0; i < orderCount; i++)
        {
            var pick = rng.Next(total);
            var ci = 0;
            while ((pick -= weights[ci]) >= 0)
                ci++;
            var c = customers[ci];
            var on = today.AddDays(-rng.Next(3 * 365));
            var o = new SalesOrder
            {
                Id = Guid.CreateVersion7(),
                Number = await NumberAsync("SO", on),
                ExternalId = rng.Next(3) == 0 ? null : $"ERP-{on:yyyy}-{100000 + i}",
                CustomerId = c.Id,
                CustomerName = c.Name,
                OrderedOn = on,
                DeliveryOn = on.AddDays(20 + rng.Next(60)),
                Status =
                    on < today.AddDays(-75) ? SalesOrderStatus.Delivered
                    : rng.Next(20) == 0 ? SalesOrderStatus.Cancelled
                    : SalesOrderStatus.Open,
                OwnerId = c.OwnerId ?? Rep(),
                CreatedAtUtc = Utc(on, 10),
            };
            var product = products[rng.Next(products.Count)];
            AddLine(o, product.Id, product.Name, 1 + rng.Next(rng.Next(4) == 0 ? 5 : 2), Price(product));
            if (rng.Next(3) == 0)
                AddLine(o, null, Services[rng.Next(Services.Length)], 1, (5 + rng.Next(40)) * 1000_00);
            o.Amount = o.Lines.Sum(l => l.Amount);
            orders.Add(o);
        }
        db.AddRange(orders);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // The pipeline: open deals spread over the open stages, and a year of won and lost ones.
        var open = stages.Where(s => s.Kind == StageKind.Open && s.Active).ToList();
        var won = stages.First(s => s.Kind == StageKind.Won);
        var lost = stages.First(s => s.Kind == StageKind.Lost);
        var opportunityCount = Math.Max(30, (int)(400 * scale));
        var opportunities = new List<Opportunity>();
        for (var i = 0; i < opportunityCount; i++)
        {
            var c = customers[rng.Next(customers.Count)];
            var roll = rng.Next(100);
            var stage =
                roll < 62 ? open[Math.Min(open.Count - 1, (int)Math.Floor(Math.Sqrt(rng.Next(open.Count * open.Count))))]
                : roll < 85 ? won
                : lost;
            var created = today.AddDays(-(stage.Kind == StageKind.Open ? rng.Next(120) : 30 + rng.Next(330)));
            var owner = c.OwnerId ?? Rep();
            var product = products[rng.Next(products.Count)];
            var o = new Opportunity
            {
                Id = Guid.CreateVersion7(),
                Number = await NumberAsync("OP", created),
                Title = $"{c.Name[..Math.Min(6, c.Name.Length)]} · {product.Category}{(rng.Next(3) == 0 ? "扩产" : "采购")}",
                CustomerId = c.Id,
                CustomerName = c.Name,
                StageId = stage.Id,
                Status = stage.Kind,
                Probability = stage.Probability,
                ExpectedCloseOn = stage.Kind == StageKind.Open ? today.AddDays(7 + rng.Next(170)) : created.AddDays(20 + rng.Next(60)),
                OwnerId = owner,
                TeamId = teamOf.GetValueOrDefault(owner),
                Province = c.Province,
                DealerId = c.DealerId,
                NextStep = stage.Kind == StageKind.Open ? Notes[rng.Next(Notes.Length)] : "",
                CreatedAtUtc = Utc(created, 9),
                AssignedAtUtc = Utc(created, 9),
                FirstContactAtUtc = rng.Next(12) == 0 && stage.Kind == StageKind.Open ? null : Utc(created, 15),
            };
            var qty = 1 + rng.Next(3);
            o.Lines.Add(
                new OpportunityLine
                {
                    Id = Guid.CreateVersion7(),
                    OpportunityId = o.Id,
                    Position = 0,
                    ProductId = product.Id,
                    Description = product.Name,
                    Quantity = qty,
                    UnitPrice = Price(product),
                    Amount = 0,
                }
            );
            o.Lines[0].Amount = o.Lines[0].UnitPrice * qty;
            o.Amount = o.Lines[0].Amount;
            if (o.ExpectedCloseOn > today && stage.Kind != StageKind.Open)
                o.ExpectedCloseOn = today.AddDays(-rng.Next(10));
            if (stage.Kind != StageKind.Open)
                o.ClosedAtUtc = Utc(o.ExpectedCloseOn, 17);
            if (stage.Kind == StageKind.Lost)
                (o.LostReason, o.Competitor) = (Lost[rng.Next(Lost.Length)], Competitors[rng.Next(Competitors.Length)]);
            if (stage.Kind == StageKind.Won)
            {
                var order = new SalesOrder
                {
                    Id = Guid.CreateVersion7(),
                    Number = await NumberAsync("SO", o.ExpectedCloseOn),
                    CustomerId = c.Id,
                    CustomerName = c.Name,
                    OrderedOn = o.ExpectedCloseOn,
                    DeliveryOn = o.ExpectedCloseOn.AddDays(45),
                    Status = o.ExpectedCloseOn < today.AddDays(-75) ? SalesOrderStatus.Delivered : SalesOrderStatus.Open,
                    OwnerId = owner,
                    OpportunityId = o.Id,
                    CreatedAtUtc = o.ClosedAtUtc!.Value,
                };
                AddLine(order, product.Id, product.Name, qty, o.Lines[0].UnitPrice);
                order.Amount = order.Lines[0].Amount;
                o.SalesOrderId = order.Id;
                db.Add(order);
            }
            opportunities.Add(o);
        }
        db.AddRange(opportunities);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // A year of leads; about one in ten converted into one of the opportunities above.
        var leadCount = Math.Max(100, (int)(2000 * scale));
        var sourceTotal = Sources.Sum(s => s.Weight);
        var convertible = opportunities.Where(o => o.CreatedAtUtc > now.AddDays(-365)).ToList();
        var leads = new List<Lead>();
        var activities = new List<SalesActivity>();
        for (var i = 0; i < leadCount; i++)
        {
            var r = rng.Next(sourceTotal);
            var source = Sources.First(s => (r -= s.Weight) < 0).Source;
            var age = (int)Math.Floor(365 * Math.Pow(rng.NextDouble(), 1.4));
            var created = today.AddDays(-age);
            var province = Provinces[rng.Next(Provinces.Length)];
            var product = products[rng.Next(products.Count)];
            var name = $"{province}{Word()}{Word()}{(rng.Next(2) == 0 ? "机械" : "制造")}有限公司";
            var owner = rng.Next(12) == 0 ? (Guid?)null : Rep();
            var lead = new Lead
            {
                Id = Guid.CreateVersion7(),
                Number = await NumberAsync("L", created),
                Source = source,
                CompanyName = name,
                MatchKey = CustomerRegistry.MatchKey(name),
                ContactName = $"{"王李张刘陈杨赵黄周吴"[rng.Next(10)]}{(rng.Next(2) == 0 ? "经理" : "工")}",
                Phone = $"13{rng.Next(10)}{rng.Next(10_000_000, 99_999_999)}",
                Province = province,
                Industry = customers[rng.Next(customers.Count)].Industry,
                ProductCategory = product.Category,
                ProductId = rng.Next(2) == 0 ? product.Id : null,
                EstimatedAmount = PriceByCategory.GetValueOrDefault(product.Category, 300_000_00) * (1 + rng.Next(3)),
                Notes = source == LeadSource.TradeShow ? "2026 CHINAPLAS 展台留资" : "",
                ReferredByCustomerId = source == LeadSource.Referral ? customers[rng.Next(customers.Count)].Id : null,
                OwnerId = owner,
                AssignedAtUtc = owner is null ? null : Utc(created, 9),
                AssignmentReason = new AssignmentWhy(
                    owner is null ? "pool" : "rule",
                    owner is null ? [] : [$"province:{province}"],
                    rng.Next(20),
                    50,
                    []
                ).ToJson(),
                AssignmentRule = owner is null ? "" : "地区分配",
                CreatedAtUtc = Utc(created, 9),
            };
            lead.PhoneKey = CustomerRegistry.PhoneKey(lead.Phone);
            var fate = rng.Next(100);
            if (age > 7 && fate < 11 && convertible.Count > 0)
            {
                var o = convertible[rng.Next(convertible.Count)];
                convertible.Remove(o);
                (lead.Status, lead.CustomerId, lead.OpportunityId, lead.CompanyName) = (
                    LeadStatus.Converted,
                    o.CustomerId,
                    o.Id,
                    o.CustomerName
                );
                lead.MatchKey = CustomerRegistry.MatchKey(o.CustomerName);
                lead.ClosedAtUtc = o.CreatedAtUtc;
                lead.OwnerId ??= o.OwnerId;
                lead.AssignedAtUtc ??= lead.CreatedAtUtc;
            }
            // Older leads have been judged: most were not real sales, the rest wait as qualified for a project to start.
            else if (age > 3 && (fate < 45 || age > 14 && fate < 80))
                (lead.Status, lead.DisqualifyReason, lead.ClosedAtUtc) = (
                    LeadStatus.Disqualified,
                    Disqualified[rng.Next(Disqualified.Length)],
                    Utc(created.AddDays(2), 11)
                );
            else if (fate < 60 || age > 14)
                lead.Status = LeadStatus.Qualified;
            // A few of the newest were never called back: they show red.
            var untouched = lead.Status == LeadStatus.Open && age <= 6 && rng.Next(3) == 0;
            if (lead.OwnerId is { } by && !untouched && lead.Status != LeadStatus.Disqualified || lead.Status == LeadStatus.Converted)
            {
                lead.FirstContactAtUtc = lead.CreatedAtUtc.AddHours(2 + rng.Next(20));
                lead.LastContactAtUtc = lead.FirstContactAtUtc;
                activities.Add(
                    new SalesActivity
                    {
                        Id = Guid.CreateVersion7(),
                        LeadId = lead.Id,
                        Kind = (ContactKind)rng.Next(3),
                        Note = Notes[rng.Next(Notes.Length)],
                        AtUtc = lead.FirstContactAtUtc.Value,
                        ById = lead.OwnerId,
                        ByName = "",
                    }
                );
            }
            leads.Add(lead);
        }
        db.AddRange(leads);
        db.AddRange(activities);
        // Two reps carry the demo's open leads; the cap leaves them room for new ones.
        var settings = await db.Set<SalesSettings>().SingleOrDefaultAsync(ct);
        if (settings is not null)
            settings.OpenLeadCap = 100;
        if (!await db.Set<AssignmentRule>().AnyAsync(ct))
        {
            var rep = await db.ActiveInRoles(Roles.Sales).Select(u => u.Id).FirstOrDefaultAsync(ct);
            var mgr = await db.ActiveInRoles(Roles.SalesManager).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (rep != Guid.Empty)
                db.Add(
                    new AssignmentRule
                    {
                        Id = Guid.CreateVersion7(),
                        Name = "激光切割专线",
                        Order = 10,
                        Categories = "|激光切割|",
                        Reps = $"|{rep}|",
                    }
                );
            if (rep != Guid.Empty && mgr != Guid.Empty)
                db.Add(
                    new AssignmentRule
                    {
                        Id = Guid.CreateVersion7(),
                        Name = "华东区",
                        Order = 20,
                        Provinces = "|江苏|浙江|上海|安徽|",
                        Reps = $"|{rep}|{mgr}|",
                    }
                );
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var wonOrders = opportunities.Count(o => o.SalesOrderId != null);
        return $"{leads.Count} leads, {opportunities.Count} opportunities, {orders.Count + wonOrders} sales orders";
    }

    private static void AddLine(SalesOrder o, Guid? product, string description, decimal qty, long unitPrice) =>
        o.Lines.Add(
            new SalesOrderLine
            {
                Id = Guid.CreateVersion7(),
                SalesOrderId = o.Id,
                Position = o.Lines.Count,
                ProductId = product,
                Description = description,
                Quantity = qty,
                UnitPrice = unitPrice,
                Amount = (long)(qty * unitPrice),
            }
        );
#pragma warning restore CA5394
}
