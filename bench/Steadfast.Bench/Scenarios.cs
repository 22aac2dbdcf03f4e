using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Platform.Data;
using Steadfast.Service.Dashboard;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Bench;

/// <summary>
/// The issue's scenarios 1–4 and 6–7 against a running server on a generated database, each beside a
/// baseline measured in the same run. Writes one RESULTS.md table row per figure.
/// </summary>
internal static partial class Scenarios
{
    private const string Email = "bench@steadfast.local";
    private const string Password = "Bench12345";

    public static async Task<int> RunAsync(
        string baseUrl,
        string provider,
        string connectionString,
        int serverPid,
        string workDir,
        string reportPath
    )
    {
        var report = new Report(reportPath);
        var settings = new DatabaseSettings(Enum.Parse<DatabaseProvider>(provider, true), connectionString);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        settings.Apply(builder);
        var options = builder.Options;
        AppDbContext Db() => new(options);

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var token = (
            await (
                await http.PostAsJsonAsync("/api/v1/auth/token", new { email = Email, password = Password })
            ).Content.ReadFromJsonAsync<JsonElement>()
        )
            .GetProperty("token")
            .GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await RollupAsync(report, Db);
        var (creates, lua) = await CreatesAsync(report, baseUrl, token, Db, workDir);
        await CreatesWithRulesAsync(report, http, baseUrl, lua, creates);
        Console.WriteLine($"quiet after the creates in {await Timings.QuietAsync():F0} s");
        await ListsAsync(report, http, Db);
        await DashboardAsync(report, http, Db);
        await Customer360Async(report, baseUrl, http, Db);
        await ImportBench.RunAsync(report, http, workDir, 100_000);
        await BrowserAsync(report, baseUrl);
        var rss = PeakRssMegabytes(serverPid);
        report.Row("6. server peak RSS during 1–5 and 7", $"{rss:N0} MB", "", "", "", Report.Verdict(rss < 500, "under 500 MB"));
        return 0;
    }

    // ---------- 0. the dashboard's roll-up, built by the server as it starts ----------

    /// <summary>
    /// Waits for the server's first roll-up of every past month, so it does not run under the creates; reports how long it took.
    /// </summary>
    private static async Task RollupAsync(Report report, Func<AppDbContext> db)
    {
        var clock = Stopwatch.StartNew();
        await using var ctx = db();
        var firstDay = await ctx.Set<WorkOrder>().MinAsync(w => w.ReportedDay);
        var months = KpiRollup.PastMonths(firstDay, TimeProvider.System.GetUtcNow().UtcDateTime).Count;
        int rolled;
        while ((rolled = await ctx.Set<KpiMonth>().CountAsync()) < months && clock.Elapsed < TimeSpan.FromMinutes(5))
            await Task.Delay(250);
        var cells = await ctx.Set<KpiCell>().CountAsync();
        report.Row(
            $"0. dashboard roll-up of {rolled} past months ({cells:N0} cells), built by the server at start-up",
            $"{clock.Elapsed.TotalSeconds:F1} s",
            "after the server first answered",
            "",
            "",
            rolled == months ? "" : $"only {rolled} of {months} months within 5 minutes"
        );
    }

    // ---------- 1. creates over HTTP at 32 connections ----------

