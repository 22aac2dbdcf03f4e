using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;

namespace Steadfast.Inventory.Demo;

/// <summary>
/// A believable parts catalogue: a few hundred parts per product family (bearings, seals, sensors,
/// filters, boards…), most fitting the models of their family and some universal; three central
/// warehouses and a van for every engineer. The movements come with the service history (<see cref="Public.DemoStock"/>).
/// </summary>
internal sealed class InventoryDemo(AppDbContext db, CustomerDirectory customers) : IDemoSeeder
{
    public int Order => 15;

    internal static readonly (string Code, string Name, string Region)[] Centrals =
    [
        ("WH-SH", "上海总仓", "上海"),
        ("WH-GZ", "广州华南仓", "广东"),
        ("WH-CD", "成都西南仓", "四川"),
    ];

    private static readonly Dictionary<string, (string Name, string Spec, string Unit, int Cost, bool Serial)[]> Families = new(
        StringComparer.Ordinal
    )
    {
        ["注塑机"] =
        [
            ("止逆环", "Φ{0}mm 氮化钢", "件", 680, false),
            ("液压油滤芯", "{0}μm 回油", "件", 210, false),
            ("伺服驱动器", "{0}kW", "台", 9800, true),
            ("编码器线缆", "{0}m 屏蔽", "根", 260, false),
            ("加热圈", "Φ{0}mm 220V", "件", 180, false),
            ("导柱铜套", "Φ{0}mm", "件", 420, false),
            ("冷却器", "{0}L/min 板式", "台", 3200, true),
        ],
        ["加工中心"] =
        [
            ("主轴轴承", "7014C P4 DB {0}", "套", 4600, true),
            ("刀库定位传感器", "M{0} 接近开关", "个", 320, false),
            ("伺服放大器模块", "{0}A", "台", 12800, true),
            ("拉刀碟簧", "BT{0}", "组", 380, false),
            ("防护罩风琴", "{0}mm", "件", 900, false),
        ],
        ["数控车床"] =
        [
            ("油缸密封件包", "Φ{0}mm 卡盘缸", "包", 260, false),
            ("刀塔刹车片", "{0}#", "片", 340, false),
            ("卡爪", "{0}寸 软爪", "套", 520, false),
        ],
        ["激光切割"] =
        [
            ("保护镜片", "D{0}×5 石英", "片", 95, false),
            ("切割喷嘴", "单层 {0}mm", "个", 38, false),
            ("陶瓷环", "{0}# 切割头", "个", 160, false),
            ("电容调高传感器", "{0} 型", "个", 2400, true),
        ],
        ["折弯机"] = [("比例阀", "DN{0}", "件", 5600, true), ("滑块导轨", "{0}mm", "件", 1300, false)],
        ["空压机"] =
        [
            ("油分芯", "{0}m³ 机型", "件", 560, false),
            ("空气滤芯", "{0}m³ 机型", "件", 180, false),
            ("压力传感器", "0-{0}bar", "个", 650, true),
        ],
        ["辅机"] =
        [
            ("加热管", "{0}kW", "根", 220, false),
            ("冷媒 R410A", "{0}kg 罐", "罐", 480, false),
            ("温控表", "{0}路", "个", 380, false),
        ],
        ["机器人"] =
        [
            ("减速机润滑脂", "{0}g", "支", 160, false),
            ("示教器电缆", "{0}m", "根", 1200, false),
            ("谐波减速机", "型号 {0}", "台", 8600, true),
        ],
    };

    /// <summary>How many parts one size adds to the catalogue: one of each item of each family.</summary>
    internal static int PartsPerSize => Families.Values.Sum(items => items.Length);

