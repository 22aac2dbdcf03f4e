using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Bench;

/// <summary>
/// A million work orders: bulk-loads them beside the demo data (straight through EF, no audit rows: this
/// is test data, not business changes), then times what the desk and the dashboard ask of the API.
/// Each figure is the median of several calls, printed beside a one-row lookup measured the same way.
/// </summary>
internal static class WorkOrderBench
{
    private sealed record MachineRow(Guid Id, Guid CustomerId, string Province, string Category);

    public static async Task<int> LoadAsync(string provider, string connectionString, int count)
    {
        var settings = new DatabaseSettings(Enum.Parse<DatabaseProvider>(provider, true), connectionString);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        settings.Apply(builder);
        var options = builder.Options;
        List<MachineRow> machines;
        await using (var db = new AppDbContext(options, ModelCatalog.Parts))
            machines = await db.Database.SqlQuery<MachineRow>($"""
                SELECT m."Id", m."CustomerId", c."Province", p."Category" FROM "Equipment" m
                JOIN "Customers" c ON c."Id" = m."CustomerId" JOIN "Products" p ON p."Id" = m."ProductId"
                """).ToListAsync();
        if (machines.Count == 0) { Console.Error.WriteLine("no machines: seed the demo first"); return 1; }
        var rng = new Random(1_000_000);
        var clock = Stopwatch.StartNew();
        var end = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
        string[] categories = ["液压", "主轴", "电气", "注射", "刀库", "数控系统", ""];
        const int batch = 20_000;
        for (var done = 0; done < count; done += batch)
        {
            await using var db = new AppDbContext(options, ModelCatalog.Parts);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var m = machines[rng.Next(machines.Count)];
                var reported = end.AddMinutes(-rng.Next(0, 3 * 365 * 24 * 60));
                var day = DateOnly.FromDateTime(reported.AddHours(8));
                var closed = reported < end.AddDays(-10) || rng.NextDouble() < 0.5;
                var minutes = rng.Next(60, 5000);
                var status = closed ? WorkOrderStatus.Closed : (WorkOrderStatus)rng.Next(0, 7);
                db.Add(new WorkOrder
                {
                    Id = Guid.CreateVersion7(), Number = $"WB-{day:yyMMdd}-{i:0000000}", Type = (WorkOrderType)(rng.Next(10) < 7 ? 0 : rng.Next(1, 6)),
                    Status = status, Severity = (Severity)rng.Next(0, 3), Source = (WorkOrderSource)rng.Next(0, 6), CustomerId = m.CustomerId, MachineId = m.Id,
                    ContactName = "基准", ContactPhone = $"138{rng.Next(10_000_000, 99_999_999)}", FaultDescription = "基准测试工单：设备报警停机",
                    Category = categories[rng.Next(categories.Length)], Region = m.Province, ProductCategory = m.Category, CustomerTier = rng.Next(0, 3),
                    InWarranty = rng.Next(2) == 0, ReportedAtUtc = reported, ReportedDay = WorkOrderService.Day(day),
                    AssigneeId = null, FirstResponseAtUtc = reported.AddMinutes(rng.Next(5, 120)), FirstResponseMinutes = rng.Next(5, 120),
                    ArrivedAtUtc = status >= WorkOrderStatus.OnSite ? reported.AddMinutes(minutes / 2) : null,
                    ResolvedAtUtc = status >= WorkOrderStatus.Resolved ? reported.AddMinutes(minutes) : null, ResolutionMinutes = status >= WorkOrderStatus.Resolved ? minutes : null,
                    ClosedAtUtc = closed ? reported.AddMinutes(minutes + 600) : null, VisitCount = rng.Next(1, 3), LabourHours = rng.Next(1, 9), LabourCost = rng.Next(100, 2000) * 100,
                    FirstResponseBreached = rng.Next(20) == 0, ArrivalBreached = rng.Next(20) == 0, ResolutionBreached = rng.Next(25) == 0,
                    TrackingToken = $"bench-{i:000000000}-{rng.Next():x8}", SurveyToken = $"benchs-{i:000000000}",
                });
            }
            await db.SaveChangesAsync();
            if ((done / batch) % 10 == 0) Console.WriteLine($"  {done + batch:N0} orders loaded, {clock.Elapsed.TotalSeconds:F0} s");
        }
        Console.WriteLine($"loaded {count:N0} work orders in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    public static async Task<int> QueryAsync(string baseUrl, string email, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        var first = await http.GetFromJsonAsync<JsonElement>("/api/v1/work-orders?pageSize=1&open=false");
        var total = first.GetProperty("total").GetInt32();
        var id = first.GetProperty("items")[0].GetProperty("id").GetString();
        Console.WriteLine($"{total:N0} work orders on record");

        var (_, baseline) = await MedianAsync(http, $"/api/v1/work-orders/{id}");
        Console.WriteLine($"baseline: one order by id, median {baseline:F1} ms");
        (string Name, string Url)[] cases =
        [
            ("desk: open orders, first page", "/api/v1/work-orders?open=true&pageSize=25"),
            ("all orders, first page", "/api/v1/work-orders?pageSize=25"),
            ("closed in 江苏, page 200", "/api/v1/work-orders?status=Closed&region=%E6%B1%9F%E8%8B%8F&page=200&pageSize=25"),
            ("SLA breached, first page", "/api/v1/work-orders?sla=Breached&pageSize=25"),
            ("one customer's orders", $"/api/v1/work-orders?customerId={first.GetProperty("items")[0].GetProperty("customerId").GetString()}&pageSize=25"),
            ("search by number fragment", "/api/v1/work-orders?q=WB-2611&pageSize=25"),
            ("dashboard, 90 days", "/api/v1/service/kpis?from=2026-08-30&to=2026-11-27"),
            ("dashboard, 12 months", "/api/v1/service/kpis?from=2025-11-28&to=2026-11-27"),
            ("dashboard, 12 months, one region", "/api/v1/service/kpis?from=2025-11-28&to=2026-11-27&region=%E6%B1%9F%E8%8B%8F"),
        ];
        foreach (var (name, url) in cases)
        {
            // The first call is reported too: the dashboard's later calls within a minute are served from its cache.
            var (cold, ms) = await MedianAsync(http, url);
            Console.WriteLine($"RESULT case=\"{name}\" first_ms={cold:F1} median_ms={ms:F1} first_ratio={cold / baseline:F1} ratio={ms / baseline:F1}");
        }
        return 0;
    }

    private static async Task<(double First, double Median)> MedianAsync(HttpClient http, string url, int runs = 7)
    {
        var times = new List<double>();
        var firstCall = 0.0;
        for (var i = 0; i < runs + 1; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (i == 0) firstCall = clock.Elapsed.TotalMilliseconds; // the first call also compiles the query
            else times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (firstCall, times[times.Count / 2]);
    }
}
