using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Equipment;
using Steadfast.Platform.Data;
using Steadfast.Service.Maintenance;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Bench;

/// <summary>
/// Issue #27's scenarios on a seeded demo grown by 100,000 machines with plans (two tasks each), 200,000 past preventive
/// orders carrying 1,000,000 done visit items, and 500,000 part fittings: the due list for the next 30 days, a part's life
/// statistics and the replace-soon list through the API, each beside reading one machine by id.
/// </summary>
internal static class MaintenanceBench
{
    private const int Machines = 100_000;
    private const int Orders = 200_000;
    private const int ItemsPerOrder = 5;

#pragma warning disable CA5394 // benchmark data: a fixed-seed generator is the point
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, api) = await SeededBench.ConnectAsync(args);
        using var http = api;
        var generate = System.Diagnostics.Stopwatch.StartNew();
        Guid part;
        await using (var db = new AppDbContext(options))
            part = await GenerateAsync(db);
        Console.WriteLine($"generated in {generate.Elapsed.TotalSeconds:F0} s");
        await Timings.QuietAsync();

        var machine = (await http.GetFromJsonAsync<JsonElement>("/api/v1/equipment?pageSize=1"))
            .GetProperty("items")[0]
            .GetProperty("id")
            .GetString();
        async Task Get(string path) => (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var (due, byId) = await Timings.SideBySideAsync(
            () => Get("/api/v1/maintenance/due?days=30&pageSize=50"),
            () => Get($"/api/v1/equipment/{machine}"),
            30
        );
        var (life, _) = await Timings.SideBySideAsync(
            () => Get($"/api/v1/maintenance/part-life/{part}"),
            () => Get($"/api/v1/equipment/{machine}"),
            30
        );
        var (soon, _) = await Timings.SideBySideAsync(
            () => Get("/api/v1/maintenance/replace-soon?days=60&pageSize=50"),
            () => Get($"/api/v1/equipment/{machine}"),
            30
        );
        SeededBench.Row("maintenance due in the next 30 days (count and first page)", due, byId, "one machine by id", 2000);
        SeededBench.Row("a part's life statistics", life, byId, "one machine by id", 300);
        SeededBench.Row("replace-soon list, 60 days (count and first page)", soon, byId, "one machine by id", 500);
        return 0;
    }

    /// <summary>Writes the rows in bulk and answers the part with the most observed lives.</summary>
    private static async Task<Guid> GenerateAsync(AppDbContext db)
    {
        var rng = new Random(27);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var customers = await db.Set<Customers.Customers.Customer>().AsNoTracking().Select(c => new { c.Id, c.Province }).ToListAsync();
        var products = await db.Set<Customers.Products.Product>().AsNoTracking().Select(p => new { p.Id, p.Category }).ToListAsync();
        var parts = await db.Set<Inventory.Parts.Part>().AsNoTracking().OrderBy(p => p.Number).Select(p => p.Id).Take(40).ToListAsync();
        var machines = Enumerable
            .Range(0, Machines)
            .Select(i =>
            {
                var c = customers[rng.Next(customers.Count)];
                return new Machine
                {
                    Id = Guid.CreateVersion7(),
                    SerialNumber = $"BENCHM{i:000000}",
                    ProductId = products[rng.Next(products.Count)].Id,
                    CustomerId = c.Id,
                    SiteName = "1号车间",
                    SiteAddress = $"{c.Province}工业园{i % 7}号",
                    InstalledOn = today.AddDays(-rng.Next(400, 1500)),
                    Status = MachineStatus.Running,
                    QrToken = Guid.NewGuid().ToString("N"),
                    CreatedAtUtc = now,
                };
            })
            .ToList();
        Console.WriteLine($"machines {await BulkWriter.WriteAsync(db, machines)}");
        var plans = machines
            .Select(m => new MachinePlan
            {
                Id = Guid.CreateVersion7(),
                MachineId = m.Id,
                ProductId = m.ProductId,
                CustomerId = m.CustomerId,
                HoursPerDay = 8 + rng.NextDouble() * 12,
                RateReadings = 4,
                LastHours = rng.Next(2000, 20000),
                LastReadOn = today.AddDays(-rng.Next(1, 30)),
                CreatedAtUtc = now,
            })
            .ToList();
        Console.WriteLine($"plans {await BulkWriter.WriteAsync(db, plans)}");
        CheckItem[] checklist = [new("c1", "外观无渗漏", CheckKind.PassFail), new("c2", "液压油温", CheckKind.Measure, "℃", 30, 55)];
        var tasks = plans
            .SelectMany(p =>
                new[]
                {
                    new PlanTask
                    {
                        Id = Guid.CreateVersion7(),
                        PlanId = p.Id,
                        MachineId = p.MachineId,
                        CustomerId = p.CustomerId,
                        Name = "例行保养",
                        EveryDays = 90,
                        Checklist = [.. checklist],
                        BaseOn = today.AddYears(-2),
                        LastDoneOn = today.AddDays(-rng.Next(0, 110)),
                        NextDueOn = today.AddDays(rng.Next(-20, 91)),
                        Position = 0,
                    },
                    new PlanTask
                    {
                        Id = Guid.CreateVersion7(),
                        PlanId = p.Id,
                        MachineId = p.MachineId,
                        CustomerId = p.CustomerId,
                        Name = "运行小时保养",
                        EveryHours = 1000,
                        Checklist = [.. checklist],
                        BaseOn = today.AddYears(-2),
                        NextDueOn = today.AddDays(rng.Next(-10, 121)),
                        NextDueHours = p.LastHours + rng.Next(0, 1000),
                        DueBy = DueBasis.Hours,
                        Position = 1,
                    },
                }
            )
            .ToList();
        Console.WriteLine($"tasks {await BulkWriter.WriteAsync(db, tasks)}");

        // Two years of preventive orders, five tasks each.
        var written = 0L;
        for (var start = 0; start < Orders; start += 20_000)
        {
            var orders = new List<WorkOrder>();
            var items = new List<VisitItem>();
            for (var i = start; i < start + 20_000; i++)
            {
                var m = machines[rng.Next(machines.Count)];
                var day = today.AddDays(-rng.Next(1, 730));
                var at = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
                var order = new WorkOrder
                {
                    Id = Guid.CreateVersion7(),
                    Number = $"BM-{i:0000000}",
                    Type = WorkOrderType.Maintenance,
                    Severity = Severity.Question,
                    Source = WorkOrderSource.Preventive,
                    Status = WorkOrderStatus.Closed,
                    CustomerId = m.CustomerId,
                    MachineId = m.Id,
                    ContactName = "设备部",
                    ContactPhone = "13800000000",
                    FaultDescription = "计划保养上门",
                    Category = "预防性保养",
                    ReportedAtUtc = at.AddDays(-14),
                    ReportedDay = WorkOrderService.Day(day.AddDays(-14)),
                    ResolvedAtUtc = at.AddHours(3),
                    ClosedAtUtc = at.AddHours(4),
                    TrackingToken = Guid.NewGuid().ToString("N"),
                    SurveyToken = Guid.NewGuid().ToString("N"),
                };
                orders.Add(order);
                for (var k = 0; k < ItemsPerOrder; k++)
                {
                    var task = tasks[rng.Next(tasks.Count)];
                    var done = rng.NextDouble() < 0.9;
                    items.Add(
                        new VisitItem
                        {
                            Id = Guid.CreateVersion7(),
                            WorkOrderId = order.Id,
                            PlanTaskId = task.Id,
                            MachineId = task.MachineId,
                            CustomerId = task.CustomerId,
                            Region = "江苏",
                            ProductCategory = "注塑机",
                            Name = task.Name,
                            DueOn = day.AddDays(rng.Next(-5, 15)),
                            Checklist = task.Checklist,
                            Outcome = done ? ItemOutcome.Done : ItemOutcome.Skipped,
                            DoneOn = done ? day : null,
                            OnTime = done ? rng.NextDouble() < 0.85 : null,
                        }
                    );
                }
            }
            await BulkWriter.WriteAsync(db, orders);
            written += await BulkWriter.WriteAsync(db, items);
        }
        Console.WriteLine($"preventive orders {Orders}, visit items {written}");

        // Five fittings a machine over its life: four replaced, the last on the machine with its expected end.
        var fittings = new List<PartFitting>();
        foreach (var m in machines)
        {
            var from = m.InstalledOn!.Value;
            for (var k = 0; k < 5; k++)
            {
                var p = parts[(int)(Math.Abs(m.Id.GetHashCode() % 8) + k * 8) % parts.Count];
                var days = rng.Next(120, 400);
                from = from.AddDays(days / 3);
                fittings.Add(
                    new PartFitting
                    {
                        Id = Guid.CreateVersion7(),
                        PartId = p,
                        MachineId = m.Id,
                        ProductId = m.ProductId,
                        CustomerId = m.CustomerId,
                        Quantity = 1,
                        FittedOn = from,
                        ReplacedLifeDays = days,
                        ReplacedLifeHours = days * 12,
                        BeforeFailure = rng.NextDouble() < 0.3,
                        RemovedOn = k < 4 ? from.AddDays(days) : null,
                        ExpectedEndOn = k < 4 ? null : today.AddDays(rng.Next(-30, 365)),
                    }
                );
            }
        }
        Console.WriteLine($"fittings {await BulkWriter.WriteAsync(db, fittings)}");
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        return fittings.GroupBy(f => f.PartId).OrderByDescending(g => g.Count()).First().Key;
    }
}