    private static async Task<(Load Creates, string Lua)> CreatesAsync(
        Report report,
        string baseUrl,
        string token,
        Func<AppDbContext> db,
        string workDir
    )
    {
        List<(Guid Customer, Guid Machine)> targets;
        await using (var ctx = db())
            targets = (
                await ctx
                    .Database.SqlQuery<MachinePick>(
                        $"""SELECT "Id" AS "MachineId", "CustomerId" FROM "Equipment" ORDER BY "Id" LIMIT 256"""
                    )
                    .ToListAsync()
            )
                .Select(m => (m.CustomerId, m.MachineId))
                .ToList();
        var bodies = targets.Select(t =>
            JsonSerializer.Serialize(
                new
                {
                    customerId = t.Customer,
                    machineId = t.Machine,
                    contactName = "基准",
                    contactPhone = "13800000000",
                    faultDescription = "基准测试：设备报警停机",
                    category = "电气",
                    severity = "degraded",
                }
            )
        );
        var lua = Path.Combine(workDir, "create.lua");
        await File.WriteAllTextAsync(
            lua,
            $$"""
            local bodies = { {{string.Join(",\n", bodies.Select(b => "[==[" + b + "]==]"))}} }
            local n = 0
            request = function()
              n = n + 1
              return wrk.format("POST", "/api/v1/work-orders",
                { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer {{token}}" }, bodies[(n % #bodies) + 1])
            end
            """
        );
        // Each load runs once unmeasured first: the server has just started, and its first requests JIT-compile
        // the handlers and EF's queries (a cold first second put p99 at 260 ms with a single client). The tiered
        // JIT goes on recompiling the hot paths with their profile for about half a minute: after a 5 s warm-up
        // the next 20 s ran 540 creates/s at 3.1 ms of CPU each, the 20 s after those 810–830/s at 1.9 ms.
        await WrkAsync("-t2", "-c32", "-d30s", "-s", lua, baseUrl);
        var creates = await WrkAsync("-t2", "-c32", "-d20s", "--latency", "-s", lua, baseUrl);
        await WrkAsync("-t2", "-c32", "-d3s", "-H", $"Authorization: Bearer {token}", baseUrl.TrimEnd('/') + "/api/v1/me");
        var noop = await WrkAsync(
            "-t2",
            "-c32",
            "-d10s",
            "--latency",
            "-H",
            $"Authorization: Bearer {token}",
            baseUrl.TrimEnd('/') + "/api/v1/me"
        );
        var direct = await DirectInsertsAsync(db, targets, TimeSpan.FromSeconds(10));
        var errors = creates.Errors > 0 ? $", {creates.Errors:N0} not 2xx or over wrk's 2 s timeout" : "";
        report.Row(
            "1. create work order over HTTP, 32 connections (validated, audited, outbox row)",
            $"{creates.PerSecond:N0}/s{errors}",
            $"p50 {Timings.Ms(creates.P50)}, p99 {Timings.Ms(creates.P99)}",
            "",
            "",
            Report.Verdict(
                creates.P99 < 50 && creates.PerSecond >= 1000,
                "p99 < 50 ms and ≥ 1,000/s",
                creates.PerSecond < 1000 ? "throughput short; see the note under the table" : "p99 over 50 ms"
            )
        );
        report.Row(
            "1a. baseline: the same rows by ADO.NET, one transaction each, 32 at once",
            $"{direct.PerSecond:N0}/s",
            $"p50 {Timings.Ms(direct.P50)}, p99 {Timings.Ms(direct.P99)}",
            "",
            $"HTTP creates/s = {Report.Ratio(creates.PerSecond, direct.PerSecond)} × this",
            ""
        );
        report.Row(
            "1b. baseline: authenticated no-op (GET /api/v1/me), 32 connections",
            $"{noop.PerSecond:N0}/s",
            $"p50 {Timings.Ms(noop.P50)}, p99 {Timings.Ms(noop.P99)}",
            "",
            $"HTTP creates/s = {Report.Ratio(creates.PerSecond, noop.PerSecond)} × this",
            ""
        );
        return (creates, lua);
    }

    // ---------- 1c. the same creates with 50 enabled rules listening (issue #24) ----------

