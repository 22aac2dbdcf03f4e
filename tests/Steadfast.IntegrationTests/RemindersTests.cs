using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Jobs;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Reminders that exist as data reach people: planned follow-ups and tier contact frequencies in the owner's list, the
/// customer list and the heat map; a notice once per machine whose warranty is ending; a morning digest per user.
/// </summary>
public abstract class RemindersTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private Task<int> DrainAsync() => app.Services.GetRequiredService<QueueTicker>().DrainAsync(default);

    /// <summary>
    /// Ages a customer in the database rather than moving the clock by weeks: the fake clock fires every periodic timer
    /// once per period it skips (the SQLite checkpointer's is a second), so a month's jump costs more than the test.
    /// </summary>
    private Task<int> AgeAsync(JsonElement customer, int days) =>
        app.DbAsync(db =>
            db.Set<Steadfast.Customers.Customers.Customer>()
                .Where(c => c.Id == customer.GetProperty("id").GetGuid())
                .ExecuteUpdateAsync(x => x.SetProperty(c => c.CreatedAtUtc, c => c.CreatedAtUtc.AddDays(-days)))
        );

    /// <summary>To the next morning, company time, after the day's reminder and digest runs.</summary>
    private void NextMorning() => app.Clock.Advance(TimeSpan.FromDays(1));

    private readonly Dictionary<HttpClient, string> _emails = [];

    private async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
    {
        var user = await app.CreateAsync(role);
        var client = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        _emails[client] = user.GetProperty("email").GetString()!;
        return (client, user.GetProperty("id").GetGuid());
    }

    /// <summary>A session token lasts hours: after the clock moves on by days, the user signs in again.</summary>
    private async Task<HttpClient> AgainAsync(HttpClient old)
    {
        var fresh = await app.ClientForAsync(_emails[old]);
        _emails[fresh] = _emails[old];
        return fresh;
    }

    private static async Task<List<JsonElement>> BellAsync(HttpClient c) =>
        [
            .. (await (await c.GetAsync("/api/v1/notifications?pageSize=100")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray(),
        ];

    [Fact]
    public async Task A_contact_frequency_of_zero_or_less_is_refused_naming_the_tier()
    {
        using var admin = await app.AdminAsync();
        foreach (var days in new[] { 0, -7 })
            Assert.Contains(
                "strategicContactDays",
                (
                    await (
                        await admin.PutAsJsonAsync("/api/v1/reminder-settings", new { strategicContactDays = days, keyContactDays = 60 })
                    ).ExpectAsync(HttpStatusCode.BadRequest)
                ).ErrorFields()
            );
        Assert.Contains(
            "warrantyNoticeDays",
            (
                await (await admin.PutAsJsonAsync("/api/v1/reminder-settings", new { warrantyNoticeDays = 0 })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        var (engineer, _) = await UserAsync("Engineer");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await engineer.PutAsJsonAsync("/api/v1/reminder-settings", new { keyContactDays = 10 })).StatusCode
        );
    }

    [Fact]
    public async Task Planned_follow_ups_and_tier_frequencies_reach_the_owner_list_the_customer_list_the_heat_map_and_the_bell()
    {
        using var admin = await app.AdminAsync();
        var settings = await (
            await admin.PutAsJsonAsync(
                "/api/v1/reminder-settings",
                new
                {
                    strategicContactDays = 30,
                    keyContactDays = 60,
                    warrantyNoticeDays = 60,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(settings.GetProperty("normalContactDays").GetString());
        var (sales, me) = await UserAsync("Sales");
        var quiet = await sales.CustomerAsync(extra: new { tier = "strategic", ownerId = me });
        var planned = await sales.CustomerAsync(extra: new { ownerId = me });
        var normal = await sales.CustomerAsync(extra: new { ownerId = me });
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        await (
            await sales.PostAsJsonAsync(
                $"/api/v1/customers/{planned.Id()}/activities",
                new
                {
                    type = "call",
                    summary = "报价后回访",
                    nextFollowUpOn = today.AddDays(1).ToString("yyyy-MM-dd"),
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await sales.PostAsJsonAsync($"/api/v1/customers/{normal.Id()}/activities", new { type = "visit", summary = "拜访" })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(
            (await (await sales.GetAsync("/api/v1/customers/follow-ups-due?mine=true")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray(),
            c => c.GetProperty("customerId").GetString() == quiet.Id()
        );

        // The strategic customer registered 31 days ago and never contacted is past its frequency; the next morning the planned
        // call has come; the normal one, contacted, rests.
        await AgeAsync(quiet, 31);
        NextMorning();
        sales = await AgainAsync(sales);
        var due = (await (await sales.GetAsync("/api/v1/customers/follow-ups-due?mine=true")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("customerId").GetString()!, c => c.GetProperty("reason").GetString());
        Assert.Equal("frequency", due[quiet.Id()]);
        Assert.Equal("scheduled", due[planned.Id()]);
        Assert.False(due.ContainsKey(normal.Id()));
        var list = (await (await sales.GetAsync("/api/v1/customers?followUpDue=true&mine=true")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items")
            .EnumerateArray()
            .Select(c => c.Id())
            .ToHashSet();
        Assert.Equal(new HashSet<string> { quiet.Id(), planned.Id() }, list);
        using var admin2 = await app.AdminAsync();
        var heat = (await (await admin2.GetAsync("/api/v1/customers/heatmap")).ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray()
            .Single(h => h.GetProperty("ownerId").GetString() == me.ToString());
        Assert.Equal(2, heat.GetProperty("overdue").GetInt32());

        // The morning run told the owner about the call planned for today, once.
        await DrainAsync();
        await DrainAsync();
        var bell = await BellAsync(sales);
        Assert.Single(bell, n =>
            n.GetProperty("kind").GetString() == "FollowUpDue" && n.GetProperty("link").GetString() == $"/customers/{planned.Id()}"
        );
    }

    [Fact]
    public async Task A_warranty_ending_is_announced_once_per_machine_to_the_owner_and_the_service_manager()
    {
        using var admin = await app.AdminAsync();
        var (sales, me) = await UserAsync("Sales");
        var (manager, _) = await UserAsync("ServiceManager");
        var customer = await sales.CustomerAsync(extra: new { ownerId = me });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var machine = await admin.MachineAsync(
            customer,
            await admin.ProductAsync(12),
            new { installedOn = DateOnly.FromDateTime(now).AddMonths(-12).AddDays(20).ToString("yyyy-MM-dd") }
        );
        var ending = (await (await sales.GetAsync("/api/v1/equipment/warranty-ending?mine=true")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        Assert.Contains(ending, m => m.GetProperty("machineId").GetString() == machine.Id());

        for (var day = 0; day < 2; day++)
        {
            NextMorning();
            await DrainAsync();
        }
        foreach (var who in new[] { await AgainAsync(sales), await AgainAsync(manager) })
            Assert.Single(await BellAsync(who), n =>
                n.GetProperty("kind").GetString() == "WarrantyEnding" && n.GetProperty("link").GetString() == $"/equipment/{machine.Id()}"
            );
        Assert.Contains(
            "days",
            (
                await (await (await AgainAsync(sales)).GetAsync("/api/v1/equipment/warranty-ending?days=0")).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
    }

    [Fact]
    public async Task The_morning_digest_sums_up_what_waits_and_a_user_may_switch_it_off()
    {
        var (sales, me) = await UserAsync("Sales");
        var (quietSales, quietMe) = await UserAsync("Sales");
        await AgeAsync(await sales.CustomerAsync(extra: new { tier = "strategic", ownerId = me }), 40);
        await AgeAsync(await quietSales.CustomerAsync(extra: new { tier = "strategic", ownerId = quietMe }), 40);
        Assert.True(
            (await (await quietSales.GetAsync("/api/v1/notifications/preferences")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("dailyDigest")
                .GetBoolean()
        );
        await (await quietSales.PutAsJsonAsync("/api/v1/notifications/preferences", new { dailyDigest = false })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Contains(
            "dailyDigest",
            (
                await (await quietSales.PutAsJsonAsync("/api/v1/notifications/preferences", new { })).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );

        NextMorning();
        await DrainAsync();
        var digest = (await BellAsync(await AgainAsync(sales))).Where(n => n.GetProperty("kind").GetString() == "DailyDigest").ToList();
        Assert.NotEmpty(digest);
        Assert.Contains("1", digest[0].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await BellAsync(await AgainAsync(quietSales)), n => n.GetProperty("kind").GetString() == "DailyDigest");
    }
}

public sealed class RemindersTests_Sqlite(SqliteFactory app) : RemindersTests<SqliteFactory>(app);

public sealed class RemindersTests_Postgres(PostgresFactory app) : RemindersTests<PostgresFactory>(app);
