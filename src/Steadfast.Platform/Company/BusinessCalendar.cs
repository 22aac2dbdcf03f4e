using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Company;

/// <summary>
/// The company's working time: working hours on working days, in the company's time zone, where a
/// public holiday is not a working day even on a weekday and a 调休 day is one even on a weekend.
/// SLA clocks count in it. Times in and out are UTC.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDays = 3660;
    private readonly TimeZoneInfo _zone;
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;
    private readonly WorkWeek _week;
    private readonly IReadOnlyDictionary<DateOnly, CalendarDayKind> _exceptions;

    public BusinessCalendar(
        TimeZoneInfo zone,
        TimeOnly start,
        TimeOnly end,
        WorkWeek week,
        IReadOnlyDictionary<DateOnly, CalendarDayKind> exceptions
    )
    {
        if (end <= start)
            throw new ArgumentException("The working day must end after it starts.", nameof(end));
        (_zone, _start, _end, _week, _exceptions) = (zone, start, end, week, exceptions);
    }

    /// <summary>The calendar of the company profile and its holidays.</summary>
    public static async Task<BusinessCalendar> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var profile = await db.Company.AsNoTracking().FirstOrDefaultAsync(ct) ?? new CompanyProfile();
        var days = await db.CalendarDays.AsNoTracking().ToDictionaryAsync(d => d.Date, d => d.Kind, ct);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZoneId, out var tz) ? tz : TimeZoneInfo.Utc;
        return new BusinessCalendar(zone, profile.WorkdayStart, profile.WorkdayEnd, profile.WorkingDays, days);
    }

    /// <summary>The same, from memory while no save has changed it (see <see cref="ConfigCache"/>).</summary>
    public static Task<BusinessCalendar> LoadAsync(AppDbContext db, ConfigCache cache, CancellationToken ct) =>
        cache.GetAsync("calendar", () => LoadAsync(db, ct));

    public bool IsWorkingDay(DateOnly day) =>
        _exceptions.TryGetValue(day, out var kind)
            ? kind == CalendarDayKind.WorkingDay
            : _week.HasFlag((WorkWeek)(1 << (int)day.DayOfWeek));

    /// <summary>The moment <paramref name="amount"/> of working time after <paramref name="fromUtc"/> has passed.</summary>
    public DateTime Add(DateTime fromUtc, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var local = ToLocal(fromUtc);
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1), time = TimeOnly.MinValue)
        {
            if (!IsWorkingDay(day) || time >= _end)
                continue;
            if (time < _start)
                time = _start;
            var left = _end - time;
            if (amount <= left)
                return ToUtc(day, time.Add(amount, out _), amount == left);
            amount -= left;
        }
        throw new InvalidOperationException("The calendar has no working time in the next ten years.");
    }

    /// <summary>How much working time lies between two moments (zero when <paramref name="toUtc"/> is earlier).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
            return TimeSpan.Zero;
        var (from, to) = (ToLocal(fromUtc), ToLocal(toUtc));
        var total = TimeSpan.Zero;
        var last = DateOnly.FromDateTime(to);
        var days = 0;
        for (var day = DateOnly.FromDateTime(from); day <= last; day = day.AddDays(1))
        {
            if (++days > MaxDays)
                throw new InvalidOperationException("The period is longer than ten years.");
            if (!IsWorkingDay(day))
                continue;
            var open = day.ToDateTime(_start);
            var close = day.ToDateTime(_end);
            var a = from > open ? from : open;
            var b = to < close ? to : close;
            if (b > a)
                total += b - a;
        }
        return total;
    }

    /// <summary>
    /// The close of business on the <paramref name="workingDays"/>-th working day after the day of <paramref name="fromUtc"/>: "within 2
    /// working days".
    /// </summary>
    public DateTime EndOfWorkingDay(DateTime fromUtc, int workingDays)
    {
        var day = DateOnly.FromDateTime(ToLocal(fromUtc));
        for (var found = 0; found < workingDays; )
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                found++;
        }
        return ToUtc(day, _end, true);
    }

    private DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    // The end of a working day is a real moment (17:30), not midnight of the next day.
    private DateTime ToUtc(DateOnly day, TimeOnly time, bool atEnd) =>
        TimeZoneInfo.ConvertTimeToUtc(atEnd ? day.ToDateTime(_end) : day.ToDateTime(time), _zone);
}
