using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Steadfast.Customers.Public;
using Steadfast.Platform.Audit;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;
using Steadfast.Platform.Company;
using Steadfast.Service.Demo;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Sla;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Bench;

/// <summary>
/// Grows a seeded demo database to benchmark scale: at scale 1, 20,000 customers, 60,000 contacts,
/// 100,000 machines, 5,000 parts, 1,000,000 work orders and 2,000,000 stock movements whose balances
/// are their sums. The orders, with their transitions, SLA outcomes, visits, costs, surveys and
/// call-backs, come from the demo seeder's own <see cref="ServiceHistory"/>, so the benchmark measures
/// the data the demo shows, only more of it. Rows are the app's own entities, written by
/// <see cref="BulkWriter"/>. One customer (the first) carries thousands of orders, so the customer 360
/// page has a worst case to render.
/// </summary>
internal static class Generator
{
    private static readonly string[] Provinces = ["江苏", "浙江", "上海", "广东", "山东", "河北", "四川", "湖北", "安徽", "福建", "天津", "重庆", "河南", "辽宁", "陕西"];
    private static readonly string[] Words = ["恒", "鑫", "华", "正", "泰", "丰", "瑞", "达", "宏", "盛", "新", "联", "金", "科", "通", "源", "隆", "安", "捷", "力"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
    private static readonly string[] Categories = ["液压", "主轴", "电气", "注射", "刀库", "数控系统"];

    private sealed record Model(Guid Id, string Category, int WarrantyMonths);
    private sealed record Order(Guid Id, string Number, Guid CustomerId, Guid MachineId, Guid ProductId, string Region, DateTime At, bool Warranty);

    public static async Task<int> RunAsync(string provider, string connectionString, double scale)
    {
        var settings = new DatabaseSettings(Enum.Parse<DatabaseProvider>(provider, true), connectionString);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        settings.Apply(builder);
        var options = builder.Options;
        AppDbContext Db() => new(options, ModelCatalog.Parts);
        var total = Stopwatch.StartNew();
        var rng = new Random(1_000_000);
        var now = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
        int Target(int full) => (int)Math.Round(full * scale);

        List<Model> models;
        List<(Guid Id, Guid? Keeper, bool Central)> warehouses;
        List<Guid> engineers;
        List<SlaPolicy> policies;
        int haveCustomers, haveContacts, haveMachines, haveParts, haveOrders, haveMovements;
        await using (var db = Db())
        {
            models = await db.Set<Product>().Select(p => new Model(p.Id, p.Category, p.WarrantyMonths)).ToListAsync();
            warehouses = [.. (await db.Set<Warehouse>().Select(w => new { w.Id, w.KeeperId, w.Kind }).ToListAsync()).Select(w => (w.Id, w.KeeperId, w.Kind == WarehouseKind.Central))];
            engineers = [.. warehouses.Where(w => w.Keeper is not null && !w.Central).Select(w => w.Keeper!.Value)];
            policies = await db.Set<SlaPolicy>().AsNoTracking().ToListAsync();
            (haveCustomers, haveContacts, haveMachines) = (await db.Set<Customer>().CountAsync(), await db.Set<Contact>().CountAsync(), await db.Set<Machine>().CountAsync());
            (haveParts, haveOrders, haveMovements) = (await db.Set<Part>().CountAsync(), await db.Set<WorkOrder>().CountAsync(), await db.Set<StockMovement>().CountAsync());
        }
        if (models.Count == 0 || warehouses.Count == 0 || engineers.Count == 0) { Console.Error.WriteLine("seed the demo first (seed-demo)"); return 1; }

        // Customers, three contacts each, and machines: five on average, the first customer a fleet of hundreds.
        var customers = new List<(Guid Id, string Province, int Tier)>();
        var machines = new List<(Guid Id, Guid CustomerId, Model Model, string Province, DateOnly WarrantyEnds, int Tier)>();
        await using (var db = Db())
        {
            // The demo's own customers and machines take orders too.
            var byId = models.ToDictionary(m => m.Id);
            var existing = await (from m in db.Set<Machine>() join c in db.Set<Customer>() on m.CustomerId equals c.Id
                                  select new { m.Id, m.CustomerId, m.ProductId, c.Province, c.Tier, m.WarrantyEndsOn }).ToListAsync();
            machines.AddRange(existing.Select(m => (m.Id, m.CustomerId, byId[m.ProductId], m.Province, m.WarrantyEndsOn ?? DateOnly.MinValue, (int)m.Tier)));
        }
        var newCustomers = Math.Max(0, Target(20_000) - haveCustomers);
        var newMachines = Math.Max(0, Target(100_000) - haveMachines);
        var contactRows = 0L;
        var contactsPer = newCustomers == 0 ? 0 : Math.Max(0, Target(60_000) - haveContacts) / (double)newCustomers;
        await using (var db = Db())
        {
            var cs = new List<Customer>(newCustomers);
            for (var i = 0; i < newCustomers; i++)
            {
                var province = Provinces[i % Provinces.Length];
                var name = $"{province}{Words[rng.Next(Words.Length)]}{Words[rng.Next(Words.Length)]}基准{i:000000}机械有限公司";
                var body = "9132" + Base31(i, 13);
                var c = new Customer
                {
                    Id = Guid.CreateVersion7(), Name = name, MatchKey = Text.MatchKey(name), CreditCode = body + CreditCode.CheckCharacter(body), Industry = "机械制造",
                    Province = province, City = province + "市", Address = $"{province}市工业园{rng.Next(1, 999)}号", Phone = $"0512-{rng.Next(10_000_000, 99_999_999)}",
                    Tier = (CustomerTier)(i == 0 ? 2 : rng.Next(10) switch { 0 => 2, < 4 => 1, _ => 0 }), Status = CustomerStatus.Active, CreatedAtUtc = now.AddDays(-rng.Next(60, 1500)),
                };
                cs.Add(c);
                customers.Add((c.Id, province, (int)c.Tier));
            }
            Console.WriteLine($"  customers: {await BulkWriter.WriteAsync(db, cs):N0}");
            var contacts = cs.SelectMany((c, i) => Enumerable.Range(0, (int)(contactsPer * (i + 1)) - (int)(contactsPer * i)).Select(k => new Contact
            {
                Id = Guid.CreateVersion7(), CustomerId = c.Id, Name = Surnames[(i + k) % Surnames.Length] + "工", Title = k == 0 ? "设备部经理" : "设备工程师",
                Mobile = $"139{(i * 4 + k) % 100_000_000:00000000}", IsPrimary = k == 0, CreatedAtUtc = c.CreatedAtUtc,
            }));
            contactRows = await BulkWriter.WriteAsync(db, contacts);
            Console.WriteLine($"  contacts: {contactRows:N0}");
            var big = Math.Min(newMachines / 10, 400);
            var ms = new List<Machine>(newMachines);
            for (var i = 0; i < newMachines && customers.Count > 0; i++)
            {
                var owner = i < big ? customers[0] : customers[rng.Next(customers.Count)];
                var model = models[rng.Next(models.Count)];
                var installed = DateOnly.FromDateTime(now.AddDays(-rng.Next(30, 1800)));
                var m = new Machine
                {
                    Id = Guid.CreateVersion7(), SerialNumber = $"BM-{i:0000000}", ProductId = model.Id, CustomerId = owner.Id, SiteName = $"{i % 5 + 1}号车间",
                    InstalledOn = installed, WarrantyEndsOn = installed.AddMonths(model.WarrantyMonths), Status = MachineStatus.Running,
                    QrToken = $"bq{i:0000000}{rng.Next():x8}", CreatedAtUtc = installed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    Latitude = 22 + rng.NextDouble() * 18, Longitude = 104 + rng.NextDouble() * 18,
                };
                ms.Add(m);
                machines.Add((m.Id, owner.Id, model, owner.Province, installed.AddMonths(model.WarrantyMonths), owner.Tier));
            }
            Console.WriteLine($"  machines: {await BulkWriter.WriteAsync(db, ms):N0} ({total.Elapsed.TotalSeconds:F0} s)");
        }

        // Parts, each fitting one or two models (a fifth fit everything).
        var parts = new List<(Guid Id, long Cost)>();
        await using (var db = Db())
        {
            parts.AddRange((await db.Set<Part>().Select(p => new { p.Id, p.UnitCost }).ToListAsync()).Select(p => (p.Id, p.UnitCost)));
            var ps = Enumerable.Range(0, Math.Max(0, Target(5_000) - haveParts)).Select(i => new Part
            {
                Id = Guid.CreateVersion7(), Number = $"BP-{i:000000}", Name = $"{Categories[i % Categories.Length]}备件 {i}", Specification = $"规格 {rng.Next(10, 999)}",
                UnitCost = rng.Next(5, 5000) * 100, SalePrice = 0, ReorderPoint = rng.Next(0, 10), ReorderQuantity = 20,
            }).ToList();
            foreach (var p in ps) { p.SalePrice = p.UnitCost * 3 / 2; parts.Add((p.Id, p.UnitCost)); }
            await BulkWriter.WriteAsync(db, ps);
            await BulkWriter.WriteAsync(db, ps.Where((_, i) => i % 5 != 0).Select(p => new PartProduct { PartId = p.Id, ProductId = models[rng.Next(models.Count)].Id }));
            Console.WriteLine($"  parts: {ps.Count:N0}");
        }

        // Work orders over three years with their transitions; 0.5 % of them on the big customer's fleet.
        var orderCount = Math.Max(0, Target(1_000_000) - haveOrders);
        IndexSuspension suspended;
        await using (var db = Db())
            suspended = await IndexSuspension.DropAsync(db, "WorkOrders", "WorkOrderEvents", "StockMovements");
        Console.WriteLine($"  {suspended.Count} indexes on work orders, their events and stock movements dropped for the load");
        var orders = new List<Order>(orderCount);
        ServiceHistory history;
        List<ServiceHistory.Machine> fleet;
        await using (var db = Db())
        {
            var calendar = await BusinessCalendar.LoadAsync(db, default);
            var zone = await db.Company.Select(c => c.TimeZoneId).SingleOrDefaultAsync() is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var z) ? z : TimeZoneInfo.Utc;
            var profiles = await db.Set<EngineerProfile>().AsNoTracking().ToListAsync();
            var staff = profiles.Select(p => new ServiceHistory.Engineer(p.UserId, p.Regions.Split(','), p.Skills.Split(','), p.HourlyRate)).ToList();
            var dispatcher = await db.Users.Where(u => u.Email == "dispatcher@steadfast.local").Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            history = new ServiceHistory(calendar, zone, policies, staff, dispatcher, now, rng);
            // The demo seeder's own query, through a directory whose scope is never consulted for it.
            var directory = new CustomerDirectory(db, new CustomerScope(db, new CurrentActor(new HttpContextAccessor()), new ConfigurationBuilder().Build()));
            fleet = await ServiceHistory.MachinesAsync(directory, default);
        }
        var bigOwner = customers.Count > 0 ? customers[0].Id : machines[0].CustomerId;
        var bigFleet = fleet.Where(m => m.CustomerId == bigOwner).ToList();
        const int chunk = 50_000;
        long events = 0, visits = 0, surveys = 0, callbacks = 0, breaches = 0;
        // The demo seeder's own history builder, over three years instead of two; oldest first, so rework points back.
        var times = history.ReportTimes(orderCount, 3 * 365);
        for (var done = 0; done < orderCount; done += chunk)
        {
            var batch = new List<ServiceHistory.Written>(chunk);
            for (var i = done; i < Math.Min(orderCount, done + chunk); i++)
            {
                var m = bigFleet.Count > 0 && rng.Next(200) == 0 ? bigFleet[rng.Next(bigFleet.Count)] : fleet[rng.Next(fleet.Count)];
                var w = history.Next(m, times[i], $"WB-{history.LocalDay(times[i]):yyMMdd}-{i:0000000}", parts: null);
                batch.Add(w);
                orders.Add(new Order(w.Order.Id, w.Order.Number, w.Order.CustomerId, m.Id, m.ProductId, w.Order.Region, w.Order.ReportedAtUtc, w.Order.InWarranty));
            }
            await using var db = Db();
            await BulkWriter.WriteAsync(db, batch.Select(w => w.Order));
            events += await BulkWriter.WriteAsync(db, batch.SelectMany(w => w.Events));
            visits += await BulkWriter.WriteAsync(db, batch.SelectMany(w => w.Visits));
            surveys += await BulkWriter.WriteAsync(db, batch.Where(w => w.Survey is not null).Select(w => w.Survey!));
            callbacks += await BulkWriter.WriteAsync(db, batch.Where(w => w.Callback is not null).Select(w => w.Callback!));
            breaches += await BulkWriter.WriteAsync(db, batch.SelectMany(w => w.Breaches));
            Console.WriteLine($"  work orders: {done + batch.Count:N0} ({events:N0} transitions, {total.Elapsed.TotalSeconds:F0} s)");
        }
        await using (var db = Db())
            await ServiceDemo.MarkReworkedAsync(db, history.Reworked, default);
        Console.WriteLine($"  {visits:N0} visits, {surveys:N0} surveys, {callbacks:N0} call-backs, {breaches:N0} SLA breaches, {history.Reworked.Count:N0} orders reworked ({total.Elapsed.TotalSeconds:F0} s)");

        // Stock: purchases into central stores, top-ups to vans, and issues to the orders above.
        var movementCount = Math.Max(0, Target(2_000_000) - haveMovements);
        var balances = new Dictionary<(Guid Part, Guid Warehouse), (long Quantity, long Value, DateTime Last)>();
        await using (var db = Db())
            foreach (var b in await db.Set<StockBalance>().AsNoTracking().ToListAsync())
                balances[(b.PartId, b.WarehouseId)] = (b.Quantity, b.Value, b.LastMovementAtUtc ?? now);
        var centrals = warehouses.Where(w => w.Central).Select(w => w.Id).ToList();
        var vans = warehouses.Where(w => !w.Central).ToList();
        IEnumerable<StockMovement> Movements()
        {
            var written = 0;
            var sorted = orders.Count > 0 ? orders : [];
            while (written < movementCount)
            {
                var (partId, cost) = parts[rng.Next(parts.Count)];
                var central = centrals[rng.Next(centrals.Count)];
                var van = vans[rng.Next(vans.Count)];
                var at = now.AddMinutes(-rng.Next(0, 3 * 365 * 24 * 60));
                var qty = rng.Next(2, 12);
                // Receive, transfer out, transfer in, then issue what went to the van: balances never go negative.
                foreach (var mv in new[]
                {
                    Move(MovementKind.Receive, partId, central, qty, qty * cost, at),
                    Move(MovementKind.TransferOut, partId, central, -qty, -qty * cost, at.AddHours(1)),
                    Move(MovementKind.TransferIn, partId, van.Id, qty, qty * cost, at.AddHours(20)),
                })
                {
                    if (written++ >= movementCount) yield break;
                    yield return mv;
                }
                var issues = Math.Min(qty, rng.Next(1, 4));
                for (var k = 0; k < issues; k++)
                {
                    if (written++ >= movementCount) yield break;
                    var mv = Move(MovementKind.Issue, partId, van.Id, -1, -cost, at.AddDays(rng.Next(2, 30)));
                    if (sorted.Count > 0)
                    {
                        var o = sorted[rng.Next(sorted.Count)];
                        (mv.WorkOrderId, mv.WorkOrderNumber, mv.CustomerId, mv.MachineId, mv.ProductId, mv.Region, mv.Billable) = (o.Id, o.Number, o.CustomerId, o.MachineId, o.ProductId, o.Region, !o.Warranty);
                    }
                    mv.ActorId = van.Keeper;
                    yield return mv;
                }
            }
        }
        StockMovement Move(MovementKind kind, Guid part, Guid warehouse, long quantity, long value, DateTime at)
        {
            var key = (part, warehouse);
            var b = balances.TryGetValue(key, out var x) ? x : (0, 0, at);
            balances[key] = (b.Item1 + quantity, b.Item2 + value, at > b.Item3 ? at : b.Item3);
            return new StockMovement { Id = Guid.CreateVersion7(), AtUtc = at, Kind = kind, PartId = part, WarehouseId = warehouse, Quantity = quantity, Value = value, ActorName = "基准" };
        }
        await using (var db = Db())
        {
            var moved = 0L;
            foreach (var slice in Movements().Chunk(200_000))
            {
                moved += await BulkWriter.WriteAsync(db, slice);
                Console.WriteLine($"  stock movements: {moved:N0} ({total.Elapsed.TotalSeconds:F0} s)");
            }
            // Balances are rewritten whole as the sums of every movement, the demo's included.
            await db.Set<StockBalance>().ExecuteDeleteAsync();
            await BulkWriter.WriteAsync(db, balances.Select(kv => new StockBalance { PartId = kv.Key.Part, WarehouseId = kv.Key.Warehouse, Quantity = kv.Value.Quantity, Value = kv.Value.Value, LastMovementAtUtc = kv.Value.Last }));
            await suspended.RestoreAsync(db);
            Console.WriteLine($"  indexes built again ({total.Elapsed.TotalSeconds:F0} s)");
            // As autovacuum would have by the time a database holds this much: statistics, and on PostgreSQL the visibility map index-only scans need.
            await db.Database.ExecuteSqlRawAsync(settings.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT generate_seconds={total.Elapsed.TotalSeconds:F0} customers={haveCustomers + newCustomers} contacts={haveContacts + contactRows} machines={machines.Count} work_orders={haveOrders + orderCount} transitions={events} stock_movements={haveMovements + movementCount} parts={parts.Count}"));
        return 0;
    }

    /// <summary>A distinct upper-case string per number, from the credit-code alphabet.</summary>
    private static string Base31(int n, int width)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--) { chars[i] = alphabet[n % 31]; n /= 31; }
        return new string(chars);
    }
}
