using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.IntegrationTests.Sales;

namespace Steadfast.IntegrationTests.Maintenance;

/// <summary>
/// Preventive visits: due tasks become one visit per customer site and date, scheduled once however many runs race; the customer
/// confirms or asks for another date; on site every checklist item is answered, a finding opens a corrective order, and the
/// tasks' next due moves from the day they were done.
/// </summary>
public abstract class VisitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static object Monthly =>
        new
        {
            tasks = new object[]
            {
                new
                {
                    name = "月度点检",
                    everyDays = 30,
                    checklist = new object[]
                    {
                        new { text = "安全门联锁有效", kind = "passFail" },
                        new
                        {
                            text = "液压油温",
                            kind = "measure",
                            unit = "℃",
                            max = 60,
                        },
                    },
                },
            },
        };

    /// <summary>Two machines at the customer's plant and one at its second site, all installed so that they fall due this week.</summary>
    private async Task<(JsonElement Customer, JsonElement A, JsonElement B, JsonElement Far)> SiteAsync(HttpClient admin)
    {
        var product = await admin.ProductAsync();
        await admin.TemplateAsync(product, Monthly);
        var customer = await admin.CustomerAsync();
        var a = await admin.MachineAsync(customer, product, new { installedOn = "2026-02-01" });
        var b = await admin.MachineAsync(customer, product, new { installedOn = "2026-02-04" });
        var far = await admin.MachineAsync(customer, product, new { installedOn = "2026-02-02", siteAddress = "昆山市二厂" });
        return (customer, a, b, far);
    }

    [Fact]
    public async Task Due_tasks_become_one_visit_per_site_scheduled_once_and_the_customer_answers_the_date()
    {
        using var admin = await app.AdminAsync();
        var (customer, a, b, far) = await SiteAsync(admin);
        // Two runs at once (two nodes) and a third after (a restart): each task goes to exactly one visit.
        await Task.WhenAll(admin.GenerateAsync(), admin.GenerateAsync());
        await admin.GenerateAsync();
        var due = await admin.DueAsync(customer);
        Assert.Equal(3, due.Count);
        var order = due.Single(d => d.Str("machineId") == a.Id()).Str("workOrderId");
        Assert.NotNull(order);
        Assert.Equal(order, due.Single(d => d.Str("machineId") == b.Id()).Str("workOrderId"));
        var other = due.Single(d => d.Str("machineId") == far.Id()).Str("workOrderId");
        Assert.NotNull(other);
        Assert.NotEqual(order, other);
        var orders = await (await admin.GetAsync($"/api/v1/work-orders?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, orders.GetProperty("total").GetInt32());

        var visit = await (await admin.GetAsync($"/api/v1/work-orders/{order}/maintenance")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, visit.GetProperty("items").GetArrayLength());
        // Due 3 March (a's 30 days); proposed for that working day.
        Assert.Equal("2026-03-03", visit.Str("proposedOn"));
        Assert.Equal("proposed", visit.Str("status"));
        Assert.Equal(4, visit.GetProperty("unanswered").GetInt32());
        var wo = await (await admin.GetAsync($"/api/v1/work-orders/{order}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("maintenance", wo.Str("type"));
        Assert.Equal("preventive", wo.Str("source"));

        // The customer sees its visits in the portal and is told; another customer does not and cannot answer.
        var user = await app.CreateAsync("Customer", extra: new { customerId = customer.Id() });
        using var portal = await app.ClientForAsync(user.Email());
        var mine = await (await portal.GetAsync("/api/v1/my/maintenance")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, mine.GetArrayLength());
        var stranger = await app.CreateAsync("Customer", extra: new { customerId = (await admin.CustomerAsync()).Id() });
        using var strangerClient = await app.ClientForAsync(stranger.Email());
        Assert.Equal(0, (await (await strangerClient.GetAsync("/api/v1/my/maintenance")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await strangerClient.PostAsJsonAsync(
                    $"/api/v1/my/maintenance/{order}/reply",
                    new { confirm = true, version = visit.Version() }
                )
            ).StatusCode
        );
        var badDate = await (
            await portal.PostAsJsonAsync(
                $"/api/v1/my/maintenance/{order}/reply",
                new
                {
                    confirm = false,
                    askedOn = "2026-03-01",
                    version = visit.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["askedOn"], badDate.ErrorFields());
        var asked = await (
            await portal.PostAsJsonAsync(
                $"/api/v1/my/maintenance/{order}/reply",
                new
                {
                    confirm = false,
                    askedOn = "2026-03-05",
                    note = "周三停产检修",
                    version = visit.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("newDateAsked", asked.Str("status"));
        // The desk takes the customer's date: confirmed without asking again.
        var moved = await (
            await admin.PostAsJsonAsync(
                $"/api/v1/work-orders/{order}/maintenance/date",
                new { proposedOn = "2026-03-05", version = asked.Version() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed", moved.Str("status"));
        Assert.Equal("2026-03-05", moved.Str("proposedOn"));
        var confirmed = await (
            await portal.PostAsJsonAsync($"/api/v1/my/maintenance/{other}/reply", new { confirm = true, version = 1 })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.Str("status"));
    }

    [Fact]
    public async Task On_site_every_item_is_answered_a_finding_opens_one_corrective_order_and_the_next_due_moves()
    {
        using var admin = await app.AdminAsync();
        var (customer, a, _, _) = await SiteAsync(admin);
        await admin.GenerateAsync();
        var order = (await admin.DueAsync(customer)).Single(d => d.Str("machineId") == a.Id()).Str("workOrderId")!;
        var engineerUser = await app.CreateAsync("Engineer");
        using var engineer = await app.ClientForAsync(engineerUser.Email());
        await (
            await admin.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { to = "assigned", assigneeId = engineerUser.Id() })
        ).ExpectAsync(HttpStatusCode.OK);
        var visit = await (await engineer.GetAsync($"/api/v1/work-orders/{order}/maintenance")).ExpectAsync(HttpStatusCode.OK);
        var item = visit.GetProperty("items").EnumerateArray().Single(i => i.Str("machineId") == a.Id());
        var url = $"/api/v1/work-orders/{order}/checklist/{item.Id()}";
        // Not on site yet.
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PutAsJsonAsync($"{url}/c1", new { passed = true })).StatusCode);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(
            ["passed"],
            (await (await engineer.PutAsJsonAsync($"{url}/c1", new { note = "?" })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        var notNumber = await (
            await engineer.PutAsync($"{url}/c2", new StringContent("""{"value":"很烫"}""", System.Text.Encoding.UTF8, "application/json"))
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["value"], notNumber.ErrorFields());
        Assert.Equal(
            ["value"],
            (await (await engineer.PutAsJsonAsync($"{url}/c2", new { })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PutAsJsonAsync($"{url}/c9", new { passed = true })).StatusCode);

        var ok = await (await engineer.PutAsJsonAsync($"{url}/c1", new { passed = true })).ExpectAsync(HttpStatusCode.OK);
        Assert.False(ok.GetProperty("finding").GetBoolean());
        var hot = await (await engineer.PutAsJsonAsync($"{url}/c2", new { value = 75.5, note = "油温偏高" })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.True(hot.GetProperty("finding").GetBoolean());

        // Resolving with the other machine's items unanswered is refused, naming the checklist.
        var resolve = new
        {
            to = "resolved",
            diagnosis = "点检完成",
            rootCause = "wear",
            actions = "按计划保养",
            labourHours = 2,
        };
        var early = await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", resolve)).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["checklist"], early.ErrorFields());

        // One tap opens the corrective repair; a second tap answers the same order.
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"{url}/c1/corrective", new { })).StatusCode);
        var repair = await (await engineer.PostAsJsonAsync($"{url}/c2/corrective", new { })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("repair", repair.Str("type"));
        Assert.Equal("inspection", repair.Str("source"));
        Assert.Equal(a.Id(), repair.Str("machineId"));
        Assert.Contains("75.5℃", repair.Str("faultDescription"), StringComparison.Ordinal);
        var again = await (await engineer.PostAsJsonAsync($"{url}/c2/corrective", new { })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(repair.Id(), again.Id());

        visit = await (await engineer.GetAsync($"/api/v1/work-orders/{order}/maintenance")).ExpectAsync(HttpStatusCode.OK);
        foreach (var other in visit.GetProperty("items").EnumerateArray().Where(i => i.Id() != item.Id()))
        {
            await (
                await engineer.PutAsJsonAsync($"/api/v1/work-orders/{order}/checklist/{other.Id()}/c1", new { passed = true })
            ).ExpectAsync(HttpStatusCode.OK);
            await (await engineer.PutAsJsonAsync($"/api/v1/work-orders/{order}/checklist/{other.Id()}/c2", new { value = 41 })).ExpectAsync(
                HttpStatusCode.OK
            );
        }
        // Due on 3 March, done a day early on the 2nd: the next due counts 30 days from the day it was done.
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", resolve)).ExpectAsync(HttpStatusCode.OK);
        var plan = await admin.PlanAsync(a);
        var task = plan.Task("月度点检");
        Assert.Equal("2026-03-02", task.Str("lastDoneOn"));
        Assert.Equal("2026-04-01", task.Str("nextDueOn"));
        Assert.Null(task.Str("openWorkOrderId"));
        visit = await (await admin.GetAsync($"/api/v1/work-orders/{order}/maintenance")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("done", visit.Str("status"));
        Assert.Equal(1, visit.GetProperty("findings").GetInt32());
        Assert.All(visit.GetProperty("items").EnumerateArray(), i => Assert.Equal("done", i.Str("outcome")));
    }

    [Fact]
    public async Task A_cancelled_visit_gives_its_tasks_back_to_the_next_run()
    {
        using var admin = await app.AdminAsync();
        var (customer, a, _, _) = await SiteAsync(admin);
        await admin.GenerateAsync();
        var order = (await admin.DueAsync(customer)).Single(d => d.Str("machineId") == a.Id()).Str("workOrderId")!;
        await (
            await admin.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { to = "cancelled", reason = "客户停产" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Null((await admin.DueAsync(customer)).Single(d => d.Str("machineId") == a.Id()).Str("workOrderId"));
        await admin.GenerateAsync();
        var next = (await admin.DueAsync(customer)).Single(d => d.Str("machineId") == a.Id()).Str("workOrderId");
        Assert.NotNull(next);
        Assert.NotEqual(order, next);
    }
}

public sealed class VisitTests_Sqlite(SqliteFactory app) : VisitTests<SqliteFactory>(app);

public sealed class VisitTests_Postgres(PostgresFactory app) : VisitTests<PostgresFactory>(app);
