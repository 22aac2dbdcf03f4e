using System.Diagnostics;
using System.Globalization;

namespace Steadfast.Bench;

/// <summary>Timings of repeated calls: median and tail, in milliseconds.</summary>
internal sealed record Timings(double Median, double P95, double P99, int Count)
{
    public static Timings Of(List<double> ms)
    {
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return new Timings(At(0.5), At(0.95), At(0.99), ms.Count);
    }

    public static async Task<Timings> RunAsync(Func<Task> call, int runs, int warmups = 3)
    {
        for (var i = 0; i < warmups; i++) await call();
        var ms = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            ms.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Of(ms);
    }

    /// <summary>
    /// Two calls timed turn about, so a burst of background work (the outbox after the creates, autovacuum)
    /// lands on both and not on whichever ran first.
    /// </summary>
    public static async Task<(Timings A, Timings B)> SideBySideAsync(Func<Task> a, Func<Task> b, int runs, int warmups = 3)
    {
        for (var i = 0; i < warmups; i++) { await a(); await b(); }
        var (msA, msB) = (new List<double>(runs), new List<double>(runs));
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await a();
            msA.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await b();
            msB.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Of(msA), Of(msB));
    }

    public static string Ms(double ms) => ms >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:F2} s") : string.Create(CultureInfo.InvariantCulture, $"{ms:F1} ms");
}

/// <summary>The rows of RESULTS.md this run produces.</summary>
internal sealed class Report(string path)
{
    public void Row(string scenario, string measured, string tail, string baseline, string ratio, string target)
    {
        var line = $"| {scenario} | {measured} | {tail} | {baseline} | {ratio} | {target} |";
        Console.WriteLine(line);
        File.AppendAllText(path, line + "\n");
    }

    public static string Ratio(double a, double b) => b <= 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{a / b:F2}");
    public static string Verdict(bool met, string target, string why = "") => met ? $"{target}: met" : $"{target}: **missed**{(why.Length > 0 ? " — " + why : "")}";
}
