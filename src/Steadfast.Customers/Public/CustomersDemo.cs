using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
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

    private static readonly (string Code, string Name, string Category, int Warranty, int? Days, int? Hours)[] Models =
    [
        ("HL-IM160", "HL-160T 伺服注塑机", "注塑机", 12, 90, 1000),
        ("HL-IM280", "HL-280T 伺服注塑机", "注塑机", 12, 90, 1000),
        ("HL-IM450", "HL-450T 二板注塑机", "注塑机", 18, 90, 1000),
        ("HL-CNC850", "VMC-850 立式加工中心", "加工中心", 12, 180, 2000),
        ("HL-CNC1160", "VMC-1160 立式加工中心", "加工中心", 12, 180, 2000),
        ("HL-LC500", "LC-500 数控车床", "数控车床", 12, 180, 2000),
        ("HL-LS3015", "LS-3015 光纤激光切割机", "激光切割", 24, 60, 800),
        ("HL-PB100", "PB-100 数控折弯机", "折弯机", 12, 180, 1500),
        ("HL-AC37", "AC-37 螺杆空压机", "空压机", 24, 120, 2000),
        ("HL-CH20", "CH-20 冷水机", "辅机", 12, 180, null),
        ("HL-DR50", "DR-50 干燥机", "辅机", 12, 180, null),
        ("HL-RB6", "RB-6 六轴机器人", "机器人", 18, 365, 4000),
    ];

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<Customer>().AnyAsync(ct))
            return "customers already present";
        var rng = new Random(20261127);
        var now = clock.GetUtcNow().UtcDateTime;
        var sales = await db
            .Users.Where(u =>
                db.UserRoles.Any(ur =>
                    ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Sales || r.Name == Roles.SalesManager))
                )
            )
            .Select(u => u.Id)
            .ToListAsync(ct);
        var engineer = await db.Users.Where(u => u.Email == "engineer@steadfast.local").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);

        var products = Models
            .Select(m => new Product
            {
                Id = Guid.CreateVersion7(),
                Code = m.Code,
                Name = m.Name,
                Category = m.Category,
                WarrantyMonths = m.Warranty,
                MaintenanceDays = m.Days,
                MaintenanceHours = m.Hours,
            })
            .ToList();
        db.AddRange(products);
        var dealers = new List<Dealer>
        {
            new()
            {
                Id = DemoParties.DealerId,
                Name = "成都川机设备贸易有限公司",
                Region = "四川 重庆",
                Phone = "028-8765-4321",
            },
            new()
            {
                Id = Guid.CreateVersion7(),
                Name = "沈阳北方机电销售有限公司",
                Region = "辽宁",
                Phone = "024-2233-4455",
            },
            new()
            {
                Id = Guid.CreateVersion7(),
                Name = "郑州中原工业设备有限公司",
                Region = "河南",
                Phone = "0371-6655-7788",
            },
        };
        db.AddRange(dealers);
        await db.SaveChangesAsync(ct);

        var count = Math.Max(12, (int)(1200 * scale));
        var builder = new DemoCustomers(rng, now, products, dealers, sales, engineer);
        var (machines, contacts, activities) = (0, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var party = builder.Next(i == 0 ? DemoParties.CustomerId : null, i == 1 ? DemoParties.DealerId : null);
            db.Add(party.Customer);
            db.AddRange(party.Contacts);
            db.AddRange(party.Machines);
            db.AddRange(party.Readings);
            db.AddRange(party.Activities);
            (contacts, machines, activities) = (
                contacts + party.Contacts.Count,
                machines + party.Machines.Count,
                activities + party.Activities.Count
            );
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
            db.Add(
                new Customer
                {
                    Id = Guid.CreateVersion7(),
                    Name = copyName,
                    MatchKey = Text.MatchKey(copyName),
                    Industry = originals[d].Industry,
                    Province = originals[d].Province,
                    City = originals[d].City,
                    Status = CustomerStatus.Active,
                    OwnerId = originals[d].OwnerId,
                    CreatedAtUtc = now.AddDays(-rng.Next(1, 60)),
                }
            );
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{products.Count} models, {dealers.Count} dealers, {count} customers, {contacts} contacts, {machines} machines, "
                + $"{activities} follow-ups"
        );
    }

#pragma warning restore CA5394
}
