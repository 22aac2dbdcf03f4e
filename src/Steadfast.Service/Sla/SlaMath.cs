using Steadfast.Platform.Company;

namespace Steadfast.Service.Sla;

/// <summary>
/// SLA deadlines in one of two clocks. Pure functions over a <see cref="BusinessCalendar"/>, so the
/// edge cases (overnight, weekends, holidays, 调休, pauses) are tested without a database.
/// </summary>
public static class SlaMath
{
    public static DateTime Due(BusinessCalendar calendar, SlaClock clock, DateTime fromUtc, TimeSpan budget) =>
        clock == SlaClock.CalendarHours ? fromUtc + budget : calendar.Add(fromUtc, budget);

    public static TimeSpan Elapsed(BusinessCalendar calendar, SlaClock clock, DateTime fromUtc, DateTime toUtc) =>
        toUtc <= fromUtc ? TimeSpan.Zero
        : clock == SlaClock.CalendarHours ? toUtc - fromUtc
        : calendar.Between(fromUtc, toUtc);

    /// <summary>
    /// When to warn: once <paramref name="warnAtPercent"/> of the target is used. Measured from now
    /// backwards from the deadline, so it stays right after a pause moved the deadline.
    /// </summary>
    public static DateTime WarnAt(
        BusinessCalendar calendar,
        SlaClock clock,
        DateTime nowUtc,
        DateTime dueUtc,
        TimeSpan target,
        int warnAtPercent
    )
    {
        var left = Elapsed(calendar, clock, nowUtc, dueUtc);
        var keep = target * ((100 - warnAtPercent) / 100.0);
        return left <= keep ? nowUtc : Due(calendar, clock, nowUtc, left - keep);
    }

    /// <summary>The deadline after a pause: pushed out by the clock's time that passed while paused.</summary>
    public static DateTime Resume(
        BusinessCalendar calendar,
        SlaClock clock,
        DateTime dueUtc,
        DateTime pausedAtUtc,
        DateTime resumedAtUtc
    ) => Due(calendar, clock, dueUtc, Elapsed(calendar, clock, pausedAtUtc, resumedAtUtc));

    /// <summary>How much of the target is used, 0–100+, for a progress bar.</summary>
    public static int PercentUsed(BusinessCalendar calendar, SlaClock clock, DateTime nowUtc, DateTime dueUtc, TimeSpan target)
    {
        if (target <= TimeSpan.Zero)
            return 100;
        var left = nowUtc >= dueUtc ? -Elapsed(calendar, clock, dueUtc, nowUtc) : Elapsed(calendar, clock, nowUtc, dueUtc);
        return (int)Math.Round(100 * (1 - left / target));
    }
}
