using System.Globalization;
using Steadfast.Platform.Company;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Sla;
using Steadfast.Service.WorkOrders;

namespace Steadfast.UnitTests;

/// <summary>SLA deadlines in both clocks, warnings, pauses; and the dispatch ranking's rules.</summary>
public sealed class SlaAndDispatchTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly BusinessCalendar Calendar = new(
        Shanghai,
        new TimeOnly(8, 30),
        new TimeOnly(17, 30),
        WorkWeek.Monday | WorkWeek.Tuesday | WorkWeek.Wednesday | WorkWeek.Thursday | WorkWeek.Friday,
        new Dictionary<DateOnly, CalendarDayKind>
        {
            [new(2026, 10, 1)] = CalendarDayKind.Holiday,
            [new(2026, 10, 2)] = CalendarDayKind.Holiday,
            [new(2026, 10, 5)] = CalendarDayKind.Holiday,
            [new(2026, 10, 6)] = CalendarDayKind.Holiday,
            [new(2026, 10, 7)] = CalendarDayKind.Holiday,
            [new(2026, 10, 10)] = CalendarDayKind.WorkingDay,
        }
    );

    private static DateTime At(string local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Shanghai);

    [Theory]
    // Friday afternoon, 4 business hours: 1.5 h Friday, 2.5 h Monday
    [InlineData("2026-03-06 16:00", SlaClock.BusinessHours, 240, "2026-03-09 11:00")]
    // stopped production: the clock runs through the evening
    [InlineData("2026-03-06 16:00", SlaClock.CalendarHours, 240, "2026-03-06 20:00")]
    // over midnight on a weekend
    [InlineData("2026-03-07 23:30", SlaClock.CalendarHours, 60, "2026-03-08 00:30")]
    // into 国庆
    [InlineData("2026-09-30 16:30", SlaClock.BusinessHours, 120, "2026-10-08 09:30")]
    // 调休 Saturday counts
    [InlineData("2026-10-09 17:00", SlaClock.BusinessHours, 60, "2026-10-10 09:00")]
    public void Deadlines_follow_the_policy_clock(string reported, SlaClock clock, int minutes, string due) =>
        Assert.Equal(At(due), SlaMath.Due(Calendar, clock, At(reported), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void The_warning_comes_when_the_share_of_the_target_is_used()
    {
        // 9 business hours from Monday 09:00: due Tuesday 09:00; 80% is 7.2 h, Monday 16:12.
        var due = SlaMath.Due(Calendar, SlaClock.BusinessHours, At("2026-03-02 09:00"), TimeSpan.FromHours(9));
        Assert.Equal(At("2026-03-03 09:00"), due);
        Assert.Equal(
            At("2026-03-02 16:12"),
            SlaMath.WarnAt(Calendar, SlaClock.BusinessHours, At("2026-03-02 09:00"), due, TimeSpan.FromHours(9), 80)
        );
        // Past the warning point already (e.g. just resumed after a long pause): warn now.
        Assert.Equal(
            At("2026-03-02 17:00"),
            SlaMath.WarnAt(Calendar, SlaClock.BusinessHours, At("2026-03-02 17:00"), due, TimeSpan.FromHours(9), 80)
        );
    }

    [Fact]
    public void A_pause_moves_the_deadline_by_the_clock_time_that_passed_while_paused()
    {
        var due = At("2026-03-04 12:00");
        // Paused Tuesday 16:30 to Wednesday 10:30: 1 h Tuesday + 2 h Wednesday of business time.
        Assert.Equal(
            At("2026-03-04 15:00"),
            SlaMath.Resume(Calendar, SlaClock.BusinessHours, due, At("2026-03-03 16:30"), At("2026-03-04 10:30"))
        );
        // In calendar hours the whole 18 h count.
        Assert.Equal(
            At("2026-03-05 06:00"),
            SlaMath.Resume(Calendar, SlaClock.CalendarHours, due, At("2026-03-03 16:30"), At("2026-03-04 10:30"))
        );
        // Paused over a weekend only: no business time passed, the deadline stays.
        Assert.Equal(due, SlaMath.Resume(Calendar, SlaClock.BusinessHours, due, At("2026-03-07 10:00"), At("2026-03-08 18:00")));
    }

    [Fact]
    public void Percent_used_runs_past_one_hundred_after_the_deadline()
    {
        var from = At("2026-03-02 09:00");
        var due = SlaMath.Due(Calendar, SlaClock.CalendarHours, from, TimeSpan.FromHours(4));
        Assert.Equal(50, SlaMath.PercentUsed(Calendar, SlaClock.CalendarHours, from.AddHours(2), due, TimeSpan.FromHours(4)));
        Assert.Equal(125, SlaMath.PercentUsed(Calendar, SlaClock.CalendarHours, from.AddHours(5), due, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void The_engineer_covering_the_region_and_trained_on_the_product_ranks_first()
    {
        var local = new Candidate(Guid.NewGuid(), "张工", ["江苏"], ["数控机床"], 2);
        var busyLocal = new Candidate(Guid.NewGuid(), "李工", ["江苏"], ["数控机床"], 5);
        var far = new Candidate(Guid.NewGuid(), "王工", ["广东"], ["数控机床"], 0);
        var untrained = new Candidate(Guid.NewGuid(), "赵工", ["江苏"], ["注塑机"], 0);
        var ranked = DispatchRanker.Rank("江苏", "数控机床", Severity.Degraded, [far, untrained, busyLocal, local]);
        Assert.Equal(["张工", "李工", "赵工", "王工"], ranked.Select(r => r.Name).ToArray());
        Assert.Equal(DispatchRanker.RegionPoints + DispatchRanker.SkillPoints - 10, ranked[0].Score);
        Assert.Contains(ranked[0].Reasons, r => r.Key == "Dispatch.Reason.Region" && r.Arg == "江苏");
        Assert.Contains(ranked[3].Reasons, r => r.Key == "Dispatch.Reason.OtherRegion");
    }

    [Fact]
    public void When_production_has_stopped_a_free_engineer_beats_a_busy_specialist()
    {
        var busySpecialist = new Candidate(Guid.NewGuid(), "李工", ["江苏"], ["数控机床"], 3);
        var freeGeneralist = new Candidate(Guid.NewGuid(), "赵工", ["江苏"], [], 0);
        Assert.Equal("李工", DispatchRanker.Rank("江苏", "数控机床", Severity.Degraded, [busySpecialist, freeGeneralist])[0].Name);
        Assert.Equal("赵工", DispatchRanker.Rank("江苏", "数控机床", Severity.StoppedProduction, [busySpecialist, freeGeneralist])[0].Name);
    }

    [Fact]
    public void Distances_are_great_circle_metres()
    {
        Assert.Equal(0, Geo.Meters(31.23, 121.47, 31.23, 121.47), 3);
        // Shanghai People's Square to the Bund: about 1.5 km.
        Assert.InRange(Geo.Meters(31.2304, 121.4737, 31.2400, 121.4900), 1700, 2000);
        // Shanghai to Beijing: about 1,070 km.
        Assert.InRange(Geo.Meters(31.2304, 121.4737, 39.9042, 116.4074), 1_050_000, 1_090_000);
    }

    [Fact]
    public void Call_backs_are_due_at_the_close_of_the_second_working_day()
    {
        Assert.Equal(At("2026-03-04 17:30"), Calendar.EndOfWorkingDay(At("2026-03-02 15:00"), 2));
        Assert.Equal(At("2026-03-10 17:30"), Calendar.EndOfWorkingDay(At("2026-03-06 15:00"), 2)); // Friday: Monday, Tuesday
        Assert.Equal(At("2026-10-09 17:30"), Calendar.EndOfWorkingDay(At("2026-09-30 15:00"), 2)); // over 国庆: Thursday 8th, Friday 9th
    }
}

public sealed class MedianTests
{
    [Theory]
    [InlineData(new[] { 5 }, 5.0)]
    [InlineData(new[] { 1, 2, 3 }, 2.0)]
    [InlineData(new[] { 1, 2, 3, 10 }, 2.5)]
    [InlineData(new[] { 7, 7, 7, 1 }, 7.0)]
    [InlineData(new[] { 180, 60, 60, 240, 900 }, 180.0)]
    public void The_median_from_a_histogram_equals_the_median_of_the_values(int[] values, double expected)
    {
        var histogram = values.GroupBy(v => v).Select(g => (g.Key, g.Count())).ToList();
        Assert.Equal(expected, Steadfast.Service.Dashboard.ServiceKpis.Median(histogram));
    }

    [Fact]
    public void No_values_no_median() => Assert.Null(Steadfast.Service.Dashboard.ServiceKpis.Median([]));
}

public sealed class SlaStepMatchingTests
{
    [Fact]
    public void A_deadline_read_back_from_postgres_microseconds_still_matches_its_step()
    {
        var scheduled = new DateTime(2026, 11, 27, 8, 30, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        var stored = new DateTime(scheduled.Ticks - scheduled.Ticks % 10, DateTimeKind.Utc); // PostgreSQL drops the last digit of ticks
        Assert.True(Steadfast.Service.Sla.SlaTicker.SameInstant(stored, scheduled));
        Assert.False(Steadfast.Service.Sla.SlaTicker.SameInstant(stored.AddSeconds(1), scheduled)); // a moved deadline is not the same
        Assert.False(Steadfast.Service.Sla.SlaTicker.SameInstant(null, scheduled));
    }
}

public sealed class SlaPlanTests
{
    private static readonly DateTime Due = new(2026, 12, 7, 6, 0, 0, DateTimeKind.Utc);
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public void A_plan_reads_back_with_each_steps_time_and_comes_due_at_the_earliest()
    {
        var steps = new List<SlaStep>
        {
            new(SlaTarget.Resolution, SlaStepKind.Warn, Due.AddHours(9), Due.AddHours(7)),
            new(SlaTarget.FirstResponse, SlaStepKind.Breach, Due, Due),
        };
        var plan = new SlaPlan(steps);
        var item = new Steadfast.Platform.Jobs.DueItem
        {
            DueAtUtc = plan.NextAt,
            Payload = System.Text.Json.JsonSerializer.Serialize(plan, Web),
        };
        Assert.Equal(Due, plan.NextAt);
        Assert.Equal(steps, SlaPlan.Read(item).Steps);
    }

    [Fact]
    public void An_item_written_before_plans_reads_as_one_step_due_at_the_items_time()
    {
        var item = new Steadfast.Platform.Jobs.DueItem
        {
            DueAtUtc = Due.AddMinutes(-30),
            Payload = """{"target":1,"step":0,"due":"2026-12-07T06:00:00Z"}""",
        };
        Assert.Equal([new SlaStep(SlaTarget.Arrival, SlaStepKind.Warn, Due, Due.AddMinutes(-30))], SlaPlan.Read(item).Steps);
        var id = Guid.CreateVersion7();
        Assert.Equal([id.ToString(), $"{id}:FirstResponse", $"{id}:Arrival", $"{id}:Resolution"], SlaPlan.Subjects(id));
    }
}
