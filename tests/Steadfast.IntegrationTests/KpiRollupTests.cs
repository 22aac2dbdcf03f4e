using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.Dashboard;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

/// <summary>
/// The dashboard's roll-up of past months: the same figures as counting live, and a change to an old order counts at once.
/// </summary>
public abstract class KpiRollupTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Past_months_come_from_the_roll_up_with_the_live_figures_and_a_change_to_an_old_order_counts_at_once()
    {
        var region = $"卷{Guid.NewGuid():N}"[..8];
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        // Seven months back, starting mid-month: the first month is partly in the period, so it is always counted live.
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-7).AddDays(9);
        var engineers = new[]
        {
            (await app.CreateAsync("Engineer")).GetProperty("id").GetGuid(),
            (await app.CreateAsync("Engineer")).GetProperty("id").GetGuid(),
        };
        var orders = Enumerable
            .Range(0, 140)
            .Select(i => Order(i, from.AddDays(i * (today.DayNumber - from.DayNumber) / 140), region, engineers[i % 2]))
            .ToList();
        await app.DbAsync(async db =>
        {
            db.AddRange(orders);
            return await db.SaveChangesAsync();
        });
        var filter = new KpiFilter(from, today, region, null);

        var live = await ComputeAsync(filter);
        Assert.Equal(orders.Count(o => o.Status != WorkOrderStatus.Cancelled), live.Reported);
        Assert.True(live.TrendByMonth);
        var rolled = await RefreshAsync();
        Assert.True(rolled >= 5, $"{rolled} months rolled up");
        Assert.Equal(0, await RefreshAsync());
        // The current and the previous month stay live.
        var firstLive = KpiRollup.FirstLiveMonth(app.Clock.GetUtcNow().UtcDateTime);
        Assert.False(await app.DbAsync(db => db.Set<KpiMonth>().AnyAsync(m => m.Month >= firstLive)));
        Assert.Equal(Json(live), Json(await ComputeAsync(filter)));
        Assert.Equal(
            Json(await ComputeAsync(filter with { ProductCategory = "注塑机" }, rollUp: false)),
            Json(await ComputeAsync(filter with { ProductCategory = "注塑机" }))
        );

        // The figures of a rolled-up month really come from its cells: a cell altered by hand shows.
        var old = orders.First(o =>
            o.Status == WorkOrderStatus.Closed
            && o.Csat is null
            && o.ReportedDay / 100 < firstLive
            && o.ReportedDay >= WorkOrderService.Day(from.AddMonths(1))
        );
        var month = old.ReportedDay / 100;
        await app.DbAsync(db =>
            db.Set<KpiCell>()
                .Where(c => c.Period == month && c.Region == region)
                .Take(1)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Reported, c => c.Reported + 1000))
        );
        Assert.Equal(live.Reported + 1000, (await ComputeAsync(filter)).Reported);

        // A survey answered on an old order (an update in place) makes its month live again at once.
        using var anon = app.CreateClient();
        await (await anon.PostAsJsonAsync($"/api/v1/public/surveys/{old.SurveyToken}", new { csat = 5, nps = 10 })).ExpectAsync(
            HttpStatusCode.NoContent
        );
        var answered = await ComputeAsync(filter);
        Assert.Equal(live.Reported, answered.Reported);
        Assert.Equal(live.Surveys + 1, answered.Surveys);
        Assert.Equal(Json(await ComputeAsync(filter, rollUp: false)), Json(answered));

        // So does an order changed through the change tracker: another old order cancelled.
        var cancelled = orders.First(o =>
            o.Status == WorkOrderStatus.Closed
            && o.ReportedDay / 100 < firstLive
            && o.ReportedDay / 100 != month
            && o.ReportedDay >= WorkOrderService.Day(from.AddMonths(1))
        );
        await app.DbAsync(async db =>
        {
            var w = await db.Set<WorkOrder>().SingleAsync(w => w.Id == cancelled.Id);
            w.Status = WorkOrderStatus.Cancelled;
            return await db.SaveChangesAsync();
        });
        var afterCancel = await ComputeAsync(filter);
        Assert.Equal(live.Reported - 1, afterCancel.Reported);
        Assert.Equal(Json(await ComputeAsync(filter, rollUp: false)), Json(afterCancel));

        // The next refresh rolls up just those two months and consumes their touches; the figures stay the live ones.
        Assert.Equal(
            2,
            await app.DbAsync(db => db.Set<KpiTouch>().Where(t => t.Month < firstLive).Select(t => t.Month).Distinct().CountAsync())
        );
        Assert.Equal(2, await RefreshAsync());
        Assert.False(await app.DbAsync(db => db.Set<KpiTouch>().AnyAsync(t => t.Month < firstLive)));
        Assert.Equal(Json(afterCancel), Json(await ComputeAsync(filter)));
    }

    /// <summary>A fresh computation (no dashboard cache); without the roll-up, every day is counted from the orders.</summary>
    private async Task<ServiceKpiDto> ComputeAsync(KpiFilter filter, bool rollUp = true)
    {
        var kpis = new ServiceKpis(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Clock,
            new MemoryCache(new MemoryCacheOptions())
        )
        {
            UseRollup = rollUp,
        };
        return await kpis.ComputeAsync(filter, default);
    }

    private async Task<int> RefreshAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshAsync(default);
    }

    private static string Json(ServiceKpiDto k) => JsonSerializer.Serialize(k);

    /// <summary>
    /// Orders as the history leaves them: most closed, some open, some cancelled; surveyed, breached, reworked now and then.
    /// </summary>
    private static WorkOrder Order(int i, DateOnly day, string region, Guid engineer)
    {
        var closed = i % 5 != 0;
        return new WorkOrder
        {
            Id = Guid.CreateVersion7(),
            Number = $"KR{Guid.NewGuid():N}"[..20],
            Type = i % 4 == 0 ? WorkOrderType.Installation : WorkOrderType.Repair,
            Status =
                closed ? WorkOrderStatus.Closed
                : i % 10 == 0 ? WorkOrderStatus.Cancelled
                : WorkOrderStatus.Assigned,
            CustomerId = Guid.NewGuid(),
            Region = region,
            ProductCategory = i % 3 == 0 ? "注塑机" : "加工中心",
            Category = i % 2 == 0 ? "液压" : "电气",
            AssigneeId = engineer,
            ReportedAtUtc = day.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc),
            ReportedDay = WorkOrderService.Day(day),
            FirstResponseMinutes = 5 + i % 13,
            ResolutionMinutes = closed ? 30 + i * 11 : null,
            VisitCount = 1 + i % 3,
            ReopenCount = i % 17 == 0 ? 1 : 0,
            HasRework = i % 19 == 0,
            FirstResponseBreached = i % 7 == 0,
            ArrivalBreached = closed ? i % 9 == 0 : null,
            ResolutionBreached = closed ? i % 4 == 0 : null,
            Csat = closed && i % 3 == 0 ? 1 + i % 5 : null,
            Nps = closed && i % 3 == 0 ? i % 11 : null,
            LabourHours = 1.5,
            LabourCost = 100 * i,
            TravelCost = 50,
            PartsCost = 7 * i,
            TrackingToken = $"kr{Guid.NewGuid():N}",
            SurveyToken = $"ks{Guid.NewGuid():N}",
        };
    }
}

public sealed class KpiRollupTests_Sqlite(SqliteFactory app) : KpiRollupTests<SqliteFactory>(app);

public sealed class KpiRollupTests_Postgres(PostgresFactory app) : KpiRollupTests<PostgresFactory>(app);
