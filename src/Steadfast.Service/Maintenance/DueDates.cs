namespace Steadfast.Service.Maintenance;

public enum DueBasis
{
    Calendar = 0,
    Hours = 1,
}

/// <summary>A machine's running hours per day, from a least-squares line through its recent readings.</summary>
public sealed record HoursRate(double PerDay, int Readings, double LastHours, DateOnly LastOn);

/// <summary>When a task is due next.</summary>
public sealed record Due(DateOnly? On, double? AtHours, DueBasis By);

/// <summary>Due dates of maintenance tasks: by calendar, by running hours through the machine's rate, whichever comes first.</summary>
public static class DueDates
{
    /// <summary>How many of the newest readings the rate rests on: recent use, not the machine's whole life.</summary>
    public const int RateWindow = 12;

    /// <summary>
    /// The rate from readings (oldest first or not; a meter replacement starts the series again). Null with fewer than two readings
    /// on different days: one reading says nothing about use.
    /// </summary>
    public static HoursRate? Rate(IEnumerable<(DateOnly On, double Hours, bool Replacement)> readings)
    {
        var all = readings.OrderBy(r => r.On).ToList();
        var start = all.FindLastIndex(r => r.Replacement);
        var series = all.Skip(Math.Max(start, 0)).TakeLast(RateWindow).ToList();
        if (series.Count < 2 || series[0].On == series[^1].On)
            return null;
        var x0 = series[0].On.DayNumber;
        double n = series.Count,
            sx = 0,
            sy = 0,
            sxx = 0,
            sxy = 0;
        foreach (var (on, hours, _) in series)
        {
            double x = on.DayNumber - x0;
            sx += x;
            sy += hours;
            sxx += x * x;
            sxy += x * hours;
        }
        var slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new HoursRate(Math.Max(0, slope), series.Count, series[^1].Hours, series[^1].On);
    }

    /// <summary>
    /// The next due of a task last done on <paramref name="lastOn"/> at <paramref name="lastHours"/> (or counted from its base).
    /// By hours the date is where the rate reaches the due hours; already past them, the day of the reading that passed them.
    /// </summary>
    public static Due Next(int? everyDays, int? everyMonths, int? everyHours, DateOnly lastOn, double lastHours, HoursRate? rate)
    {
        DateOnly? byCalendar =
            everyDays is { } d ? lastOn.AddDays(d)
            : everyMonths is { } m ? lastOn.AddMonths(m)
            : null;
        double? dueHours = everyHours is { } h ? lastHours + h : null;
        DateOnly? byHours = null;
        if (dueHours is { } target && rate is not null)
        {
            if (rate.LastHours >= target)
                byHours = rate.LastOn;
            else if (rate.PerDay > 0)
            {
                var days = (target - rate.LastHours) / rate.PerDay;
                // A rate so low the date would be centuries away means "not by hours".
                if (days < 36_500)
                    byHours = rate.LastOn.AddDays((int)Math.Ceiling(days));
            }
        }
        if (byHours is { } hd && (byCalendar is not { } cd || hd < cd))
            return new Due(hd, dueHours, DueBasis.Hours);
        return new Due(byCalendar, dueHours, byCalendar is null && dueHours is not null ? DueBasis.Hours : DueBasis.Calendar);
    }
}
