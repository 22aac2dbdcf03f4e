using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;

namespace Steadfast.Customers.Public;

/// <summary>
/// Demo customers across China with contacts, machines, readings and two years of follow-ups.
/// Deterministic (fixed seed), so screenshots and benchmarks see the same data every time.
/// </summary>
internal sealed class CustomersDemo(AppDbContext db, TimeProvider clock) : IDemoSeeder
{
    public int Order => 10;

    private static readonly (string Province, string[] Cities)[] Regions =
    [
        ("江苏", ["苏州", "无锡", "常州", "南京", "南通"]), ("浙江", ["杭州", "宁波", "温州", "绍兴", "台州"]), ("上海", ["上海"]),
        ("广东", ["深圳", "东莞", "佛山", "广州", "中山"]), ("山东", ["青岛", "济南", "潍坊", "烟台"]), ("河北", ["石家庄", "唐山", "保定"]),
        ("四川", ["成都", "绵阳", "德阳"]), ("湖北", ["武汉", "襄阳", "宜昌"]), ("安徽", ["合肥", "芜湖"]), ("福建", ["厦门", "泉州", "福州"]),
        ("天津", ["天津"]), ("重庆", ["重庆"]), ("河南", ["郑州", "洛阳"]), ("辽宁", ["沈阳", "大连"]), ("陕西", ["西安"]),
    ];
    private static readonly string[] Words = ["恒", "鑫", "华", "正", "泰", "丰", "瑞", "达", "宏", "盛", "新", "联", "金", "科", "通", "源", "隆", "安", "捷", "力", "精", "诚", "远", "嘉", "德"];
    private static readonly (string Industry, string Suffix)[] Industries =
    [
        ("汽车零部件", "汽车部件"), ("电子制造", "电子科技"), ("塑料制品", "塑业"), ("五金机械", "五金制品"), ("食品饮料", "食品"),
        ("包装印刷", "包装材料"), ("新能源", "新能源科技"), ("医疗器械", "医疗器械"), ("家电制造", "电器"), ("金属加工", "精密机械"),
    ];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕", "晓东"];
    private static readonly string[] Titles = ["总经理", "设备部经理", "采购经理", "生产总监", "财务经理", "设备工程师", "车间主任", "技术总监"];
    private static readonly string[] Personalities = ["严谨型", "急躁型", "务实型", "谨慎型", "健谈型", ""];
    private static readonly (string Code, string Name, string Category, int Warranty, int? Days, int? Hours)[] Models =
    [
        ("HL-IM160", "HL-160T 伺服注塑机", "注塑机", 12, 90, 1000), ("HL-IM280", "HL-280T 伺服注塑机", "注塑机", 12, 90, 1000), ("HL-IM450", "HL-450T 二板注塑机", "注塑机", 18, 90, 1000),
        ("HL-CNC850", "VMC-850 立式加工中心", "加工中心", 12, 180, 2000), ("HL-CNC1160", "VMC-1160 立式加工中心", "加工中心", 12, 180, 2000),
        ("HL-LC500", "LC-500 数控车床", "数控车床", 12, 180, 2000), ("HL-LS3015", "LS-3015 光纤激光切割机", "激光切割", 24, 60, 800),
        ("HL-PB100", "PB-100 数控折弯机", "折弯机", 12, 180, 1500), ("HL-AC37", "AC-37 螺杆空压机", "空压机", 24, 120, 2000),
        ("HL-CH20", "CH-20 冷水机", "辅机", 12, 180, null), ("HL-DR50", "DR-50 干燥机", "辅机", 12, 180, null), ("HL-RB6", "RB-6 六轴机器人", "机器人", 18, 365, 4000),
    ];
    private static readonly string[] Summaries =
    [
        "电话回访设备运行情况，客户反馈稳定。", "拜访设备部，了解明年扩产计划，可能新增两台。", "客户询问保养套餐价格，已发报价。",
        "微信沟通备件交期，客户希望一周内到货。", "技术交流会：介绍新一代伺服系统节能方案。", "年度合作回顾会议，客户对响应速度满意。",
        "客户抱怨上次维修等待时间长，已向服务经理反馈。", "发送设备操作培训资料。", "采购经理更换，拜访新负责人建立联系。", "跟进二期项目招标进度。",
    ];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<Customer>().AnyAsync(ct)) return "customers already present";
        var rng = new Random(20261127);
        var now = clock.GetUtcNow().UtcDateTime;
        var sales = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Sales || r.Name == Roles.SalesManager))))
            .Select(u => u.Id).ToListAsync(ct);
        var engineer = await db.Users.Where(u => u.Email == "engineer@steadfast.local").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);

        var products = Models.Select(m => new Product
        {
            Id = Guid.CreateVersion7(), Code = m.Code, Name = m.Name, Category = m.Category, WarrantyMonths = m.Warranty, MaintenanceDays = m.Days, MaintenanceHours = m.Hours,
        }).ToList();
        db.AddRange(products);
        var dealers = new List<Dealer>
        {
            new() { Id = DemoParties.DealerId, Name = "成都川机设备贸易有限公司", Region = "四川 重庆", Phone = "028-8765-4321" },
            new() { Id = Guid.CreateVersion7(), Name = "沈阳北方机电销售有限公司", Region = "辽宁", Phone = "024-2233-4455" },
            new() { Id = Guid.CreateVersion7(), Name = "郑州中原工业设备有限公司", Region = "河南", Phone = "0371-6655-7788" },
        };
        db.AddRange(dealers);
        await db.SaveChangesAsync(ct);

        var count = Math.Max(12, (int)(1200 * scale));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var (machines, contacts, activities) = (0, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var (province, cities) = Regions[rng.Next(Regions.Length)];
            var city = cities[rng.Next(cities.Length)];
            var (industry, suffix) = Industries[rng.Next(Industries.Length)];
            string name;
            do name = $"{city}{Words[rng.Next(Words.Length)]}{Words[rng.Next(Words.Length)]}{suffix}有限公司"; while (!names.Add(name) && names.Count < 100_000);
            var dealer = province is "四川" or "重庆" ? dealers[0] : province == "辽宁" ? dealers[1] : province == "河南" ? dealers[2] : null;
            var created = now.AddDays(-rng.Next(60, 1500));
            var customer = new Customer
            {
                Id = i == 0 ? DemoParties.CustomerId : Guid.CreateVersion7(), Name = name, MatchKey = Text.MatchKey(name), CreditCode = Credit(rng, province),
                Industry = industry, Province = province, City = city, Address = $"{city}市{Words[rng.Next(Words.Length)]}{Words[rng.Next(Words.Length)]}路{rng.Next(1, 999)}号",
                Phone = $"0{rng.Next(10, 999)}-{rng.Next(1000_0000, 9999_9999)}", Tier = rng.NextDouble() switch { < 0.06 => CustomerTier.Strategic, < 0.26 => CustomerTier.Key, _ => CustomerTier.Normal },
                Status = rng.NextDouble() switch { < 0.08 => CustomerStatus.Prospect, < 0.85 => CustomerStatus.Active, < 0.95 => CustomerStatus.Dormant, _ => CustomerStatus.Lost },
                OwnerId = sales.Count > 0 && dealer is null ? sales[rng.Next(sales.Count)] : null, DealerId = i == 1 ? DemoParties.DealerId : dealer?.Id,
                Tags = Customer.JoinTags(new[] { rng.Next(4) == 0 ? "复购" : "", rng.Next(6) == 0 ? "价格敏感" : "", rng.Next(8) == 0 ? "标杆客户" : "" }),
                CreatedAtUtc = created,
            };
            db.Add(customer);
            var people = rng.Next(1, 5);
            var contactIds = new List<Guid>();
            for (var c = 0; c < people; c++)
            {
                var contact = new Contact
                {
                    Id = Guid.CreateVersion7(), CustomerId = customer.Id, Name = Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)],
                    Title = Titles[rng.Next(Titles.Length)], Mobile = $"1{rng.Next(3, 9)}{rng.Next(100000000, 999999999)}", Role = (DecisionRole)rng.Next(5),
                    Personality = Personalities[rng.Next(Personalities.Length)], IsPrimary = c == 0, CreatedAtUtc = created.AddDays(rng.Next(0, 30)),
                };
                contact.Email = $"{contact.Mobile}@example.cn";
                db.Add(contact);
                contactIds.Add(contact.Id);
            }
            contacts += people;
            var fleet = customer.Status == CustomerStatus.Prospect ? 0 : customer.Tier switch { CustomerTier.Strategic => rng.Next(6, 15), CustomerTier.Key => rng.Next(3, 7), _ => rng.Next(1, 3) };
            for (var m = 0; m < fleet; m++)
            {
                var model = products[rng.Next(products.Count)];
                var installed = DateOnly.FromDateTime(created.AddDays(rng.Next(10, Math.Max(11, (int)(now - created).TotalDays))));
                var hours = Math.Round((now - installed.ToDateTime(TimeOnly.MinValue)).TotalDays * rng.Next(8, 20));
                var machine = new Machine
                {
                    Id = Guid.CreateVersion7(), SerialNumber = $"{model.Code[3..]}-{installed:yyMM}-{rng.Next(10000, 99999)}", ProductId = model.Id, CustomerId = customer.Id,
                    SiteName = $"{(m % 3) + 1}号车间", SiteAddress = customer.Address, Latitude = 22 + rng.NextDouble() * 18, Longitude = 104 + rng.NextDouble() * 18,
                    InstalledOn = installed, CommissionedOn = installed.AddDays(rng.Next(1, 8)), WarrantyEndsOn = installed.AddMonths(model.WarrantyMonths),
                    Status = rng.NextDouble() switch { < 0.9 => MachineStatus.Running, < 0.95 => MachineStatus.UnderRepair, < 0.98 => MachineStatus.Down, _ => MachineStatus.Scrapped },
                    QrToken = EquipmentService.NewToken(), LastReadingHours = hours, CreatedAtUtc = installed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    Configuration = model.Category == "注塑机" ? "伺服泵 + 机械手接口 + 模温机接口" : "",
                };
                db.Add(machine);
                db.Add(new MeterReading { Id = Guid.CreateVersion7(), MachineId = machine.Id, Hours = hours, ReadAtUtc = now.AddDays(-rng.Next(1, 60)), RecordedById = engineer });
                machines++;
            }
            // Two years of follow-ups, fewer for dormant and lost customers so the follow-up views have something to show.
            var touches = customer.Status switch { CustomerStatus.Active => rng.Next(2, 10), CustomerStatus.Prospect => rng.Next(1, 4), _ => rng.Next(0, 2) };
            for (var a = 0; a < touches && customer.OwnerId is { } owner; a++)
            {
                var at = now.AddDays(-rng.Next(1, customer.Status == CustomerStatus.Active ? 400 : 720)).AddMinutes(rng.Next(0, 600));
                db.Add(new Activity
                {
                    Id = Guid.CreateVersion7(), CustomerId = customer.Id, ContactId = contactIds[rng.Next(contactIds.Count)], Type = (ActivityType)rng.Next(5), AtUtc = at,
                    Summary = Summaries[rng.Next(Summaries.Length)], AuthorId = owner,
                    NextFollowUpOn = a == 0 && rng.Next(3) == 0 ? DateOnly.FromDateTime(now.AddDays(rng.Next(1, 30))) : null,
                });
                activities++;
            }
            if (i % 200 == 199)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        // The same companies typed again by other people: what the duplicate finder is for.
        var originals = await db.Set<Customer>().OrderBy(c => c.CreatedAtUtc).Skip(5).Take(3).ToListAsync(ct);
        string[] variants = ["{0}股份有限公司", "{0} 有限责任公司", "{0}（有限公司）"];
        for (var d = 0; d < originals.Count; d++)
        {
            var stem = originals[d].Name.Replace("有限公司", "", StringComparison.Ordinal);
            var copyName = string.Format(CultureInfo.InvariantCulture, variants[d], stem);
            db.Add(new Customer
            {
                Id = Guid.CreateVersion7(), Name = copyName, MatchKey = Text.MatchKey(copyName), Industry = originals[d].Industry, Province = originals[d].Province,
                City = originals[d].City, Status = CustomerStatus.Active, OwnerId = originals[d].OwnerId, CreatedAtUtc = now.AddDays(-rng.Next(1, 60)),
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return string.Create(CultureInfo.InvariantCulture, $"{products.Count} models, {dealers.Count} dealers, {count} customers, {contacts} contacts, {machines} machines, {activities} follow-ups");
    }

    /// <summary>A well-formed 统一社会信用代码 for an enterprise in the province: 91 + area code + random body + check character.</summary>
    private static string Credit(Random rng, string province)
    {
        var area = province switch { "江苏" => "32", "浙江" => "33", "上海" => "31", "广东" => "44", "山东" => "37", "河北" => "13", "四川" => "51", "湖北" => "42", "安徽" => "34", "福建" => "35", "天津" => "12", "重庆" => "50", "河南" => "41", "辽宁" => "21", _ => "61" };
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91" + area + rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + new string([.. Enumerable.Range(0, 9).Select(_ => alphabet[rng.Next(alphabet.Length)])]);
        return body + CreditCode.CheckCharacter(body);
    }
#pragma warning restore CA5394
}
