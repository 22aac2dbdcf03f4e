using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// Engineering changes: written by R&amp;D only, a number used once, at least one model or part; publishing finds the open
/// orders, opportunities, projects, machines (through the part's models, within a serial range) and open work orders,
/// gives each affected customer's account manager a task due in 24 hours, records answers per order, and escalates what
/// is still waiting to the sales managers.
/// </summary>
public abstract class EcnTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static string Number() => $"ECN-T{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    [Fact]
    public async Task Publishing_finds_what_the_change_touches_and_asks_each_customer_once()
    {
        using var admin = await app.AdminAsync();
        var rep1 = await app.CreateAsync("Sales");
        var rep2 = await app.CreateAsync("Sales");
        var manager = await app.CreateAsync("SalesManager");
        var rd = await app.CreateAsync("RdEngineer");
        using var c1 = await app.ClientForAsync(rep1.Email());
        using var c2 = await app.ClientForAsync(rep2.Email());
        using var crd = await app.ClientForAsync(rd.Email());
        var model = await admin.ProductAsync();
        var otherModel = await admin.ProductAsync();
        var partNumber = $"P-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/parts",
                new
                {
                    number = partNumber,
                    name = "主轴密封圈",
                    unit = "pcs",
                    unitCost = 1200,
                    productIds = new[] { model.GetProperty("id").GetGuid() },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // Customer A: an open order, an opportunity, a project on the order, a machine with an open work order.
        var a = await c1.CustomerAsync();
        var order = await c1.OrderAsync(a, model, now);
        var opportunity = await (
            await c1.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "三期扩产",
                    customerId = a.Id(),
                    expectedCloseOn = DateOnly.FromDateTime(now).AddDays(60).ToString("yyyy-MM-dd"),
                    lines = new object[]
                    {
                        new
                        {
                            productId = model.Id(),
                            quantity = 2,
                            unitPrice = 400_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var project = await (await c1.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id() })).ExpectAsync(
            HttpStatusCode.Created
        );
        var machineA = await admin.MachineAsync(a, model, new { serialNumber = $"ZZA{Guid.NewGuid():N}"[..12].ToUpperInvariant() });
        var workOrder = await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = a.GetProperty("id").GetGuid(),
                    machineId = machineA.GetProperty("id").GetGuid(),
                    type = "repair",
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "主轴温升高",
                    category = "主轴",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        // Customer B: only a machine of the model. Customer C: a machine of another model, untouched.
        var b = await c2.CustomerAsync();
        await admin.MachineAsync(b, model, new { serialNumber = $"ZZB{Guid.NewGuid():N}"[..12].ToUpperInvariant() });
        var c = await c2.CustomerAsync();
        await admin.MachineAsync(c, otherModel);

        // Only R&D (and the admin) write ECNs; an ECN names what it touches; a number is used once.
        var number = Number();
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await c1.PostAsJsonAsync(
                    "/api/v1/ecns",
                    new
                    {
                        number,
                        title = "x",
                        partNumbers = new[] { partNumber },
                        effectiveOn = "2026-04-01",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            ["productIds"],
            (
                await (
                    await crd.PostAsJsonAsync(
                        "/api/v1/ecns",
                        new
                        {
                            number,
                            title = "无范围",
                            effectiveOn = "2026-04-01",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Equal(
            ["partNumbers"],
            (
                await (
                    await crd.PostAsJsonAsync(
                        "/api/v1/ecns",
                        new
                        {
                            number,
                            title = "未知零件",
                            partNumbers = new[] { "NO-SUCH-PART" },
                            effectiveOn = "2026-04-01",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var ecn = await (
            await crd.PostAsJsonAsync(
                "/api/v1/ecns",
                new
                {
                    number,
                    title = "主轴密封圈改为氟橡胶",
                    partNumbers = new[] { partNumber },
                    serialFrom = "ZZ",
                    serialTo = "ZZZ",
                    effectiveOn = "2026-04-01",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("draft", ecn.GetProperty("status").GetString());
        await (
            await crd.PostAsJsonAsync(
                "/api/v1/ecns",
                new
                {
                    number = number.ToLowerInvariant(),
                    title = "重复",
                    productIds = new[] { model.Id() },
                    effectiveOn = "2026-04-01",
                }
            )
        ).ExpectAsync(HttpStatusCode.Conflict);

        var published = await (await crd.PostAsJsonAsync($"/api/v1/ecns/{ecn.Id()}/publish", new { version = ecn.Version() })).ExpectAsync(
            HttpStatusCode.OK
        );
        var counts = published.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("orders").GetInt32());
        Assert.Equal(1, counts.GetProperty("opportunities").GetInt32());
        Assert.Equal(1, counts.GetProperty("projects").GetInt32());
        Assert.Equal(2, counts.GetProperty("machines").GetInt32());
        Assert.Equal(1, counts.GetProperty("workOrders").GetInt32());
        Assert.Equal(2, counts.GetProperty("customers").GetInt32());
        await (await crd.PostAsJsonAsync($"/api/v1/ecns/{ecn.Id()}/publish", new { version = published.Version() })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        var workOrders = await (await crd.GetAsync($"/api/v1/ecns/{ecn.Id()}/impacts?kind=WorkOrder")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(workOrder.Id(), Assert.Single(workOrders.GetProperty("items").EnumerateArray()).GetProperty("recordId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await crd.GetAsync($"/api/v1/ecns/{ecn.Id()}/impacts?kind=Nothing")).StatusCode);

        // Each account manager has one task for their customer, due in 24 hours, and sees only their own confirmations.
        var tasks = await (await c1.GetAsync($"/api/v1/tasks?recordId={ecn.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var task = Assert.Single(tasks.GetProperty("items").EnumerateArray());
        Assert.Equal(now.AddHours(24), task.GetProperty("dueAt").GetDateTime().ToUniversalTime(), TimeSpan.FromMinutes(1));
        Assert.Contains(await app.NotificationsAsync(rep1.Email()), n => n.GetProperty("kind").GetString() == "EcnConfirm");
        var mine = await (await c1.GetAsync($"/api/v1/ecns/{ecn.Id()}/confirmations")).ExpectAsync(HttpStatusCode.OK);
        var conf = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(a.Id(), conf.GetProperty("customerId").GetString());
        Assert.Equal(rep1.Id(), conf.GetProperty("accountManagerId").GetString());
        var orders = conf.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(3, orders.Count);

        // Not rep2's customer; a wrong order id names the field; per-order answers first, then the rest at once.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await c2.PostAsJsonAsync(
                    $"/api/v1/ecns/{ecn.Id()}/confirmations/{conf.Id()}/answer",
                    new { outcome = "Accepted", version = conf.Version() }
                )
            ).StatusCode
        );
        var wrong = await (
            await c1.PostAsJsonAsync(
                $"/api/v1/ecns/{ecn.Id()}/confirmations/{conf.Id()}/answer",
                new { orders = new[] { new { impactId = Guid.NewGuid(), outcome = "Accepted" } }, version = conf.Version() }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["orders[0].impactId"], wrong.ErrorFields());
        var salesOrder = orders.Single(o => o.GetProperty("kind").GetString() == "salesOrder");
        var partly = await (
            await c1.PostAsJsonAsync(
                $"/api/v1/ecns/{ecn.Id()}/confirmations/{conf.Id()}/answer",
                new { orders = new[] { new { impactId = salesOrder.Id(), outcome = "Rejected" } }, version = conf.Version() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, partly.GetProperty("confirmedAtUtc").ValueKind);
        var done = await (
            await c1.PostAsJsonAsync(
                $"/api/v1/ecns/{ecn.Id()}/confirmations/{conf.Id()}/answer",
                new
                {
                    outcome = "Accepted",
                    note = "客户同意新方案",
                    version = partly.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("confirmedAtUtc").ValueKind);
        Assert.Equal(
            "rejected",
            done.GetProperty("orders").EnumerateArray().Single(o => o.Id() == salesOrder.Id()).GetProperty("outcome").GetString()
        );
        Assert.All(done.GetProperty("orders").EnumerateArray().Where(o => o.Id() != salesOrder.Id()), o =>
            Assert.Equal("accepted", o.GetProperty("outcome").GetString())
        );
        tasks = await (await c1.GetAsync($"/api/v1/tasks?recordId={ecn.Id()}&status=done")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(tasks.GetProperty("items").EnumerateArray());

        // A day later, customer B has not answered: the sales managers hear of it once.
        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.DrainAsync();
        await app.DrainAsync();
        Assert.Contains(await app.NotificationsAsync(manager.Email()), n => n.GetProperty("kind").GetString() == "EcnOverdue");
        using var cr2 = await app.ClientForAsync(rd.Email());
        var detail = await (await cr2.GetAsync($"/api/v1/ecns/{ecn.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, detail.GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(1, detail.GetProperty("counts").GetProperty("overdue").GetInt32());
        var open = await (await cr2.GetAsync($"/api/v1/ecns/{ecn.Id()}/confirmations?open=true")).ExpectAsync(HttpStatusCode.OK);
        var waiting = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal(b.Id(), waiting.GetProperty("customerId").GetString());
        Assert.True(waiting.GetProperty("escalated").GetBoolean());

        // A published ECN is final; the files hang off it.
        await (
            await cr2.PutAsJsonAsync(
                $"/api/v1/ecns/{ecn.Id()}",
                new
                {
                    number,
                    title = "改",
                    partNumbers = new[] { partNumber },
                    effectiveOn = "2026-04-01",
                    version = detail.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.Conflict);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ProjectKit.Pdf);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, "file", "ECN.pdf");
        await (await cr2.PostAsync($"/api/v1/ecns/{ecn.Id()}/attachments", form)).ExpectAsync(HttpStatusCode.Created);
        using var c1b = await app.ClientForAsync(rep1.Email());
        Assert.Equal(HttpStatusCode.OK, (await c1b.GetAsync($"/api/v1/ecns/{ecn.Id()}/attachments")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await c1b.PostAsync($"/api/v1/ecns/{ecn.Id()}/attachments", new MultipartFormDataContent())).StatusCode
        );
    }

    [Fact]
    public async Task A_serial_range_narrows_the_machines_and_a_customer_without_an_owner_goes_to_the_pool()
    {
        using var admin = await app.AdminAsync();
        var model = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var prefix = $"R{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        await admin.MachineAsync(customer, model, new { serialNumber = prefix + "-001" });
        await admin.MachineAsync(customer, model, new { serialNumber = prefix + "-050" });
        await admin.MachineAsync(customer, model, new { serialNumber = prefix + "-120" });
        var ecn = await (
            await admin.PostAsJsonAsync(
                "/api/v1/ecns",
                new
                {
                    number = Number(),
                    title = "电柜散热风扇加大",
                    productIds = new[] { model.Id() },
                    serialFrom = prefix + "-010",
                    serialTo = prefix + "-100",
                    effectiveOn = "2026-04-01",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains(
            "serialTo",
            (
                await (
                    await admin.PutAsJsonAsync(
                        $"/api/v1/ecns/{ecn.Id()}",
                        new
                        {
                            number = ecn.GetProperty("number").GetString(),
                            title = "x",
                            productIds = new[] { model.Id() },
                            serialFrom = "B",
                            serialTo = "A",
                            effectiveOn = "2026-04-01",
                            version = ecn.Version(),
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var published = await (
            await admin.PostAsJsonAsync($"/api/v1/ecns/{ecn.Id()}/publish", new { version = ecn.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, published.GetProperty("counts").GetProperty("machines").GetInt32());
        var conf = Assert.Single(
            (await (await admin.GetAsync($"/api/v1/ecns/{ecn.Id()}/confirmations")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray()
        );
        Assert.Equal(JsonValueKind.Null, conf.GetProperty("accountManagerId").ValueKind);
        var pool = await (await admin.GetAsync($"/api/v1/tasks?recordId={ecn.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("SalesManager", Assert.Single(pool.GetProperty("items").EnumerateArray()).GetProperty("poolRole").GetString());
    }
}

public sealed class EcnTests_Sqlite(SqliteFactory app) : EcnTests<SqliteFactory>(app);

public sealed class EcnTests_Postgres(PostgresFactory app) : EcnTests<PostgresFactory>(app);
