using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Demo;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Service.Demo;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Sla;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Bench;

/// <summary>
/// Grows a seeded demo database to benchmark scale: at scale 1, 20,000 customers, 60,000 contacts,
/// 100,000 machines, 5,000 parts, 1,000,000 work orders and 2,000,000 stock movements: those the
/// orders' repairs cause and the stock keepers' transfers beside them. Every record comes from the demo seeder's own builders: customers
/// with their contacts,
/// machines, readings and follow-ups from <see cref="DemoCustomers"/>, parts from the demo's catalogue,
/// orders with their transitions, SLA outcomes, visits, costs, surveys and call-backs from
/// <see cref="ServiceHistory"/>, and the parts they use from <see cref="DemoStock"/>, which replays
/// the warehouses around them (purchases, transfers to vans, issues, returns). So the benchmark measures the
/// data the demo shows, only more of it. Rows are written in bulk by <see cref="BulkWriter"/>. The first
/// new customer runs a fleet of hundreds, so the customer 360 page has a worst case to render.
/// </summary>
internal static class Generator
{
#pragma warning disable CA5394 // benchmark data: a fixed-seed generator is the point
    public static async Task<int> RunAsync(string provider, string connectionString, double scale)
    {
        var settings = new DatabaseSettings(Enum.Parse<DatabaseProvider>(provider, true), connectionString);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        settings.Apply(builder);
        var options = builder.Options;
        AppDbContext Db() => new(options);
        var total = Stopwatch.StartNew();
        var rng = new Random(1_000_000);
        var now = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
        int Target(int full) => (int)Math.Round(full * scale);

        List<Product> products;
        List<Dealer> dealers;
        List<Guid> sales;
        Guid? engineer;
        List<string> names;
        List<(Guid, string)> serials;
        List<SlaPolicy> policies;
        int haveCustomers,
            haveContacts,
            haveMachines,
            haveParts,
            haveOrders,
            haveMovements;
        await using (var db = Db())
        {
            products = await db.Set<Product>().AsNoTracking().OrderBy(p => p.Code).ToListAsync();
            dealers = await db.Set<Dealer>().AsNoTracking().OrderBy(d => d.Id != DemoParties.DealerId).ThenBy(d => d.Id).ToListAsync();
            sales = await db.ActiveInRoles(Roles.Sales, Roles.SalesManager).Select(u => u.Id).ToListAsync();
            engineer = await db.Users.Where(u => u.Email == "engineer@steadfast.local").Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            names = await db.Set<Customer>().Select(c => c.Name).ToListAsync();
            serials =
            [
                .. (await db.Set<Machine>().Select(m => new { m.ProductId, m.SerialNumber }).ToListAsync()).Select(m =>
                    (m.ProductId, m.SerialNumber)
                ),
            ];
            policies = await db.Set<SlaPolicy>().AsNoTracking().ToListAsync();
            (haveCustomers, haveContacts, haveMachines) = (
                names.Count,
                await db.Set<Contact>().CountAsync(),
                await db.Set<Machine>().CountAsync()
            );
            (haveParts, haveOrders, haveMovements) = (
                await db.Set<Part>().CountAsync(),
                await db.Set<WorkOrder>().CountAsync(),
                await db.Set<StockMovement>().CountAsync()
            );
            if (products.Count == 0 || !await db.Set<Warehouse>().AnyAsync() || !await db.Set<EngineerProfile>().AnyAsync())
            {
                Console.Error.WriteLine("seed the demo first (seed-demo)");
                return 1;
            }
        }

        // Customers with exactly the contacts and machines the totals call for: three people each, the first a fleet of hundreds.
        var newCustomers = Math.Max(0, Target(20_000) - haveCustomers);
        var newMachines = Math.Max(0, Target(100_000) - haveMachines);
        var contactsPer = newCustomers == 0 ? 0 : Math.Max(0, Target(60_000) - haveContacts) / (double)newCustomers;
        var fleets = new int[newCustomers];
        var big = Math.Min(newMachines / 10, 400);
        for (var i = 0; i < newMachines && newCustomers > 0; i++)
            fleets[i < big ? 0 : rng.Next(newCustomers)]++;
        var parties = new DemoCustomers(rng, now, products, dealers, sales, engineer, names, serials);
        var party = Enumerable
            .Range(0, newCustomers)
            .Select(i => parties.Next(contacts: (int)(contactsPer * (i + 1)) - (int)(contactsPer * i), machines: fleets[i]))
            .ToList();
        Guid? bigOwner = party.Count > 0 ? party[0].Customer.Id : null;
        long contactRows,
            machineRows;
        await using (var db = Db())
        {
            Console.WriteLine($"  customers: {await BulkWriter.WriteAsync(db, party.Select(p => p.Customer)):N0}");
            contactRows = await BulkWriter.WriteAsync(db, party.SelectMany(p => p.Contacts));
            machineRows = await BulkWriter.WriteAsync(db, party.SelectMany(p => p.Machines));
            await BulkWriter.WriteAsync(db, party.SelectMany(p => p.Readings));
            var activities = await BulkWriter.WriteAsync(db, party.SelectMany(p => p.Activities));
            Console.WriteLine(
                $"  {contactRows:N0} contacts, {machineRows:N0} machines, {activities:N0} follow-ups ({total.Elapsed.TotalSeconds:F0} s)"
            );
        }
        party.Clear();

        // More sizes of the demo's catalogue, numbered on from its parts.
        var newParts = Math.Max(0, Target(5_000) - haveParts);
        await using (var db = Db())
        {
            var directory = Directory(db);
            var sizes = (newParts + InventoryDemo.PartsPerSize - 1) / InventoryDemo.PartsPerSize;
            var catalogue = InventoryDemo
                .Catalogue(await directory.ProductsAsync(default), rng, 10, 10 + sizes, haveParts)
                .Take(newParts)
                .ToList();
            await BulkWriter.WriteAsync(db, catalogue.Select(c => c.Part));
            await BulkWriter.WriteAsync(db, catalogue.SelectMany(c => c.Fits));
            Console.WriteLine($"  parts: {catalogue.Count:N0}");
        }

        // Work orders over three years, 0.5 % of them on the big customer's fleet; repairs draw their parts from the vans.
        var orderCount = Math.Max(0, Target(1_000_000) - haveOrders);
        IndexSuspension suspended;
        await using (var db = Db())
            suspended = await IndexSuspension.DropAsync(db, "WorkOrders", "WorkOrderEvents", "StockMovements");
        Console.WriteLine($"  {suspended.Count} indexes on work orders, their events and stock movements dropped for the load");
        // SQLite's work-order search index is kept by triggers: they skip while a TextIndexDeferral row exists, and the
        // index is built in one pass after the load, as an import does.
        await using (var db = Db())
            if (db.IsSqlite)
                await db.Database.ExecuteSqlRawAsync("""INSERT INTO "TextIndexDeferral" DEFAULT VALUES""");
        ServiceHistory history;
        List<ServiceHistory.Machine> fleet;
        await using var stockDb = Db();
        var stock = new DemoStock(stockDb);
        await stock.ContinueAsync(now, rng, "B", default);
        await using (var db = Db())
        {
            var calendar = await BusinessCalendar.LoadAsync(db, default);
            var zone =
                await db.Company.Select(c => c.TimeZoneId).SingleOrDefaultAsync() is { } tz
                && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var z)
                    ? z
                    : TimeZoneInfo.Utc;
            var profiles = await db.Set<EngineerProfile>().AsNoTracking().ToListAsync();
            var staff = profiles
                .Select(p => new ServiceHistory.Engineer(p.UserId, p.Regions.Split(','), p.Skills.Split(','), p.HourlyRate))
                .ToList();
            var dispatcher = await db
                .Users.Where(u => u.Email == "dispatcher@steadfast.local")
                .Select(u => (Guid?)u.Id)
                .FirstOrDefaultAsync();
            history = new ServiceHistory(calendar, zone, policies, staff, dispatcher, now, rng);
            fleet = await ServiceHistory.MachinesAsync(Directory(db), default);
        }
        var bigFleet = fleet.Where(m => m.CustomerId == bigOwner).ToList();
        var useParts = ServiceHistory.PartsFrom(stock);
        const int chunk = 50_000;
        long events = 0,
            visits = 0,
            surveys = 0,
            callbacks = 0,
            breaches = 0;
        // The demo seeder's own history builder, over three years instead of two; oldest first, so rework points back.
        var times = history.ReportTimes(orderCount, 3 * 365);
        for (var done = 0; done < orderCount; done += chunk)
        {
            var batch = new List<ServiceHistory.Written>(chunk);
            for (var i = done; i < Math.Min(orderCount, done + chunk); i++)
            {
                var m = bigFleet.Count > 0 && rng.Next(200) == 0 ? bigFleet[rng.Next(bigFleet.Count)] : fleet[rng.Next(fleet.Count)];
                batch.Add(history.Next(m, times[i], $"WB-{history.LocalDay(times[i]):yyMMdd}-{i:0000000}", useParts));
                stock.KeepPace(i + 1, m.Province, times[i]);
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
        Console.WriteLine(
            $"  {visits:N0} visits, {surveys:N0} surveys, {callbacks:N0} call-backs, {breaches:N0} SLA breaches, "
                + $"{history.Reworked.Count:N0} orders reworked ({total.Elapsed.TotalSeconds:F0} s)"
        );

        var (movements, transfers, stockOuts, balances) = stock.Written();
        await using (var db = Db())
        {
            var moved = 0L;
            foreach (var slice in movements.Chunk(200_000))
            {
                moved += await BulkWriter.WriteAsync(db, slice);
                Console.WriteLine($"  stock movements: {moved:N0} ({total.Elapsed.TotalSeconds:F0} s)");
            }
            await BulkWriter.WriteAsync(db, transfers);
            await BulkWriter.WriteAsync(db, transfers.SelectMany(t => t.Lines));
            await BulkWriter.WriteAsync(db, stockOuts);
            // Balances are rewritten whole as the sums of every movement, the demo's included.
            await db.Set<StockBalance>().ExecuteDeleteAsync();
            await BulkWriter.WriteAsync(db, balances);
            Console.WriteLine($"  {transfers.Count:N0} transfers to vans, {stockOuts.Count:N0} stock-outs");
            await suspended.RestoreAsync(db);
            if (db.IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync("""DELETE FROM "TextIndexDeferral" """);
                await db.Database.ExecuteSqlRawAsync("""INSERT INTO "WorkOrderText"("WorkOrderText") VALUES ('rebuild')""");
            }
            Console.WriteLine($"  indexes built again ({total.Elapsed.TotalSeconds:F0} s)");
            // As autovacuum would have by the time a database holds this much: statistics, and on PostgreSQL the visibility map index-only
            // scans need.
            await db.Database.ExecuteSqlRawAsync(settings.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
        }
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"RESULT generate_seconds={total.Elapsed.TotalSeconds:F0} customers={haveCustomers + newCustomers} "
                    + $"contacts={haveContacts + contactRows} machines={haveMachines + machineRows} "
                    + $"work_orders={haveOrders + orderCount} transitions={events} "
                    + $"stock_movements={haveMovements + movements.Count} parts={haveParts + newParts}"
            )
        );
        return 0;
    }
#pragma warning restore CA5394

    /// <summary>
    /// The customer module's directory, for the queries the demo seeders make through it; its scope is never consulted for them.
    /// </summary>
    private static CustomerDirectory Directory(AppDbContext db) =>
        new(db, new CustomerScope(db, new CurrentActor(new HttpContextAccessor()), new ConfigurationBuilder().Build()));
}
