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
        for (var i = 0; i < warmups; i++)
            await call();
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
    /// Two calls timed in alternating blocks of ten, each block after one untimed call: a drift of the shared
    /// machine weighs on both, and neither is timed on a cache the other just filled with its own pages
    /// (one call each, turn about, put PostgreSQL's page 2,000 at 46 ms against 23 ms: the baseline's
    /// 40,000-row read went between every two of the app's).
    /// </summary>
    public static async Task<(Timings A, Timings B)> SideBySideAsync(Func<Task> a, Func<Task> b, int runs, int block = 10)
    {
        var (msA, msB) = (new List<double>(runs), new List<double>(runs));
        while (msA.Count < runs)
        {
            await TimeAsync(a, msA, Math.Min(block, runs - msA.Count));
            await TimeAsync(b, msB, Math.Min(block, runs - msB.Count));
        }
        return (Of(msA), Of(msB));
    }

    private static async Task TimeAsync(Func<Task> call, List<double> ms, int count)
    {
        await call();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            ms.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Waits until the machine's CPUs are at least 80 % idle, not waiting on the disk, over a second (at most a minute): after the
    /// creates, the database writes its checkpoint and vacuums, and the reads measured next would share
    /// the cores with that.
    /// </summary>
    public static async Task<double> QuietAsync()
    {
        static (long Idle, long Total) Cpu()
        {
            var f = File.ReadLines("/proc/stat")
                .First()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture))
                .ToArray();
            // Idle alone: time waiting on the disk (a checkpoint's writes) is not quiet.
            return (f[3], f.Sum());
        }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            var before = Cpu();
            await Task.Delay(1000);
            var after = Cpu();
            if ((double)(after.Idle - before.Idle) / Math.Max(1, after.Total - before.Total) >= 0.8)
                break;
        }
        return clock.Elapsed.TotalSeconds;
    }

    public static string Ms(double ms) =>
        ms >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:F2} s")
            : string.Create(CultureInfo.InvariantCulture, $"{ms:F1} ms");
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

    public static string Verdict(bool met, string target, string why = "") =>
        met ? $"{target}: met" : $"{target}: **missed**{(why.Length > 0 ? " — " + why : "")}";
}
