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
/// A million work orders: times what the desk and the dashboard ask of the API, on data from
/// <see cref="Generator"/> (bench/workorders.sh).
/// Each figure is the median of several calls, printed beside a one-row lookup measured the same way.
/// </summary>
internal static class WorkOrderBench
{
    public static async Task<int> QueryAsync(string baseUrl, string email, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var token = await (
            await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password })
        ).Content.ReadFromJsonAsync<JsonElement>();
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
            (
                "one customer's orders",
                $"/api/v1/work-orders?customerId={first.GetProperty("items")[0].GetProperty("customerId").GetString()}&pageSize=25"
            ),
            ("search by number fragment", "/api/v1/work-orders?q=WB-2611&pageSize=25"),
            ("dashboard, 90 days", "/api/v1/service/kpis?from=2026-08-30&to=2026-11-27"),
            ("dashboard, 12 months", "/api/v1/service/kpis?from=2025-11-28&to=2026-11-27"),
            ("dashboard, 12 months, one region", "/api/v1/service/kpis?from=2025-11-28&to=2026-11-27&region=%E6%B1%9F%E8%8B%8F"),
        ];
        foreach (var (name, url) in cases)
        {
            // The first call is reported too: the dashboard's later calls within a minute are served from its cache.
            var (cold, ms) = await MedianAsync(http, url);
            Console.WriteLine(
                $"RESULT case=\"{name}\" first_ms={cold:F1} median_ms={ms:F1} first_ratio={cold / baseline:F1} ratio={ms / baseline:F1}"
            );
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
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (i == 0)
                firstCall = clock.Elapsed.TotalMilliseconds; // the first call also compiles the query
            else
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (firstCall, times[times.Count / 2]);
    }
}
