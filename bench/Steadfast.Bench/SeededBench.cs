using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Bench;

/// <summary>
/// What a module's scenarios on a seeded demo share (bench/seeded.sh): the database to grow in bulk, a signed-in API
/// client, and a result line per scenario beside its baseline.
/// </summary>
internal static class SeededBench
{
    /// <summary>From the arguments: scenario, provider, connection string, URL, e-mail, password.</summary>
    public static async Task<(DbContextOptions<AppDbContext> Database, HttpClient Api)> ConnectAsync(string[] args)
    {
        var (provider, connection, url, email, password) = (args[1], args[2], args[3], args[4], args[5]);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(Enum.Parse<DatabaseProvider>(provider, true), connection).Apply(builder);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var token = await (
            await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password })
        ).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        return (builder.Options, http);
    }

    public static void Row(string name, Timings t, Timings baseline, string baselineName, double target)
    {
        var verdict = t.P95 < target ? "met" : "MISSED";
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"RESULT {name}: median {t.Median:F2} ms, p95 {t.P95:F2} ms; baseline ({baselineName}) median "
                    + $"{baseline.Median:F2} ms; ratio {t.Median / baseline.Median:F1}; target p95 < {target} ms {verdict}"
            )
        );
    }
}
