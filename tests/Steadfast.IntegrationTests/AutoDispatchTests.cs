using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Dispatch runs by itself where a rule says "auto" for the order's region and severity: the best-ranked engineer of the
/// region under his daily cap gets it, with the score and reasons recorded and a notification; nobody qualifying leaves
/// it in the pool. Two orders created at once do not push one engineer past his cap.
/// </summary>
public abstract class AutoDispatchTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private async Task<(HttpClient Client, Guid Id)> EngineerAsync(string province, int dailyCap, string name)
    {
        var user = await app.CreateAsync("Engineer", extra: new { displayName = name });
        var id = user.GetProperty("id").GetGuid();
        using var admin = await app.AdminAsync();
        await (await admin.PutAsJsonAsync($"/api/v1/engineers/{id}", new { regions = new[] { province }, dailyCap })).ExpectAsync(
            HttpStatusCode.OK
        );
        return (await app.ClientForAsync(user.GetProperty("email").GetString()!), id);
    }

    private static async Task<JsonElement> IntakeAsync(HttpClient c, JsonElement customer, JsonElement machine, string severity) =>
        await (
            await c.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.GetProperty("id").GetGuid(),
                    machineId = machine.GetProperty("id").GetGuid(),
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "停机",
                    category = "液压",
                    severity,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Rules_name_a_region_that_exists_and_only_managers_set_them()
    {
        using var admin = await app.AdminAsync();
        var problem = await (
            await admin.PostAsJsonAsync(
                "/api/v1/dispatch-rules",
                new
                {
                    region = "亚特兰蒂斯",
                    severity = "degraded",
                    mode = "auto",
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("region", problem.ErrorFields());
        Assert.Contains(
            "mode",
            (
                await (await admin.PostAsJsonAsync("/api/v1/dispatch-rules", new { region = "" })).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var province = $"规{Guid.NewGuid():N}"[..6];
        await admin.CustomerAsync(extra: new { province });
        var rule = await (
            await admin.PostAsJsonAsync(
                "/api/v1/dispatch-rules",
                new
                {
                    region = province,
                    severity = "degraded",
                    mode = "auto",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("auto", rule.GetProperty("mode").GetString());
        Assert.Contains(
            "region",
            (
                await (
                    await admin.PostAsJsonAsync(
                        "/api/v1/dispatch-rules",
                        new
                        {
                            region = province,
                            severity = "degraded",
                            mode = "off",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var (engineer, _) = await EngineerAsync(province, 3, "工程师甲");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await engineer.PostAsJsonAsync("/api/v1/dispatch-rules", new { region = "", mode = "auto" })).StatusCode
        );
        var (_, engineerId) = await EngineerAsync(province, 2, "工程师乙");
        Assert.Contains(
            "dailyCap",
            (
                await (await admin.PutAsJsonAsync($"/api/v1/engineers/{engineerId}", new { dailyCap = 0 })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
    }

    [Fact]
    public async Task Auto_assigns_the_best_engineer_within_his_daily_cap_even_for_two_orders_at_once_then_leaves_the_pool()
    {
        var province = $"派{Guid.NewGuid():N}"[..6];
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync(extra: new { province });
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12));
        var (first, firstId) = await EngineerAsync(province, 1, "张工");
        var (second, secondId) = await EngineerAsync(province, 1, "李工");
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/dispatch-rules",
                new
                {
                    region = province,
                    severity = "stoppedProduction",
                    mode = "auto",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

        // A degraded order in the same region has no auto rule: suggested only, left new.
        var degraded = await IntakeAsync(admin, customer, machine, "degraded");
        Assert.Equal("new", degraded.GetProperty("status").GetString());

        // Two stopped-production orders at once: one each, never both to one engineer with a cap of one.
        var both = await Task.WhenAll(
            IntakeAsync(admin, customer, machine, "stoppedProduction"),
            IntakeAsync(admin, customer, machine, "stoppedProduction")
        );
        Assert.All(both, o => Assert.Equal("assigned", o.GetProperty("status").GetString()));
        Assert.Equal(new[] { firstId, secondId }.Order(), both.Select(o => o.GetProperty("assigneeId").GetGuid()).Order());
        var note = await app.DbAsync(db =>
            db.Set<WorkOrderEvent>()
                .Where(e => e.WorkOrderId == both[0].GetProperty("id").GetGuid() && e.To == WorkOrderStatus.Assigned)
                .Select(e => e.Note)
                .SingleAsync()
        );
        Assert.Contains("50", note, StringComparison.Ordinal); // the score, with the region's points in it
        foreach (var (client, id) in new[] { (first, firstId), (second, secondId) })
        {
            var mine = both.Single(o => o.GetProperty("assigneeId").GetGuid() == id);
            var bell = await (await client.GetAsync("/api/v1/notifications?pageSize=50")).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains(bell.GetProperty("items").EnumerateArray(), n =>
                n.GetProperty("link").GetString()!.Contains(mine.Id(), StringComparison.Ordinal)
            );
        }

        // Both at their cap: the next one waits in the pool, and says why.
        var third = await IntakeAsync(admin, customer, machine, "stoppedProduction");
        Assert.Equal("new", third.GetProperty("status").GetString());
        Assert.True(
            await app.DbAsync(db =>
                db.Set<WorkOrderEvent>()
                    .AnyAsync(e => e.WorkOrderId == third.GetProperty("id").GetGuid() && e.Note != "" && e.ActorId == null)
            )
        );
    }

    [Fact]
    public async Task A_qr_report_is_assigned_too_and_a_region_nobody_covers_stays_in_the_pool()
    {
        var province = $"扫{Guid.NewGuid():N}"[..6];
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync(extra: new { province });
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12));
        var (_, engineerId) = await EngineerAsync(province, 5, "王工");
        await (await admin.PostAsJsonAsync("/api/v1/dispatch-rules", new { region = province, mode = "auto" })).ExpectAsync(
            HttpStatusCode.Created
        );
        var token = await app.DbAsync(db =>
            db.Set<Steadfast.Customers.Equipment.Machine>()
                .Where(m => m.Id == machine.GetProperty("id").GetGuid())
                .Select(m => m.QrToken)
                .SingleAsync()
        );
        using var anon = app.CreateClient();
        await (
            await anon.PostAsJsonAsync(
                $"/api/v1/public/equipment/{token}/requests",
                new
                {
                    description = "漏油",
                    contactName = "操作工",
                    contactPhone = "13900000000",
                    urgency = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var order = await app.DbAsync(db => db.Set<WorkOrder>().SingleAsync(w => w.MachineId == machine.GetProperty("id").GetGuid()));
        Assert.Equal(WorkOrderStatus.Assigned, order.Status);
        Assert.Equal(engineerId, order.AssigneeId);

        var nowhere = $"无{Guid.NewGuid():N}"[..6];
        var far = await admin.CustomerAsync(extra: new { province = nowhere });
        await (await admin.PostAsJsonAsync("/api/v1/dispatch-rules", new { region = nowhere, mode = "auto" })).ExpectAsync(
            HttpStatusCode.Created
        );
        var left = await IntakeAsync(admin, far, await admin.MachineAsync(far, await admin.ProductAsync(12)), "degraded");
        Assert.Equal("new", left.GetProperty("status").GetString());
    }
}

public sealed class AutoDispatchTests_Sqlite(SqliteFactory app) : AutoDispatchTests<SqliteFactory>(app);

public sealed class AutoDispatchTests_Postgres(PostgresFactory app) : AutoDispatchTests<PostgresFactory>(app);
