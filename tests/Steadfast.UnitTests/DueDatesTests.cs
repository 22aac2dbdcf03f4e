using Steadfast.Service.Maintenance;

namespace Steadfast.UnitTests;

/// <summary>Maintenance due dates: by calendar, by running hours through the readings' rate, and whichever comes first.</summary>
public sealed class DueDatesTests
{
    private static readonly DateOnly Done = new(2026, 2, 1);

    [Fact]
    public void A_calendar_task_is_due_its_days_or_months_after_it_was_done()
    {
        Assert.Equal(new Due(new DateOnly(2026, 3, 3), null, DueBasis.Calendar), DueDates.Next(30, null, null, Done, 0, null));
        Assert.Equal(new DateOnly(2026, 5, 1), DueDates.Next(null, 3, null, Done, 0, null).On);
        // Month ends clamp as the calendar does: 31 January plus a month is the last day of February.
        Assert.Equal(new DateOnly(2026, 2, 28), DueDates.Next(null, 1, null, new DateOnly(2026, 1, 31), 0, null).On);
    }

    [Fact]
    public void The_rate_is_the_least_squares_slope_of_the_recent_readings()
    {
        var rate = DueDates.Rate([
            (new DateOnly(2026, 2, 11), 80, false),
            (new DateOnly(2026, 2, 21), 160, false),
            (new DateOnly(2026, 3, 1), 224, false),
        ]);
        Assert.NotNull(rate);
        Assert.Equal(8.0, rate.PerDay, 6);
        Assert.Equal(3, rate.Readings);
        Assert.Equal(224, rate.LastHours);
        Assert.Equal(new DateOnly(2026, 3, 1), rate.LastOn);
        // Uneven readings: the line through them, not the first and last alone (x = 0, 1, 3; y = 0, 10, 20 → 45/7 a day).
        var uneven = DueDates.Rate([
            (new DateOnly(2026, 1, 1), 0, false),
            (new DateOnly(2026, 1, 2), 10, false),
            (new DateOnly(2026, 1, 4), 20, false),
        ]);
        Assert.Equal(45.0 / 7, uneven!.PerDay, 9);
    }

    [Fact]
    public void One_reading_or_readings_on_one_day_give_no_rate_and_a_meter_replacement_starts_again()
    {
        Assert.Null(DueDates.Rate([(Done, 100, false)]));
        Assert.Null(DueDates.Rate([(Done, 100, false), (Done, 120, false)]));
        var replaced = DueDates.Rate([
            (new DateOnly(2026, 1, 1), 9000, false),
            (new DateOnly(2026, 1, 11), 9500, false),
            (new DateOnly(2026, 1, 12), 0, true),
            (new DateOnly(2026, 1, 22), 40, false),
        ]);
        Assert.Equal(4.0, replaced!.PerDay, 9);
        Assert.Equal(2, replaced.Readings);
    }

    [Fact]
    public void An_hours_task_is_dated_where_the_rate_reaches_its_hours()
    {
        var rate = new HoursRate(8, 3, 224, new DateOnly(2026, 3, 1));
        // 500 h − 224 h at 8 h a day is 34.5 days: the 35th day.
        Assert.Equal(new Due(new DateOnly(2026, 4, 5), 500, DueBasis.Hours), DueDates.Next(null, null, 500, Done, 0, rate));
        // Already past the hours: due on the day of the reading that passed them.
        Assert.Equal(new DateOnly(2026, 3, 1), DueDates.Next(null, null, 200, Done, 0, rate).On);
        // No rate (one reading, or an idle machine): no date by hours, but the hours it is due at are known.
        Assert.Equal(new Due(null, 500, DueBasis.Hours), DueDates.Next(null, null, 500, Done, 0, null));
        Assert.Equal(new Due(null, 500, DueBasis.Hours), DueDates.Next(null, null, 500, Done, 0, rate with { PerDay = 0 }));
    }

    [Fact]
    public void Whichever_comes_first_wins_and_says_which()
    {
        var rate = new HoursRate(8, 3, 224, new DateOnly(2026, 3, 1));
        var byHours = DueDates.Next(365, null, 2000, Done, 0, rate);
        Assert.Equal(new Due(new DateOnly(2026, 10, 9), 2000, DueBasis.Hours), byHours);
        var slow = DueDates.Next(365, null, 2000, Done, 0, rate with { PerDay = 1 });
        Assert.Equal(new Due(new DateOnly(2027, 2, 1), 2000, DueBasis.Calendar), slow);
    }
}