    private static readonly (string Name, string Spec, string Unit, int Cost)[] Universal =
    [
        ("抗磨液压油 46#", "18L/桶", "桶", 560),
        ("锂基润滑脂", "1kg", "罐", 65),
        ("保险丝", "10A 5×20", "盒", 25),
        ("O 型圈套装", "386 件", "盒", 120),
        ("接近开关", "M12 PNP", "个", 85),
        ("中间继电器", "24VDC", "个", 45),
        ("扎带", "4×200", "包", 12),
        ("生料带", "20m", "卷", 4),
    ];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<Part>().AnyAsync(ct))
            return "parts already present";
        var rng = new Random(20250301);
        var keeper = await db.ActiveInRoles(Roles.Warehouse).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        foreach (var (code, name, region) in Centrals)
            db.Add(
                new Warehouse
                {
                    Id = Guid.CreateVersion7(),
                    Code = code,
                    Name = name,
                    Kind = WarehouseKind.Central,
                    Region = region,
                    KeeperId = keeper,
                }
            );
        var engineers = await db.ActiveInRoles(Roles.Engineer)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(ct);
        var n = 0;
        foreach (var e in engineers)
            db.Add(
                new Warehouse
                {
                    Id = Guid.CreateVersion7(),
                    Code = $"VAN-{++n:00}",
                    Name = $"{e.DisplayName.Split(' ')[0]} 的车载库",
                    Kind = WarehouseKind.Van,
                    KeeperId = e.Id,
                }
            );
        db.Add(new InventorySettings());

        var products = await customers.ProductsAsync(ct);
        var catalogue = Catalogue(products, rng, 0, Math.Max(3, (int)(10 * Math.Min(1, scale * 4))), 0);
        foreach (var (part, fits) in catalogue)
        {
            db.Add(part);
            db.AddRange(fits);
        }
        var number = catalogue.Count;
        foreach (var (name, spec, unit, cost) in Universal)
            db.Add(
                new Part
                {
                    Id = Guid.CreateVersion7(),
                    Number = $"SP-GEN-{++number:0000}",
                    Name = name,
                    Specification = spec,
                    Unit = unit,
                    UnitCost = cost * 100,
                    SalePrice = cost * 160,
                    ReorderPoint = 30,
                    ReorderQuantity = 100,
                }
            );
        await db.SaveChangesAsync(ct);
        return $"{number} parts, {Centrals.Length} warehouses, {engineers.Count} vans";
    }

    /// <summary>
    /// Every part of every family in sizes <paramref name="fromSize"/> up to (not including) <paramref name="toSize"/>,
    /// numbered on from <paramref name="lastNumber"/>; each size fits one or two models of its family, and one
    /// size in ten is discontinued. The demo takes ten sizes; the benchmark takes as many more as reach its 5,000 parts.
    /// </summary>
    internal static List<(Part Part, List<PartProduct> Fits)> Catalogue(
        IReadOnlyList<ProductOption> products,
        Random rng,
        int fromSize,
        int toSize,
        int lastNumber
    )
    {
        var parts = new List<(Part, List<PartProduct>)>();
        foreach (var (family, items) in Families)
        {
            var models = products.Where(p => p.Category == family).ToList();
            foreach (var (name, spec, unit, cost, serial) in items)
                for (var size = fromSize; size < toSize; size++)
                {
                    var value = (size + 2) * (family == "激光切割" ? 10 : 20);
                    var part = new Part
                    {
                        Id = Guid.CreateVersion7(),
                        Number = $"SP-{Prefix(family)}-{++lastNumber:0000}",
                        Name = name,
                        Specification = string.Format(System.Globalization.CultureInfo.InvariantCulture, spec, value),
                        Unit = unit,
                        UnitCost = (long)(cost * 100 * (1 + size * 0.08)),
                        Serialized = serial,
                        IsActive = size % 10 != 9,
                        ReorderPoint =
                            cost < 500 ? 20
                            : cost < 3000 ? 6
                            : 2,
                        ReorderQuantity =
                            cost < 500 ? 60
                            : cost < 3000 ? 12
                            : 3,
                        LifeHours = serial ? 8000 + rng.Next(0, 8) * 1000 : null,
                        LifeDays = !serial && cost < 300 ? 180 : null,
                    };
                    part.SalePrice = part.UnitCost * 16 / 10;
                    var fits = models
                        .OrderBy(_ => rng.Next())
                        .Take(models.Count == 0 ? 0 : rng.Next(1, Math.Min(3, models.Count + 1)))
                        .Select(m => new PartProduct { PartId = part.Id, ProductId = m.Id })
                        .ToList();
                    parts.Add((part, fits));
                }
        }
        return parts;
    }

    private static string Prefix(string family) =>
        family switch
        {
            "注塑机" => "IM",
            "加工中心" => "MC",
            "数控车床" => "TL",
            "激光切割" => "LC",
            "折弯机" => "PB",
            "空压机" => "AC",
            "辅机" => "AX",
            _ => "RB",
        };
}