    /// <summary>
    /// Fifty enabled rules on work-order creation (conditions that hold for none of these orders, so only the matching cost is
    /// measured, not fifty notifications): the creates must cost at most 20 % more than without. Switched off again after.
    /// </summary>
#pragma warning disable CA1861 // request bodies built once per rule, not in a hot loop
    private static async Task CreatesWithRulesAsync(Report report, HttpClient http, string baseUrl, string lua, Load without)
    {
        var rules = new List<(Guid Id, long Version)>();
        for (var i = 0; i < 50; i++)
        {
            var response = await http.PostAsJsonAsync(
                "/api/v1/automation/rules",
                new
                {
                    name = $"基准规则 {i + 1:00}",
                    recordType = "workorder",
                    enabled = true,
                    definition = new
                    {
                        trigger = new { kind = "created" },
                        conditions = new
                        {
                            items = new object[]
                            {
                                new
                                {
                                    field = "Severity",
                                    op = "equals",
                                    value = "StoppedProduction",
                                },
                                new
                                {
                                    field = "customer.Tier",
                                    op = "equals",
                                    value = "Strategic",
                                },
                                new
                                {
                                    field = "Category",
                                    op = "equals",
                                    value = $"基准类别{i}",
                                },
                            },
                        },
                        actions = new[]
                        {
                            new
                            {
                                kind = "notify",
                                to = new[] { new { kind = "role", value = "ServiceManager" } },
                                channels = new[] { "bell" },
                                textZh = "停产 {Number}",
                            },
                        },
                    },
                }
            );
            response.EnsureSuccessStatusCode();
            var rule = await response.Content.ReadFromJsonAsync<JsonElement>();
            rules.Add((rule.GetProperty("id").GetGuid(), rule.GetProperty("version").GetInt64()));
        }
        await WrkAsync("-t2", "-c32", "-d10s", "-s", lua, baseUrl);
        var with = await WrkAsync("-t2", "-c32", "-d20s", "--latency", "-s", lua, baseUrl);
        var cost = without.PerSecond / with.PerSecond;
        report.Row(
            "1c. the same creates with 50 enabled rules on work-order creation",
            $"{with.PerSecond:N0}/s",
            $"p50 {Timings.Ms(with.P50)}, p99 {Timings.Ms(with.P99)}",
            "",
            $"time per create = {cost:F2} × without rules (1.)",
            Report.Verdict(cost <= 1.2, "≤ 1.2 × without", "over 1.2 ×")
        );
        foreach (var (id, version) in rules)
            (
                await http.PutAsJsonAsync(
                    $"/api/v1/automation/rules/{id}",
                    new
                    {
                        name = "基准规则（停用）",
                        recordType = "workorder",
                        enabled = false,
                        definition = new
                        {
                            trigger = new { kind = "created" },
                            actions = new[]
                            {
                                new
                                {
                                    kind = "notify",
                                    to = new[] { new { kind = "role", value = "ServiceManager" } },
                                    channels = new[] { "bell" },
                                    textZh = "x",
                                },
                            },
                        },
                        version,
                    }
                )
            ).EnsureSuccessStatusCode();
    }
#pragma warning restore CA1861

    // Lists and search have two targets (issue #6): a p99 under 50 ms, and a median at most 1.5 times the hand-written SQL's.
    private static string ListVerdict(Timings api, Timings sql) =>
        Report.Verdict(
            api.P99 < 50 && api.Median <= 1.5 * sql.Median,
            "p99 < 50 ms, ratio ≤ 1.5",
            api.P99 < 50 ? "ratio over 1.5" : "p99 over 50 ms"
        );

    private sealed record MachinePick(Guid MachineId, Guid CustomerId);

    private sealed record Load(double PerSecond, double P50, double P99, long Errors);

