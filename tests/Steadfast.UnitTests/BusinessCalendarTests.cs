using Steadfast.Platform.Company;

namespace Steadfast.UnitTests;

/// <summary>SLA time: working hours 08:30–17:30 Monday to Friday in Shanghai, with 2026's holidays and 调休 days.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly BusinessCalendar Calendar = new(
        Shanghai,
        new TimeOnly(8, 30),
        new TimeOnly(17, 30),
        WorkWeek.Monday | WorkWeek.Tuesday | WorkWeek.Wednesday | WorkWeek.Thursday | WorkWeek.Friday,
        new Dictionary<DateOnly, CalendarDayKind>
        {
            [new(2026, 2, 14)] = CalendarDayKind.WorkingDay, // Saturday before 春节, worked
            [new(2026, 2, 16)] = CalendarDayKind.Holiday, // 春节, a Monday
            [new(2026, 2, 17)] = CalendarDayKind.Holiday,
            [new(2026, 10, 1)] = CalendarDayKind.Holiday,
            [new(2026, 10, 2)] = CalendarDayKind.Holiday,
            [new(2026, 10, 5)] = CalendarDayKind.Holiday,
            [new(2026, 10, 6)] = CalendarDayKind.Holiday,
            [new(2026, 10, 7)] = CalendarDayKind.Holiday,
            [new(2026, 10, 10)] = CalendarDayKind.WorkingDay, // Saturday after 国庆, worked
        }
    );

    /// <summary>A Shanghai wall-clock time as the UTC instant the calendar takes.</summary>
    private static DateTime At(int y, int mo, int d, int h, int mi = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Unspecified), Shanghai);

    [Theory]
    [InlineData("2026-03-03 10:00", 2.0, "2026-03-03 12:00")] // inside one day
    [InlineData("2026-03-03 17:00", 1.0, "2026-03-04 09:00")] // overnight
    [InlineData("2026-03-03 07:00", 1.0, "2026-03-03 09:30")] // reported before opening
    [InlineData("2026-03-03 20:00", 1.0, "2026-03-04 09:30")] // reported after closing
    [InlineData("2026-03-06 16:00", 3.0, "2026-03-09 10:00")] // Friday over the weekend
    [InlineData("2026-03-07 11:00", 1.0, "2026-03-09 09:30")] // reported on a Saturday
    [InlineData("2026-03-03 08:30", 9.0, "2026-03-03 17:30")] // exactly one working day ends at closing, not next morning
    [InlineData("2026-09-30 17:00", 1.0, "2026-10-08 09:00")] // into 国庆: the holidays and the weekend are skipped
    [InlineData("2026-10-09 17:00", 1.0, "2026-10-10 09:00")] // 调休 Saturday is a working day
    [InlineData("2026-02-13 17:00", 1.0, "2026-02-14 09:00")] // 调休 Saturday before 春节
    [InlineData("2026-02-14 17:00", 1.0, "2026-02-18 09:00")] // then Sunday, and the holidays Monday and Tuesday
    public void Working_time_is_added_across_nights_weekends_holidays_and_working_weekends(string from, double hours, string expected)
    {
        static DateTime Parse(string s)
        {
            var d = DateTime.ParseExact(s, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return At(d.Year, d.Month, d.Day, d.Hour, d.Minute);
        }
        Assert.Equal(Parse(expected), Calendar.Add(Parse(from), TimeSpan.FromHours(hours)));
    }

    [Fact]
    public void A_utc_time_late_at_night_is_already_the_next_morning_in_shanghai()
    {
        // 2026-03-02 23:30 UTC is Tuesday 07:30 in Shanghai: before opening, so the clock starts at 08:30.
        var reported = new DateTime(2026, 3, 2, 23, 30, 0, DateTimeKind.Utc);
        Assert.Equal(At(2026, 3, 3, 9, 30), Calendar.Add(reported, TimeSpan.FromHours(1)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 3, 3)));
    }

    [Fact]
    public void Working_time_between_two_moments_skips_the_closed_hours()
    {
        Assert.Equal(TimeSpan.FromHours(3), Calendar.Between(At(2026, 3, 6, 16, 0), At(2026, 3, 9, 10, 0)));
        Assert.Equal(TimeSpan.FromHours(1), Calendar.Between(At(2026, 9, 30, 17, 0), At(2026, 10, 8, 9, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.Between(At(2026, 10, 3, 9, 0), At(2026, 10, 4, 18, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.Between(At(2026, 3, 9, 10, 0), At(2026, 3, 6, 16, 0)));
    }

    [Fact]
    public void Adding_then_measuring_gives_back_the_same_working_time()
    {
        var rng = new Random(11);
        for (var i = 0; i < 500; i++)
        {
            var from = At(2026, 1, 1, 0).AddMinutes(rng.Next(0, 365 * 24 * 60));
            var amount = TimeSpan.FromMinutes(rng.Next(0, 60 * 120));
            var due = Calendar.Add(from, amount);
            Assert.Equal(amount, Calendar.Between(from, due));
            Assert.True(due >= from);
        }
    }

    [Fact]
    public void A_calendar_without_working_days_is_refused_rather_than_looping()
    {
        var never = new BusinessCalendar(
            Shanghai,
            new TimeOnly(9, 0),
            new TimeOnly(17, 0),
            WorkWeek.None,
            new Dictionary<DateOnly, CalendarDayKind>()
        );
        Assert.Throws<InvalidOperationException>(() => never.Add(At(2026, 3, 3, 10), TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() =>
            new BusinessCalendar(
                Shanghai,
                new TimeOnly(17, 0),
                new TimeOnly(9, 0),
                WorkWeek.Monday,
                new Dictionary<DateOnly, CalendarDayKind>()
            )
        );
    }
}
