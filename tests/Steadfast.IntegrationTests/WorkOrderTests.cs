using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

public abstract class WorkOrderTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private async Task<(JsonElement Customer, JsonElement Machine)> MachineAsync(string installedOn = "2026-01-10")
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        return (customer, await admin.MachineAsync(customer, await admin.ProductAsync(12), new { installedOn }));
    }

    private async Task<HttpClient> AsAsync(string role) =>
        await app.ClientForAsync((await app.CreateAsync(role)).GetProperty("email").GetString()!);

    private static object Intake(JsonElement customer, JsonElement machine) =>
        new
        {
            customerId = customer.GetProperty("id").GetGuid(),
            machineId = machine.GetProperty("id").GetGuid(),
            contactName = "王主任",
            contactPhone = "13800000000",
            faultDescription = "主轴异响，无法开机",
            category = "主轴",
            severity = "stoppedProduction",
        };

    private static Task<HttpResponseMessage> Move(HttpClient client, JsonElement order, object body) =>
        client.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", body);

    [Fact]
    public async Task Intake_numbers_the_order_records_warranty_and_requires_the_sop_fields()
    {
        var (customer, machine) = await MachineAsync();
        using var dispatcher = await AsAsync("Dispatcher");
        var order = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );
        Assert.Matches(@"^WO-\d{6}-\d{4}$", order.GetProperty("number").GetString());
        Assert.True(order.GetProperty("inWarranty").GetBoolean());
        Assert.False(order.GetProperty("billable").GetBoolean());
        Assert.Equal("new", order.GetProperty("status").GetString());
        // The answer is built from the written order, not read back: it must be what a read returns.
        var read = await (await dispatcher.GetAsync($"/api/v1/work-orders/{order.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(read.GetRawText(), order.GetRawText());

        var bad = await (
            await dispatcher.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer.GetProperty("id").GetGuid() })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Superset(
            new HashSet<string> { "machineId", "contactName", "contactPhone", "faultDescription", "category", "severity" },
            bad.ErrorFields().ToHashSet()
        );

        using var engineer = await AsAsync("Engineer");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await engineer.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).StatusCode
        );
    }

    [Fact]
    public async Task Intake_takes_the_customer_and_the_machine_as_a_pair_and_names_the_one_that_is_wrong()
    {
        var (customer, machine) = await MachineAsync();
        var (other, othersMachine) = await MachineAsync();
        using var dispatcher = await AsAsync("Dispatcher");
        // The order takes the customer's name and region.
        var order = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );
        Assert.Equal(customer.GetProperty("name").GetString(), order.GetProperty("customerName").GetString());
        Assert.Equal("江苏", order.GetProperty("region").GetString());
        Assert.Equal(machine.Id(), order.GetProperty("machineId").GetString());

        var mismatched = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, othersMachine))).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["machineId"], mismatched.ErrorFields());
        var unknown = await (
            await dispatcher.PostAsJsonAsync(
                "/api/v1/work-orders",
                Intake(JsonSerializer.SerializeToElement(new { id = Guid.NewGuid() }), machine)
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "customerId", "machineId" }, unknown.ErrorFields());
        var noMachine = await (
            await dispatcher.PostAsJsonAsync(
                "/api/v1/work-orders",
                Intake(other, JsonSerializer.SerializeToElement(new { id = Guid.NewGuid() }))
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["machineId"], noMachine.ErrorFields());
    }

    [Fact]
    public async Task The_lifecycle_is_enforced_step_by_step_and_by_who_may_take_each_step()
    {
        var (customer, machine) = await MachineAsync();
        using var dispatcher = await AsAsync("Dispatcher");
        var engineerUser = await app.CreateAsync("Engineer");
        using var engineer = await app.ClientForAsync(engineerUser.GetProperty("email").GetString()!);
        using var other = await AsAsync("Engineer");
        var order = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );

        var skip = await (await Move(dispatcher, order, new { to = "closed", reason = "x" })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("Allowed next: Assigned, Cancelled", skip.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await Move(dispatcher, order, new { to = "assigned" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await Move(dispatcher, order, new { to = "assigned", assigneeId = engineerUser.GetProperty("id").GetGuid() })).ExpectAsync(
            HttpStatusCode.OK
        );

        await (await Move(other, order, new { to = "accepted" })).ExpectAsync(HttpStatusCode.Conflict);
        var accepted = await (await Move(engineer, order, new { to = "accepted" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["enRoute"], accepted.GetProperty("next").EnumerateArray().Select(n => n.GetString()!).ToArray());
        await (await Move(engineer, order, new { to = "enRoute" })).ExpectAsync(HttpStatusCode.OK);
        await (await Move(engineer, order, new { to = "onSite" })).ExpectAsync(HttpStatusCode.OK);
        var unresolved = await (await Move(engineer, order, new { to = "resolved" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "diagnosis", "rootCause", "actions" }, unresolved.ErrorFields());
        await (
            await Move(
                engineer,
                order,
                new
                {
                    to = "resolved",
                    diagnosis = "主轴轴承磨损",
                    rootCause = "wear",
                    actions = "更换轴承并重新校准",
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        var unsigned = await (await Move(engineer, order, new { to = "closed", reason = "客户确认" })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["signature"], unsigned.ErrorFields());
        await (await Move(dispatcher, order, new { to = "closed" })).ExpectAsync(HttpStatusCode.BadRequest);
        var closed = await (await Move(dispatcher, order, new { to = "closed", reason = "电话回访确认已修复" })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal("closed", closed.GetProperty("status").GetString());

        var events = await (await dispatcher.GetAsync($"/api/v1/work-orders/{order.Id()}/events")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            ["new", "assigned", "accepted", "enRoute", "onSite", "resolved", "closed"],
            events.EnumerateArray().Select(e => e.GetProperty("to").GetString()!).ToArray()
        );
    }

    [Fact]
    public async Task An_engineer_who_declines_sends_the_order_back_to_dispatch_with_a_reason()
    {
        var (customer, machine) = await MachineAsync();
        using var dispatcher = await AsAsync("Dispatcher");
        var engineerUser = await app.CreateAsync("Engineer");
        using var engineer = await app.ClientForAsync(engineerUser.GetProperty("email").GetString()!);
        var order = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );
        await (await Move(dispatcher, order, new { to = "assigned", assigneeId = engineerUser.GetProperty("id").GetGuid() })).ExpectAsync(
            HttpStatusCode.OK
        );
        await (await Move(engineer, order, new { to = "new" })).ExpectAsync(HttpStatusCode.BadRequest);
        var back = await (await Move(engineer, order, new { to = "new", reason = "不在该区域" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("new", back.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, back.GetProperty("assigneeId").ValueKind);
    }

    [Fact]
    public async Task A_qr_report_opens_one_order_and_further_reports_join_it_until_it_closes()
    {
        var (customer, machine) = await MachineAsync();
        var token = await app.DbAsync(async db =>
            (await db.Set<Steadfast.Customers.Equipment.Machine>().FindAsync(machine.GetProperty("id").GetGuid()))!.QrToken
        );
        using var anon = app.CreateClient();
        var report = new
        {
            description = "设备报警E07，停机",
            contactName = "李班长",
            contactPhone = "13911112222",
            urgency = "stoppedProduction",
        };

        var first = await (await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", report)).ExpectAsync(
            HttpStatusCode.Created
        );
        Assert.False(first.GetProperty("joinedOpenOrder").GetBoolean());
        var again = await (
            await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", report with { contactName = "张工" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.True(again.GetProperty("joinedOpenOrder").GetBoolean());
        Assert.Equal(first.GetProperty("number").GetString(), again.GetProperty("number").GetString());
        Assert.Equal(
            1,
            await app.DbAsync(db =>
                db.Set<Steadfast.Service.WorkOrders.WorkOrder>().CountAsync(w => w.MachineId == machine.GetProperty("id").GetGuid())
            )
        );

        var status = await (
            await anon.GetAsync($"/api/v1/public/work-orders/{first.GetProperty("trackingToken").GetString()}")
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("new", status.GetProperty("status").GetString());
        Assert.Equal(machine.GetProperty("serialNumber").GetString(), status.GetProperty("serialNumber").GetString());
        Assert.False(status.TryGetProperty("contactPhone", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/v1/public/work-orders/not-a-real-tracking-token")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await anon.PostAsJsonAsync("/api/v1/public/equipment/not-a-real-token-at-all/requests", report)).StatusCode
        );
        var bad = await (
            await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", new { urgency = "apocalypse" })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("urgency", bad.ErrorFields());
    }

    [Fact]
    public async Task A_repair_within_thirty_days_of_a_closed_one_on_the_same_machine_is_rework()
    {
        var (customer, machine) = await MachineAsync();
        using var admin = await app.AdminAsync();
        var engineerUser = await app.CreateAsync("Engineer");
        using var engineer = await app.ClientForAsync(engineerUser.GetProperty("email").GetString()!);
        var first = await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );
        await (await Move(admin, first, new { to = "assigned", assigneeId = engineerUser.GetProperty("id").GetGuid() })).ExpectAsync(
            HttpStatusCode.OK
        );
        foreach (var to in new[] { "accepted", "enRoute", "onSite" })
            await (await Move(engineer, first, new { to })).ExpectAsync(HttpStatusCode.OK);
        await (
            await Move(
                engineer,
                first,
                new
                {
                    to = "resolved",
                    diagnosis = "d",
                    rootCause = "wear",
                    actions = "a",
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await Move(admin, first, new { to = "closed", reason = "ok" })).ExpectAsync(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromDays(10));
        using var later = await app.AdminAsync();
        // Reported several times at once (a phone call and a QR scan, say): every one is taken, none is a 409 over the old order.
        var again = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(async _ =>
                    await (await later.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
                        HttpStatusCode.Created
                    )
                )
        );
        Assert.All(again, o => Assert.Equal(first.Id(), o.GetProperty("reworkOfId").GetString()));
        var flagged = await app.DbAsync(db =>
            db.Set<Steadfast.Service.WorkOrders.WorkOrder>()
                .Where(w => w.Id == first.GetProperty("id").GetGuid())
                .Select(w => w.HasRework)
                .SingleAsync()
        );
        Assert.True(flagged);
    }

    [Fact]
    public async Task Orders_reported_in_the_same_instant_page_in_one_stable_order()
    {
        var (customer, machine) = await MachineAsync();
        using var admin = await app.AdminAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
            created.Add(
                (await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(HttpStatusCode.Created))
                    .GetProperty("id")
                    .GetGuid()
            );
        async Task<List<JsonElement>> PageAsync(int page, int size) =>
            [
                .. (
                    await (await admin.GetAsync($"/api/v1/work-orders?customerId={customer.Id()}&page={page}&pageSize={size}")).ExpectAsync(
                        HttpStatusCode.OK
                    )
                )
                    .GetProperty("items")
                    .EnumerateArray(),
            ];
        var whole = await PageAsync(1, 5);
        Assert.Single(whole.Select(o => o.GetProperty("reportedAt").GetDateTime()).Distinct());
        var onePerPage = new List<Guid>();
        for (var page = 1; page <= 5; page++)
            onePerPage.Add(Assert.Single(await PageAsync(page, 1)).GetProperty("id").GetGuid());
        // The same order page by page as in one page: every order once, ties broken the database's way on both.
        Assert.Equal(whole.Select(o => o.GetProperty("id").GetGuid()), onePerPage);
        Assert.Equal(created.Order(), onePerPage.Order());
    }

    [Fact]
    public async Task Numbers_stay_unique_when_many_orders_open_at_once()
    {
        var (customer, machine) = await MachineAsync();
        using var admin = await app.AdminAsync();
        var numbers = await Task.WhenAll(
            Enumerable
                .Range(0, 12)
                .Select(async _ =>
                    (
                        await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
                            HttpStatusCode.Created
                        )
                    )
                        .GetProperty("number")
                        .GetString()
                )
        );
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
    }

    [Fact]
    public async Task A_flood_of_qr_reports_for_one_machine_is_stopped_with_a_clear_answer()
    {
        var (_, machine) = await MachineAsync();
        var token = await app.DbAsync(async db =>
            (await db.Set<Steadfast.Customers.Equipment.Machine>().FindAsync(machine.GetProperty("id").GetGuid()))!.QrToken
        );
        using var anon = app.CreateClient();
        var report = new
        {
            description = "报警",
            contactName = "李",
            contactPhone = "139",
            urgency = "degraded",
        };
        var first = await (await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", report)).ExpectAsync(
            HttpStatusCode.Created
        );
        for (var i = 1; i < WorkOrderService.QrFloodLimit; i++)
            await (await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", report)).ExpectAsync(HttpStatusCode.OK);
        var stopped = await (await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", report)).ExpectAsync(
            HttpStatusCode.Conflict
        );
        Assert.Contains(first.GetProperty("number").GetString()!, stopped.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var id = await app.DbAsync(db =>
            db.Set<WorkOrder>().Where(w => w.Number == first.GetProperty("number").GetString()).Select(w => w.Id).SingleAsync()
        );
        Assert.Equal(WorkOrderService.QrFloodLimit, await app.DbAsync(db => db.Set<WorkOrderEvent>().CountAsync(e => e.WorkOrderId == id)));
        app.Clock.Advance(WorkOrderService.QrFloodWindow + TimeSpan.FromMinutes(1));
        await (await anon.PostAsJsonAsync($"/api/v1/public/equipment/{token}/requests", report)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_desk_finds_the_customer_by_a_machine_serial_and_sees_its_service_summary()
    {
        var (customer, machine) = await MachineAsync();
        using var admin = await app.AdminAsync();
        var serial = machine.GetProperty("serialNumber").GetString()!;
        var found = await app.DbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope
                .ServiceProvider.GetRequiredService<Steadfast.Platform.Audit.CurrentActor>()
                .Use(
                    new System.Security.Claims.ClaimsPrincipal(
                        new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Role, "Dispatcher")], "test")
                    )
                );
            return await scope
                .ServiceProvider.GetRequiredService<Steadfast.Customers.Public.CustomerDirectory>()
                .SearchAsync(serial[..8].ToLowerInvariant(), 20, default);
        });
        Assert.Contains(found, c => c.Id == customer.GetProperty("id").GetGuid());

        var order = await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );
        var summary = await (await admin.GetAsync($"/api/v1/work-orders/summary?customerId={customer.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(1, summary.GetProperty("orders").GetInt32());
        Assert.Equal(1, summary.GetProperty("open").GetInt32());
        Assert.Contains(
            "customerId",
            (await (await admin.GetAsync("/api/v1/work-orders/summary")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        var outsider = await app.CreateAsync("Customer", extra: new { customerId = Guid.NewGuid() });
        using var other = await app.ClientForAsync(outsider.GetProperty("email").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/work-orders/summary?customerId={customer.Id()}")).StatusCode);
        Assert.NotEqual(default, order.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_customer_user_sees_only_its_own_orders()
    {
        var (customer, machine) = await MachineAsync();
        var (otherCustomer, otherMachine) = await MachineAsync();
        using var admin = await app.AdminAsync();
        var mine = await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(
            HttpStatusCode.Created
        );
        var theirs = await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(otherCustomer, otherMachine))).ExpectAsync(
            HttpStatusCode.Created
        );
        var user = await app.CreateAsync("Customer", extra: new { customerId = customer.GetProperty("id").GetGuid() });
        using var client = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        var list = await (await client.GetAsync("/api/v1/work-orders")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(mine.Id(), Assert.Single(list.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/work-orders/{theirs.Id()}")).StatusCode);
    }

    [Fact]
    public async Task The_list_exports_to_excel_with_its_filters_in_the_readers_language()
    {
        var (customer, machine) = await MachineAsync();
        using var admin = await app.AdminAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
            numbers.Add(
                (await (await admin.PostAsJsonAsync("/api/v1/work-orders", Intake(customer, machine))).ExpectAsync(HttpStatusCode.Created))
                    .GetProperty("number")
                    .GetString()!
            );
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        static List<IDictionary<string, object>> Rows(byte[] bytes) =>
            [.. MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>()];
        var rows = Rows(await admin.GetByteArrayAsync($"/api/v1/work-orders/export?customerId={customer.Id()}&severity=stoppedProduction"));
        Assert.Equal(numbers.AsEnumerable().Reverse(), rows.Select(r => (string)r["工单号"]));
        Assert.All(rows, r => Assert.Equal("停机停产", r["紧急程度"]));
        // No match: the headers alone.
        Assert.DoesNotContain(
            Rows(await admin.GetByteArrayAsync($"/api/v1/work-orders/export?customerId={customer.Id()}&severity=question")),
            r => r["工单号"] is not null
        );
        Assert.Contains(
            "severity",
            (
                await (await admin.GetAsync("/api/v1/work-orders/export?severity=urgent")).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var user = await app.CreateAsync("Customer", extra: new { customerId = customer.GetProperty("id").GetGuid() });
        using var client = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/work-orders/export")).StatusCode);
    }
}

public sealed class WorkOrderTests_Sqlite(SqliteFactory app) : WorkOrderTests<SqliteFactory>(app);

public sealed class WorkOrderTests_Postgres(PostgresFactory app) : WorkOrderTests<PostgresFactory>(app);

public sealed class SmallExportFactory : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Export:MaxWorkOrderRows"] = "2" };
}

public sealed class WorkOrderExportCapTests(SmallExportFactory app) : IClassFixture<SmallExportFactory>
{
    [Fact]
    public async Task An_export_past_the_cap_is_refused_saying_how_many_matched()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12));
        for (var i = 0; i < 3; i++)
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/work-orders",
                    new
                    {
                        customerId = customer.GetProperty("id").GetGuid(),
                        machineId = machine.GetProperty("id").GetGuid(),
                        contactName = "王主任",
                        contactPhone = "13800000000",
                        faultDescription = "异响",
                        category = "主轴",
                        severity = "degraded",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await admin.GetAsync($"/api/v1/work-orders/export?customerId={customer.Id()}")).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Contains("3", problem.GetProperty("errors").GetProperty("reportedFrom")[0].GetString(), StringComparison.Ordinal);
        await (await admin.GetAsync($"/api/v1/work-orders/export?customerId={customer.Id()}&severity=question")).ExpectAsync(
            HttpStatusCode.OK
        );
    }
}