    private static async Task<Load> WrkAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("wrk did not start");
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        static double Latency(string output, string pct)
        {
            var m = Regex.Match(output, $@"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success)
                return double.NaN;
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch
            {
                "us" => v / 1000,
                "s" => v * 1000,
                _ => v,
            };
        }
        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        var socket = Regex.Match(output, @"Socket errors:.*timeout (\d+)");
        return new Load(
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Latency(output, "50"),
            Latency(output, "99"),
            (non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
                + (socket.Success ? long.Parse(socket.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
        );
    }

    private static async Task<Load> DirectInsertsAsync(
        Func<AppDbContext> db,
        List<(Guid Customer, Guid Machine)> targets,
        TimeSpan duration
    )
    {
        var times = new ConcurrentBag<double>();
        var stop = TimeProvider.System.GetUtcNow().UtcDateTime + duration;
        var serial = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable
                .Range(0, 32)
                .Select(async worker =>
                {
                    while (TimeProvider.System.GetUtcNow().UtcDateTime < stop)
                    {
                        var i = Interlocked.Increment(ref serial);
                        var (customer, machine) = targets[i % targets.Count];
                        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                        var order = new WorkOrder
                        {
                            Id = Guid.CreateVersion7(),
                            Number = $"WD-{i:00000000}",
                            CustomerId = customer,
                            MachineId = machine,
                            ContactName = "基准",
                            ContactPhone = "13800000000",
                            FaultDescription = "基准测试：设备报警停机",
                            Category = "电气",
                            Severity = Severity.Degraded,
                            ReportedAtUtc = now,
                            ReportedDay = WorkOrderService.Day(DateOnly.FromDateTime(now)),
                            TrackingToken = $"wd{i:00000000}{Guid.NewGuid():N}"[..40],
                            SurveyToken = $"wds{i:00000000}{Guid.NewGuid():N}"[..40],
                        };
                        var started = Stopwatch.StartNew();
                        await using var ctx = db();
                        await BulkWriter.InsertOneAsync(ctx, order);
                        times.Add(started.Elapsed.TotalMilliseconds);
                    }
                })
        );
        var t = Timings.Of([.. times]);
        return new Load(times.Count / clock.Elapsed.TotalSeconds, t.Median, t.P99, 0);
    }

    // ---------- 2. list, filter, search ----------

    private static async Task ListsAsync(Report report, HttpClient http, Func<AppDbContext> db)
    {
        var region = "江苏";
        var (from, to) = (new DateOnly(2024, 11, 28), new DateOnly(2026, 11, 27));
        await using var ctx = db();
        await ctx.Database.OpenConnectionAsync();
        var conn = ctx.Database.GetDbConnection();
        var closed = (int)WorkOrderStatus.Closed;
        foreach (var page in new[] { 1, 2000 })
        {
            var url =
                $"/api/v1/work-orders?status=Closed&region={Uri.EscapeDataString(region)}"
                + $"&reportedFrom={from:yyyy-MM-dd}&reportedTo={to:yyyy-MM-dd}&page={page}&pageSize=20";
            var (api, sql) = await Timings.SideBySideAsync(
                () => GetAsync(http, url),
                async () =>
                {
                    const string where =
                        """ FROM "WorkOrders" WHERE "Status" = @s AND "Region" = @r AND "ReportedDay" >= @f AND "ReportedDay" <= @t""";
                    await ScalarAsync(
                        conn,
                        "SELECT COUNT(*)" + where,
                        ("@s", closed),
                        ("@r", region),
                        ("@f", WorkOrderService.Day(from)),
                        ("@t", WorkOrderService.Day(to))
                    );
                    await ReadAllAsync(
                        conn,
                        "SELECT *" + where + """ ORDER BY "ReportedAtUtc" DESC, "Id" DESC LIMIT 20 OFFSET @o""",
                        ("@s", closed),
                        ("@r", region),
                        ("@f", WorkOrderService.Day(from)),
                        ("@t", WorkOrderService.Day(to)),
                        ("@o", (page - 1) * 20)
                    );
                },
                40
            );
            report.Row(
                $"2. work orders: closed, one region, two years, by report time, page {page:N0}",
                Timings.Ms(api.Median),
                $"p95 {Timings.Ms(api.P95)}, p99 {Timings.Ms(api.P99)}",
                $"{Timings.Ms(sql.Median)} (p99 {Timings.Ms(sql.P99)})",
                Report.Ratio(api.Median, sql.Median),
                ListVerdict(api, sql)
            );
        }
        // Terms taken from the data, the same in every run (the names and numbers come from fixed seeds; ids do not):
        // the first three characters of the middle name (a city and a word), the first four digits of the middle mobile.
        var someName = await ctx.Set<Customer>()
            .OrderBy(c => c.Name)
            .Skip(await ctx.Set<Customer>().CountAsync() / 2)
            .Select(c => c.Name)
            .FirstAsync();
        var someMobile = await ctx.Set<Contact>()
            .OrderBy(c => c.Mobile)
            .Skip(await ctx.Set<Contact>().CountAsync() / 2)
            .Select(c => c.Mobile)
            .FirstAsync();
        foreach (var (name, term) in new[] { ("name", someName[..3]), ("phone", someMobile[..4]) })
        {
            var like = "%" + term + "%";
            var (api, sql) = await Timings.SideBySideAsync(
                () => GetAsync(http, $"/api/v1/customers?q={Uri.EscapeDataString(term)}&pageSize=50"),
                async () =>
                {
                    const string where =
                        """ FROM "Customers" c WHERE c."MergedIntoId" IS NULL AND (c."Name" LIKE @q OR c."Phone" LIKE @q """
                        + """OR c."Id" IN (SELECT p."CustomerId" FROM "Contacts" p WHERE p."Mobile" LIKE @q OR p."Phone" LIKE @q))""";
                    await ScalarAsync(conn, "SELECT COUNT(*)" + where, ("@q", like));
                    await ReadAllAsync(conn, "SELECT c.*" + where + """ ORDER BY c."Name" LIMIT 50""", ("@q", like));
                },
                40
            );
            report.Row(
                $"2. customer search by {name} (`{term}`)",
                Timings.Ms(api.Median),
                $"p95 {Timings.Ms(api.P95)}, p99 {Timings.Ms(api.P99)}",
                $"{Timings.Ms(sql.Median)} (p99 {Timings.Ms(sql.P99)})",
                Report.Ratio(api.Median, sql.Median),
                ListVerdict(api, sql)
            );
        }
        await FaultSearchAsync(report, http, conn);
    }

    /// <summary>
    /// Work-order search by a fault word (issue #33): the API through its indexes, against the plain query a person would
    /// write (LIKE over the searched columns, counted, newest page first).
    /// </summary>
    private static async Task FaultSearchAsync(Report report, HttpClient http, DbConnection conn)
    {
        foreach (var term in new[] { "异响", "滑块自行下滑" })
        {
            var like = "%" + term + "%";
            var (api, sql) = await Timings.SideBySideAsync(
                () => GetAsync(http, $"/api/v1/work-orders?q={Uri.EscapeDataString(term)}&pageSize=20"),
                async () =>
                {
                    const string where =
                        """ FROM "WorkOrders" w WHERE w."Number" LIKE @q OR w."FaultDescription" LIKE @q OR w."Diagnosis" LIKE @q """
                        + """OR w."ContactName" LIKE @q OR w."ContactPhone" LIKE @q""";
                    await ScalarAsync(conn, "SELECT COUNT(*)" + where, ("@q", like));
                    await ReadAllAsync(
                        conn,
                        "SELECT w.*" + where + """ ORDER BY w."ReportedAtUtc" DESC, w."Id" DESC LIMIT 20""",
                        ("@q", like)
                    );
                },
                40
            );
            report.Row(
                $"2. work-order search by a fault word (`{term}`)",
                Timings.Ms(api.Median),
                $"p95 {Timings.Ms(api.P95)}, p99 {Timings.Ms(api.P99)}",
                $"{Timings.Ms(sql.Median)} (p99 {Timings.Ms(sql.P99)})",
                Report.Ratio(api.Median, sql.Median),
                ListVerdict(api, sql)
            );
        }
    }

    private static async Task GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static DbCommand Command(DbConnection conn, string sql, (string Name, object Value)[] args)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task<object?> ScalarAsync(DbConnection conn, string sql, params (string, object)[] args)
    {
        await using var cmd = Command(conn, sql, args);
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task<int> ReadAllAsync(DbConnection conn, string sql, params (string, object)[] args)
    {
        await using var cmd = Command(conn, sql, args);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }

    // ---------- 3. dashboard ----------

    private static async Task DashboardAsync(Report report, HttpClient http, Func<AppDbContext> db)
    {
        // Each call asks for a different year (ending one day earlier), so none is served from the dashboard's one-minute cache.
        var end = new DateOnly(2026, 11, 27);
        // compiles the queries
        await GetAsync(http, $"/api/v1/service/kpis?from={end.AddDays(-400):yyyy-MM-dd}&to={end.AddDays(-36):yyyy-MM-dd}");
        var cold = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var to = end.AddDays(-i);
            var clock = Stopwatch.StartNew();
            await GetAsync(http, $"/api/v1/service/kpis?from={to.AddDays(-364):yyyy-MM-dd}&to={to:yyyy-MM-dd}");
            cold.Add(clock.Elapsed.TotalMilliseconds);
        }
        var api = Timings.Of(cold);
        var warm = await Timings.RunAsync(
            () => GetAsync(http, $"/api/v1/service/kpis?from={end.AddDays(-364):yyyy-MM-dd}&to={end:yyyy-MM-dd}"),
            20,
            warmups: 1
        );
        await using var ctx = db();
        await ctx.Database.OpenConnectionAsync();
        var conn = ctx.Database.GetDbConnection();
        var sql = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var to = end.AddDays(-i);
            var clock = Stopwatch.StartNew();
            await DashboardSqlAsync(conn, WorkOrderService.Day(to.AddDays(-364)), WorkOrderService.Day(to));
            sql.Add(clock.Elapsed.TotalMilliseconds);
        }
        var baseline = Timings.Of(sql);
        report.Row(
            "3. service dashboard, 12 months, computed (not cached): past months from the roll-up, the last two and the edges live",
            Timings.Ms(api.Median),
            $"max {Timings.Ms(cold.Max())}",
            $"{Timings.Ms(baseline.Median)} (the same KPIs in hand-written SQL over the orders, one after another)",
            Report.Ratio(api.Median, baseline.Median),
            Report.Verdict(
                api.Median < 500 && api.Median <= 1.5 * baseline.Median,
                "under 500 ms, ratio ≤ 1.5",
                "see the notes under the tables"
            )
        );
        report.Row(
            "3a. service dashboard, 12 months, within its one-minute cache",
            Timings.Ms(warm.Median),
            $"p99 {Timings.Ms(warm.P99)}",
            "",
            "",
            ""
        );
    }

    private static async Task DashboardSqlAsync(DbConnection conn, int from, int to)
    {
        var (cancelled, closed, resolved, repair) = (
            (int)WorkOrderStatus.Cancelled,
            (int)WorkOrderStatus.Closed,
            (int)WorkOrderStatus.Resolved,
            (int)WorkOrderType.Repair
        );
        var period = $""" FROM "WorkOrders" w WHERE w."ReportedDay" >= {from} AND w."ReportedDay" <= {to} AND w."Status" <> {cancelled}""";
        await ReadAllAsync(
            conn,
            $"""
            SELECT COUNT(*), COUNT(w."ResolutionMinutes"), SUM(CASE WHEN w."Status" <> {closed} THEN 1 ELSE 0 END),
              AVG(w."FirstResponseMinutes"), AVG(w."ResolutionMinutes"),
              SUM(CASE WHEN w."ResolutionMinutes" IS NOT NULL AND w."VisitCount" <= 1 AND w."ReopenCount" = 0 AND NOT w."HasRework"
                THEN 1 ELSE 0 END),
              SUM(CASE WHEN w."Type" = {repair} THEN 1 ELSE 0 END), SUM(CASE WHEN w."Type" = {repair} AND w."ReworkOfId" IS NOT NULL
                THEN 1 ELSE 0 END),
              SUM(CASE WHEN w."FirstResponseBreached" = FALSE THEN 1 ELSE 0 END), COUNT(w."FirstResponseBreached"),
              SUM(CASE WHEN w."ArrivalBreached" = FALSE THEN 1 ELSE 0 END), COUNT(w."ArrivalBreached"),
              SUM(CASE WHEN w."ResolutionBreached" = FALSE THEN 1 ELSE 0 END), COUNT(w."ResolutionBreached"),
              AVG(CASE WHEN w."ResolutionMinutes" IS NOT NULL THEN w."LabourCost" + w."TravelCost" + w."PartsCost" END),
              COUNT(w."Csat"), AVG(w."Csat"), SUM(CASE WHEN w."Nps" >= 9 THEN 1 ELSE 0 END), SUM(CASE WHEN w."Nps" <= 6 THEN 1 ELSE 0 END)
            {period}
            """
        );
        await ReadAllAsync(
            conn,
            $"""SELECT w."ResolutionMinutes", COUNT(*) {period} AND w."ResolutionMinutes" IS NOT NULL GROUP BY w."ResolutionMinutes" """
        );
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await ReadAllAsync(
            conn,
            $"""
            SELECT SUM(CASE WHEN w."ReportedAtUtc" >= @d1 THEN 1 ELSE 0 END), SUM(CASE WHEN w."ReportedAtUtc" < @d1 AND
              w."ReportedAtUtc" >= @d3 THEN 1 ELSE 0 END),
              SUM(CASE WHEN w."ReportedAtUtc" < @d3 AND w."ReportedAtUtc" >= @d7 THEN 1 ELSE 0 END), SUM(CASE WHEN w."ReportedAtUtc" <
                @d7 AND w."ReportedAtUtc" >= @d30 THEN 1 ELSE 0 END),
              SUM(CASE WHEN w."ReportedAtUtc" < @d30 THEN 1 ELSE 0 END)
            FROM "WorkOrders" w WHERE w."Status" < {resolved}
            """,
            ("@d1", now.AddDays(-1)),
            ("@d3", now.AddDays(-3)),
            ("@d7", now.AddDays(-7)),
            ("@d30", now.AddDays(-30))
        );
        await ReadAllAsync(
            conn,
            $"""
            SELECT w."ReportedDay" / 100, COUNT(*), COUNT(w."ResolutionMinutes"), AVG(w."ResolutionMinutes"),
              SUM(CASE WHEN w."SlaBreached" THEN 1 ELSE 0 END) {period} GROUP BY w."ReportedDay" / 100
            """
        );
        await ReadAllAsync(
            conn,
            $"""
            SELECT w."AssigneeId", COUNT(*), SUM(w."LabourHours"), AVG(w."Csat") {period}
              AND w."ResolutionMinutes" IS NOT NULL AND w."AssigneeId" IS NOT NULL GROUP BY w."AssigneeId" ORDER BY COUNT(*) DESC LIMIT 10
            """
        );
        await ReadAllAsync(
            conn,
            $"""
            SELECT w."ProductCategory", w."Category", COUNT(*) {period}
              GROUP BY w."ProductCategory", w."Category" ORDER BY COUNT(*) DESC LIMIT 10
            """
        );
    }

    // ---------- 4. customer 360 ----------

    private static async Task Customer360Async(Report report, string baseUrl, HttpClient api, Func<AppDbContext> db)
    {
        Guid busiest;
        int orders;
        await using (var ctx = db())
        {
            var top = await ctx.Set<WorkOrder>()
                .GroupBy(w => w.CustomerId)
                .Select(g => new { Id = g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count)
                .FirstAsync();
            (busiest, orders) = (top.Id, top.Count);
        }
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
        };
        var form = await browser.GetStringAsync("/account/login");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        var login = await browser.PostAsync(
            "/account/login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["email"] = Email,
                    ["password"] = Password,
                    ["returnUrl"] = "/",
                    ["__RequestVerificationToken"] = antiforgery,
                }
            )
        );
        if (login.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in failed: {(int)login.StatusCode}");
        var (page, read) = await Timings.SideBySideAsync(
            () => GetAsync(browser, $"/customers/{busiest}"),
            () => GetAsync(api, $"/api/v1/customers/{busiest}"),
            15
        );
        report.Row(
            $"4. customer 360 page, server render, the busiest customer ({orders:N0} work orders)",
            Timings.Ms(page.Median),
            $"p95 {Timings.Ms(page.P95)}",
            $"{Timings.Ms(read.Median)} (GET the customer by API)",
            Report.Ratio(page.Median, read.Median),
            Report.Verdict(page.Median < 200, "under 200 ms")
        );
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    // ---------- 6. memory ----------

    private static long PeakRssMegabytes(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return status is null ? -1 : long.Parse(Regex.Match(status, @"\d+").Value, CultureInfo.InvariantCulture) / 1024;
    }
}
