using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Equipment;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Orders;

namespace Steadfast.Bench;

/// <summary>
/// Issue #25's scenarios on a seeded demo grown to 200,000 leads, 20,000 opportunities and 500,000 sales orders (three
/// years, one line each): the pipeline board and the forecast through the API, beside one opportunity by id; then an ECN
/// on one model carried by 500 open orders and 5,000 machines, published through the API, beside writing its draft.
/// </summary>
internal static class SalesBench
{
#pragma warning disable CA5394 // benchmark data: a fixed-seed generator is the point
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, api) = await SeededBench.ConnectAsync(args);
        using var http = api;
        var model = await (
            await http.PostAsJsonAsync(
                "/api/v1/products",
                new
                {
                    code = "BENCH-ECN",
                    name = "基准测试机型",
                    category = "注塑机",
                    warrantyMonths = 12,
                }
            )
        ).Content.ReadFromJsonAsync<JsonElement>();
        var modelId = model.GetProperty("id").GetGuid();

        var generate = Stopwatch.StartNew();
        await using (var db = new AppDbContext(options))
            await GenerateAsync(db, modelId);
        Console.WriteLine($"generated in {generate.Elapsed.TotalSeconds:F0} s");
        await Timings.QuietAsync();

        var one = (await http.GetFromJsonAsync<JsonElement>("/api/v1/opportunities?pageSize=1"))
            .GetProperty("items")[0]
            .GetProperty("id")
            .GetString();
        async Task Get(string path) => (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var (board, byId) = await Timings.SideBySideAsync(
            () => Get("/api/v1/opportunities/board"),
            () => Get($"/api/v1/opportunities/{one}"),
            40
        );
        var (forecast, _) = await Timings.SideBySideAsync(
            () => Get("/api/v1/opportunities/forecast?months=6"),
            () => Get($"/api/v1/opportunities/{one}"),
            40
        );
        SeededBench.Row("pipeline board, 200,000 leads / 500,000 orders", board, byId, "one opportunity by id", 300);
        SeededBench.Row("forecast, 6 months ahead and 3 back", forecast, byId, "one opportunity by id", 300);

        var draft = Stopwatch.StartNew();
        var ecn = await (
            await http.PostAsJsonAsync(
                "/api/v1/ecns",
                new
                {
                    number = "ECN-BENCH-1",
                    title = "基准：主轴冷却改独立水冷",
                    productIds = new[] { modelId },
                    effectiveOn = "2027-01-01",
                }
            )
        ).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var draftMs = draft.Elapsed.TotalMilliseconds;
        var publish = Stopwatch.StartNew();
        var published = await (
            await http.PostAsJsonAsync(
                $"/api/v1/ecns/{ecn.GetProperty("id").GetString()}/publish",
                new { version = ecn.GetProperty("version").GetInt64() }
            )
        )
            .EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var publishMs = publish.Elapsed.TotalMilliseconds;
        var counts = published.GetProperty("counts");
        int Count(string name) => counts.GetProperty(name).GetInt32();
        var verdict = publishMs < 5000 ? "met" : "MISSED";
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"RESULT ecn_publish_ms={publishMs:F0} draft_ms={draftMs:F0} ratio={publishMs / draftMs:F1} "
                    + $"machines={Count("machines")} orders={Count("orders")} customers={Count("customers")} target=5000ms {verdict}"
            )
        );
        return 0;
    }

    private static async Task GenerateAsync(AppDbContext db, Guid modelId)
    {
        var rng = new Random(25);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var customers = await db.Set<Customers.Customers.Customer>().AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync();
        var products = await db.Set<Customers.Products.Product>().AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync();
        var reps = await db.ActiveInRoles(Roles.Sales, Roles.SalesManager).Select(u => new { u.Id, u.TeamId }).ToListAsync();
        var stages = await db.Set<OpportunityStage>().AsNoTracking().OrderBy(s => s.Order).ToListAsync();

        var leads = Enumerable
            .Range(0, 200_000)
            .Select(i =>
            {
                var created = now.AddMinutes(-rng.Next(365 * 24 * 60));
                var rep = reps[rng.Next(reps.Count)];
                return new Lead
                {
                    Id = Guid.CreateVersion7(created),
                    Number = $"BL-{i:0000000}",
                    Source = (LeadSource)rng.Next(6),
                    Status = (LeadStatus)rng.Next(4),
                    CompanyName = $"基准线索公司{i}",
                    MatchKey = $"基准线索公司{i}",
                    ContactName = "张经理",
                    Phone = $"139{i:00000000}",
                    PhoneKey = $"139{i:00000000}",
                    Province = "江苏",
                    OwnerId = rep.Id,
                    AssignedAtUtc = created,
                    FirstContactAtUtc = created.AddHours(3),
                    CreatedAtUtc = created,
                };
            });
        Console.WriteLine($"leads {await BulkWriter.WriteAsync(db, leads)}");

        var opportunities = new List<Opportunity>();
        var oppLines = new List<OpportunityLine>();
        for (var i = 0; i < 20_000; i++)
        {
            var stage = stages[rng.Next(stages.Count)];
            var customer = customers[rng.Next(customers.Count)];
            var product = products[rng.Next(products.Count)];
            var rep = reps[rng.Next(reps.Count)];
            var created = now.AddDays(-rng.Next(365));
            var amount = (long)rng.Next(10_000, 2_000_000) * 100;
            var o = new Opportunity
            {
                Id = Guid.CreateVersion7(created),
                Number = $"BOP-{i:0000000}",
                Title = $"{product.Name} 采购",
                CustomerId = customer.Id,
                CustomerName = customer.Name,
                StageId = stage.Id,
                Status = stage.Kind,
                Probability = stage.Probability,
                Amount = amount,
                ExpectedCloseOn = today.AddDays(rng.Next(-200, 180)),
                OwnerId = rep.Id,
                TeamId = rep.TeamId,
                Province = "江苏",
                CreatedAtUtc = created,
                AssignedAtUtc = created,
                FirstContactAtUtc = created.AddHours(2),
                ClosedAtUtc = stage.Kind == StageKind.Open ? null : created.AddDays(rng.Next(1, 60)),
                LostReason = stage.Kind == StageKind.Lost ? "价格" : "",
            };
            opportunities.Add(o);
            oppLines.Add(
                new OpportunityLine
                {
                    Id = Guid.CreateVersion7(),
                    OpportunityId = o.Id,
                    ProductId = product.Id,
                    Description = product.Name,
                    Quantity = 1,
                    UnitPrice = amount,
                    Amount = amount,
                }
            );
        }
        Console.WriteLine(
            $"opportunities {await BulkWriter.WriteAsync(db, opportunities)} lines {await BulkWriter.WriteAsync(db, oppLines)}"
        );

        // 500,000 orders over three years; 500 of them open and carrying the ECN's model.
        for (var batch = 0; batch < 5; batch++)
        {
            var orders = new List<SalesOrder>(100_000);
            var lines = new List<SalesOrderLine>(100_000);
            for (var j = 0; j < 100_000; j++)
            {
                var i = batch * 100_000 + j;
                var ecn = i % 1000 == 0;
                var customer = customers[rng.Next(customers.Count)];
                var product = ecn ? new { Id = modelId, Name = "基准测试机型" } : products[rng.Next(products.Count)];
                var amount = (long)rng.Next(5_000, 900_000) * 100;
                var on = today.AddDays(-rng.Next(3 * 365));
                var o = new SalesOrder
                {
                    Id = Guid.CreateVersion7(),
                    Number = $"BSO-{i:0000000}",
                    CustomerId = customer.Id,
                    CustomerName = customer.Name,
                    OrderedOn = on,
                    Status = ecn ? SalesOrderStatus.Open : SalesOrderStatus.Delivered,
                    Amount = amount,
                    OwnerId = reps[rng.Next(reps.Count)].Id,
                    CreatedAtUtc = on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                };
                orders.Add(o);
                lines.Add(
                    new SalesOrderLine
                    {
                        Id = Guid.CreateVersion7(),
                        SalesOrderId = o.Id,
                        ProductId = product.Id,
                        Description = product.Name,
                        Quantity = 1,
                        UnitPrice = amount,
                        Amount = amount,
                    }
                );
            }
            await BulkWriter.WriteAsync(db, orders);
            await BulkWriter.WriteAsync(db, lines);
        }
        Console.WriteLine("orders 500000");

        var machines = Enumerable
            .Range(0, 5_000)
            .Select(i => new Machine
            {
                Id = Guid.CreateVersion7(),
                SerialNumber = $"BENCH{i:000000}",
                ProductId = modelId,
                CustomerId = customers[i % customers.Count].Id,
                SiteName = "1号车间",
                InstalledOn = today.AddDays(-rng.Next(1000)),
                Status = MachineStatus.Running,
                QrToken = Guid.NewGuid().ToString("N"),
                CreatedAtUtc = now,
            });
        Console.WriteLine($"machines {await BulkWriter.WriteAsync(db, machines)}");
        // Both engines plan from fresh statistics after a bulk load, as they would after a restore.
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
#pragma warning restore CA5394
}
