using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Steadfast.Customers.Customers;

namespace Steadfast.Bench;

/// <summary>Scenario 5: an Excel file of customers through the import engine, beside MiniExcel alone reading it.</summary>
internal static class ImportBench
{
    public static async Task<int> CommandAsync(string[] args)
    {
        var (baseUrl, email, password, rows, dir) = (args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), args[5]);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        var token = await (
            await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password })
        ).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        var (ok, total, read) = await ImportAsync(http, dir, rows);
        Console.WriteLine(
            $"RESULT import_rows={rows} import_seconds={total:F1} baseline_read_seconds={read:F2} ratio={total / read:F1} "
                + $"rows_per_second={rows / total:F0}"
        );
        return ok ? 0 : 1;
    }

    public static async Task RunAsync(Report report, HttpClient http, string dir, int rows)
    {
        var (ok, total, read) = await ImportAsync(http, dir, rows);
        report.Row(
            $"5. Excel import of {rows:N0} customer rows, validated (upload to job finished)",
            Timings.Ms(total * 1000),
            $"{rows / total:N0} rows/s",
            $"{Timings.Ms(read * 1000)} (MiniExcel alone reading the file)",
            Report.Ratio(total, read),
            Report.Verdict(ok && total < 30, "under 30 s", ok ? "" : "the job failed")
        );
    }

    private static async Task<(bool Ok, double Total, double Read)> ImportAsync(HttpClient http, string dir, int rows)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"customers-{rows}.xlsx");
        var clock = Stopwatch.StartNew();
        await using (var stream = File.Create(file))
            await stream.SaveAsAsync(Rows(rows));
        Console.WriteLine($"generated {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(file).Length / 1024:N0} KB)");

        // Baseline: MiniExcel alone reading every cell of the same file.
        clock.Restart();
        var cells = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: true))
            cells += row.Count;
        var read = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"baseline: MiniExcel read {cells:N0} cells in {read:F2} s");

        clock.Restart();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "file", Path.GetFileName(file) },
            { new StringContent("customers"), "target" },
        };
        var started = await http.PostAsync("/api/v1/imports", form);
        var job = await started.Content.ReadFromJsonAsync<JsonElement>();
        if (!started.IsSuccessStatusCode)
        {
            Console.Error.WriteLine(job);
            return (false, clock.Elapsed.TotalSeconds, read);
        }
        var accepted = clock.Elapsed.TotalSeconds;
        var id = job.GetProperty("id").GetString();
        while (true)
        {
            await Task.Delay(500);
            job = await http.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}");
            if (job.GetProperty("status").GetString() is "completed" or "failed")
                break;
        }
        var total = clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"import: upload+preview+queue {accepted:F1} s, done after {total:F1} s: {job.GetProperty("succeeded").GetInt32():N0} "
                + $"imported, {job.GetProperty("failedRows").GetInt32():N0} rejected"
        );
        return (job.GetProperty("status").GetString() == "completed", total, read);
    }

    // Believable rows with valid credit codes, a few hundred of them deliberately wrong to exercise the report.
    private static IEnumerable<Dictionary<string, object?>> Rows(int count)
    {
        var rng = new Random(7);
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        string[] provinces = ["江苏", "浙江", "广东", "山东", "四川", "湖北"];
        string[] tiers = ["普通", "重点", "战略"];
        for (var i = 0; i < count; i++)
        {
            var body = "9132" + new string([.. Enumerable.Range(0, 13).Select(_ => alphabet[rng.Next(alphabet.Length)])]);
            var code = body + CreditCode.CheckCharacter(body);
            if (i % 500 == 499)
                code = body + (code[17] == '0' ? '1' : '0');
            yield return new Dictionary<string, object?>
            {
                ["客户名称"] = $"基准测试{i:000000}机械有限公司",
                ["统一社会信用代码"] = code,
                ["省份"] = provinces[i % provinces.Length],
                ["城市"] = "某市",
                ["行业"] = "机械制造",
                ["客户等级"] = tiers[i % 3],
                ["电话"] = $"0512-{rng.Next(10000000, 99999999)}",
                ["标签"] = i % 7 == 0 ? "复购" : null,
            };
        }
    }
}
