using System.Globalization;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;

namespace Steadfast.Customers.Public;

/// <summary>
/// Builds one demo customer at a time with its contacts, machines, meter readings and follow-ups, as
/// entities nobody has saved yet. The demo seeder adds them through EF; the benchmark generator writes
/// twenty thousand of them in bulk, so both hold the same kind of customer.
/// </summary>
internal sealed class DemoCustomers(
    Random rng,
    DateTime now,
    IReadOnlyList<Product> products,
    IReadOnlyList<Dealer> dealers,
    IReadOnlyList<Guid> sales,
    Guid? engineer,
    IEnumerable<string>? takenNames = null,
    IEnumerable<(Guid ProductId, string Serial)>? takenSerials = null
)
{
    public sealed record Party(
        Customer Customer,
        List<Contact> Contacts,
        List<Machine> Machines,
        List<MeterReading> Readings,
        List<Activity> Activities
    );

    private static readonly (string Province, string[] Cities)[] Regions =
    [
        ("江苏", ["苏州", "无锡", "常州", "南京", "南通"]),
        ("浙江", ["杭州", "宁波", "温州", "绍兴", "台州"]),
        ("上海", ["上海"]),
        ("广东", ["深圳", "东莞", "佛山", "广州", "中山"]),
        ("山东", ["青岛", "济南", "潍坊", "烟台"]),
        ("河北", ["石家庄", "唐山", "保定"]),
        ("四川", ["成都", "绵阳", "德阳"]),
        ("湖北", ["武汉", "襄阳", "宜昌"]),
        ("安徽", ["合肥", "芜湖"]),
        ("福建", ["厦门", "泉州", "福州"]),
        ("天津", ["天津"]),
        ("重庆", ["重庆"]),
        ("河南", ["郑州", "洛阳"]),
        ("辽宁", ["沈阳", "大连"]),
        ("陕西", ["西安"]),
    ];
    private static readonly string[] Words =
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
        "盛",
        "新",
        "联",
        "金",
        "科",
        "通",
        "源",
        "隆",
        "安",
        "捷",
        "力",
        "精",
        "诚",
        "远",
        "嘉",
        "德",
    ];
    private static readonly (string Industry, string Suffix)[] Industries =
    [
        ("汽车零部件", "汽车部件"),
        ("电子制造", "电子科技"),
        ("塑料制品", "塑业"),
        ("五金机械", "五金制品"),
        ("食品饮料", "食品"),
        ("包装印刷", "包装材料"),
        ("新能源", "新能源科技"),
        ("医疗器械", "医疗器械"),
        ("家电制造", "电器"),
        ("金属加工", "精密机械"),
    ];
    private static readonly string[] Surnames =
    [
        "王",
        "李",
        "张",
        "刘",
        "陈",
        "杨",
        "黄",
        "赵",
        "周",
        "吴",
        "徐",
        "孙",
        "马",
        "朱",
        "胡",
        "郭",
        "何",
        "林",
        "罗",
        "高",
    ];
    private static readonly string[] Given =
    [
        "伟",
        "芳",
        "娜",
        "敏",
        "静",
        "强",
        "磊",
        "洋",
        "艳",
        "勇",
        "军",
        "杰",
        "涛",
        "明",
        "超",
        "秀英",
        "建华",
        "志强",
        "海燕",
        "晓东",
    ];
    private static readonly string[] Titles =
    [
        "总经理",
        "设备部经理",
        "采购经理",
        "生产总监",
        "财务经理",
        "设备工程师",
        "车间主任",
        "技术总监",
    ];
    private static readonly string[] Personalities = ["严谨型", "急躁型", "务实型", "谨慎型", "健谈型", ""];
    private static readonly string[] Summaries =
    [
        "电话回访设备运行情况，客户反馈稳定。",
        "拜访设备部，了解明年扩产计划，可能新增两台。",
        "客户询问保养套餐价格，已发报价。",
        "微信沟通备件交期，客户希望一周内到货。",
        "技术交流会：介绍新一代伺服系统节能方案。",
        "年度合作回顾会议，客户对响应速度满意。",
        "客户抱怨上次维修等待时间长，已向服务经理反馈。",
        "发送设备操作培训资料。",
        "采购经理更换，拜访新负责人建立联系。",
        "跟进二期项目招标进度。",
    ];

    /// <summary>Names the demo has given out: a company is typed twice only on purpose (see the seeder's duplicates).</summary>
    private readonly HashSet<string> _names = new(takenNames ?? [], StringComparer.Ordinal);

    /// <summary>Serial numbers per model are unique in the database; at a hundred thousand machines random ones collide.</summary>
    private readonly HashSet<(Guid, string)> _serials = [.. takenSerials ?? []];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    /// <summary>
    /// The next customer. <paramref name="contacts"/> and <paramref name="machines"/> fix how many it gets
    /// (the benchmark's totals); left out, the demo's mix applies: one to four people, a fleet by tier.
    /// </summary>
    public Party Next(Guid? id = null, Guid? dealerId = null, int? contacts = null, int? machines = null)
    {
        var (province, cities) = Regions[rng.Next(Regions.Length)];
        var city = cities[rng.Next(cities.Length)];
        var (industry, suffix) = Industries[rng.Next(Industries.Length)];
        string name;
        var tries = 0;
        do name = $"{city}{Words[rng.Next(Words.Length)]}{Words[rng.Next(Words.Length)]}{suffix}有限公司";
        while (!_names.Add(name) && ++tries < 50);
        var dealer =
            province is "四川" or "重庆" ? dealers.ElementAtOrDefault(0)
            : province == "辽宁" ? dealers.ElementAtOrDefault(1)
            : province == "河南" ? dealers.ElementAtOrDefault(2)
            : null;
        var created = now.AddDays(-rng.Next(60, 1500));
        var customer = new Customer
        {
            Id = id ?? Guid.CreateVersion7(),
            Name = name,
            MatchKey = Text.MatchKey(name),
            CreditCode = Credit(province),
            Industry = industry,
            Province = province,
            City = city,
            Address = $"{city}市{Words[rng.Next(Words.Length)]}{Words[rng.Next(Words.Length)]}路{rng.Next(1, 999)}号",
            Phone = $"0{rng.Next(10, 999)}-{rng.Next(1000_0000, 9999_9999)}",
            Tier = rng.NextDouble() switch
            {
                < 0.06 => CustomerTier.Strategic,
                < 0.26 => CustomerTier.Key,
                _ => CustomerTier.Normal,
            },
            Status = rng.NextDouble() switch
            {
                < 0.08 => CustomerStatus.Prospect,
                < 0.85 => CustomerStatus.Active,
                < 0.95 => CustomerStatus.Dormant,
                _ => CustomerStatus.Lost,
            },
            OwnerId = sales.Count > 0 && dealer is null ? sales[rng.Next(sales.Count)] : null,
            DealerId = dealerId ?? dealer?.Id,
            Tags = Customer.JoinTags(
                new[] { rng.Next(4) == 0 ? "复购" : "", rng.Next(6) == 0 ? "价格敏感" : "", rng.Next(8) == 0 ? "标杆客户" : "" }
            ),
            CreatedAtUtc = created,
        };
        var party = new Party(customer, [], [], [], []);
        var people = contacts ?? rng.Next(1, 5);
        for (var c = 0; c < people; c++)
        {
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                Name = Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)],
                Title = Titles[rng.Next(Titles.Length)],
                Mobile = $"1{rng.Next(3, 9)}{rng.Next(100000000, 999999999)}",
                Role = (DecisionRole)rng.Next(5),
                Personality = Personalities[rng.Next(Personalities.Length)],
                IsPrimary = c == 0,
                CreatedAtUtc = created.AddDays(rng.Next(0, 30)),
            };
            contact.Email = $"{contact.Mobile}@example.cn";
            party.Contacts.Add(contact);
        }
        var fleet = machines
            ?? (
                customer.Status == CustomerStatus.Prospect
                    ? 0
                    : customer.Tier switch
                    {
                        CustomerTier.Strategic => rng.Next(6, 15),
                        CustomerTier.Key => rng.Next(3, 7),
                        _ => rng.Next(1, 3),
                    }
            );
        for (var m = 0; m < fleet && products.Count > 0; m++)
        {
            var model = products[rng.Next(products.Count)];
            var installed = DateOnly.FromDateTime(created.AddDays(rng.Next(10, Math.Max(11, (int)(now - created).TotalDays))));
            var hours = Math.Round((now - installed.ToDateTime(TimeOnly.MinValue)).TotalDays * rng.Next(8, 20));
            string serial;
            do serial = $"{model.Code[3..]}-{installed:yyMM}-{rng.Next(10000, 99999)}";
            while (!_serials.Add((model.Id, serial)));
            var machine = new Machine
            {
                Id = Guid.CreateVersion7(),
                SerialNumber = serial,
                ProductId = model.Id,
                CustomerId = customer.Id,
                SiteName = $"{(m % 3) + 1}号车间",
                SiteAddress = customer.Address,
                Latitude = 22 + rng.NextDouble() * 18,
                Longitude = 104 + rng.NextDouble() * 18,
                InstalledOn = installed,
                CommissionedOn = installed.AddDays(rng.Next(1, 8)),
                WarrantyEndsOn = installed.AddMonths(model.WarrantyMonths),
                Status = rng.NextDouble() switch
                {
                    < 0.9 => MachineStatus.Running,
                    < 0.95 => MachineStatus.UnderRepair,
                    < 0.98 => MachineStatus.Down,
                    _ => MachineStatus.Scrapped,
                },
                QrToken = EquipmentService.NewToken(),
                LastReadingHours = hours,
                CreatedAtUtc = installed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                Configuration = model.Category == "注塑机" ? "伺服泵 + 机械手接口 + 模温机接口" : "",
            };
            party.Machines.Add(machine);
            // Four readings a month apart at the machine's pace, so maintenance by running hours has a rate to date from.
            var perDay = hours / Math.Max(1, (now - installed.ToDateTime(TimeOnly.MinValue)).TotalDays);
            var last = now.AddDays(-rng.Next(1, 20));
            for (var r = 3; r >= 0; r--)
                if (r == 0 || DateOnly.FromDateTime(last.AddDays(-30 * r)) > installed)
                    party.Readings.Add(
                        new MeterReading
                        {
                            Id = Guid.CreateVersion7(),
                            MachineId = machine.Id,
                            Hours = Math.Max(0, Math.Round(hours - perDay * 30 * r)),
                            ReadAtUtc = last.AddDays(-30 * r),
                            RecordedById = engineer,
                        }
                    );
        }
        // Two years of follow-ups, fewer for dormant and lost customers so the follow-up views have something to show.
        var touches = customer.Status switch
        {
            CustomerStatus.Active => rng.Next(2, 10),
            CustomerStatus.Prospect => rng.Next(1, 4),
            _ => rng.Next(0, 2),
        };
        for (var a = 0; a < touches && customer.OwnerId is { } owner && party.Contacts.Count > 0; a++)
        {
            var at = now.AddDays(-rng.Next(1, customer.Status == CustomerStatus.Active ? 400 : 720)).AddMinutes(rng.Next(0, 600));
            party.Activities.Add(
                new Activity
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = customer.Id,
                    ContactId = party.Contacts[rng.Next(party.Contacts.Count)].Id,
                    Type = (ActivityType)rng.Next(5),
                    AtUtc = at,
                    Summary = Summaries[rng.Next(Summaries.Length)],
                    AuthorId = owner,
                    NextFollowUpOn = a == 0 && rng.Next(3) == 0 ? DateOnly.FromDateTime(now.AddDays(rng.Next(1, 30))) : null,
                }
            );
        }
        return party;
    }

    /// <summary>A well-formed 统一社会信用代码 for an enterprise in the province: 91 + area code + random body + check character.</summary>
    private string Credit(string province)
    {
        var area = province switch
        {
            "江苏" => "32",
            "浙江" => "33",
            "上海" => "31",
            "广东" => "44",
            "山东" => "37",
            "河北" => "13",
            "四川" => "51",
            "湖北" => "42",
            "安徽" => "34",
            "福建" => "35",
            "天津" => "12",
            "重庆" => "50",
            "河南" => "41",
            "辽宁" => "21",
            _ => "61",
        };
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body =
            "91"
            + area
            + rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)
            + new string([.. Enumerable.Range(0, 9).Select(_ => alphabet[rng.Next(alphabet.Length)])]);
        return body + CreditCode.CheckCharacter(body);
    }
#pragma warning restore CA5394
}
