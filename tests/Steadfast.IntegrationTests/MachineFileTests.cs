using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

/// <summary>
/// The machine file (一机一档) and the customer 360 timeline show the whole service life: orders opened and closed,
/// visits, the survey and the call-back, paged on the server and filtered by kind.
/// </summary>
public abstract class MachineFileTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
    {
        var user = await app.CreateAsync(role);
        return (await app.ClientForAsync(user.GetProperty("email").GetString()!), user.GetProperty("id").GetGuid());
    }

    private static Task<HttpResponseMessage> Move(HttpClient c, JsonElement order, object body) =>
        c.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", body);

    private static async Task<JsonElement> IntakeAsync(
        HttpClient admin,
        JsonElement customer,
        JsonElement machine,
        string type = "repair"
    ) =>
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.GetProperty("id").GetGuid(),
                    machineId = machine.GetProperty("id").GetGuid(),
                    type,
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "液压站漏油",
                    category = "液压",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    /// <summary>A repair taken to the end: visit, close, survey answered, call-back done.</summary>
    private async Task<JsonElement> ServedAsync(HttpClient admin, JsonElement customer, JsonElement machine)
    {
        var order = await IntakeAsync(admin, customer, machine);
        var (engineer, engineerId) = await UserAsync("Engineer");
        await (await Move(admin, order, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await Move(engineer, order, new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);
        await (
            await Move(
                engineer,
                order,
                new
                {
                    to = "resolved",
                    diagnosis = "密封圈老化",
                    rootCause = "wear",
                    actions = "更换密封圈",
                    labourHours = 1,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (
            await engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/signature",
                new { signerName = "王主任", image = "data:image/png;base64," + ServiceFlowTests<TApp>.Png1x1 }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await Move(engineer, order, new { to = "closed" })).ExpectAsync(HttpStatusCode.OK);
        var token = await app.DbAsync(db =>
            db.Set<WorkOrder>().Where(w => w.Id == order.GetProperty("id").GetGuid()).Select(w => w.SurveyToken).SingleAsync()
        );
        using var anon = app.CreateClient();
        await (
            await anon.PostAsJsonAsync(
                $"/api/v1/public/surveys/{token}",
                new
                {
                    csat = 5,
                    nps = 10,
                    comment = "修得快",
                }
            )
        ).ExpectAsync(HttpStatusCode.NoContent);
        var callbacks = await (await admin.GetAsync("/api/v1/callbacks?pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        var task = Assert.Single(callbacks.GetProperty("items").EnumerateArray(), c =>
            c.GetProperty("workOrderId").GetString() == order.Id()
        );
        await (
            await admin.PostAsJsonAsync($"/api/v1/callbacks/{task.Id()}/complete", new { outcome = "satisfied", note = "运行正常" })
        ).ExpectAsync(HttpStatusCode.OK);
        return order;
    }

    private static List<string> Kinds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    [Fact]
    public async Task The_machine_file_shows_its_orders_visits_survey_and_call_back_paged_and_filtered()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12), new { installedOn = "2026-01-10" });
        var order = await ServedAsync(admin, customer, machine);
        var url = $"/api/v1/equipment/{machine.Id()}/timeline";

        var all = await (await admin.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Superset(
            new HashSet<string> { "workOrder.opened", "workOrder.closed", "visit", "survey", "callback", "lifecycle.installed" },
            Kinds(all).ToHashSet()
        );
        Assert.Superset(
            new HashSet<string> { "workOrder", "visit", "survey", "callback", "part", "reading", "attachment", "lifecycle" },
            all.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()!).ToHashSet()
        );
        var closed = Assert.Single(all.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "workOrder.closed");
        Assert.Equal($"/service/{order.Id()}", closed.GetProperty("href").GetString());
        var times = all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        // Filtered by kind: only those kinds, and an unknown kind is named.
        Assert.Equal(
            ["survey", "callback"],
            Kinds(await (await admin.GetAsync(url + "?kind=survey,callback")).ExpectAsync(HttpStatusCode.OK)).Order().Reverse()
        );
        var problem = await (await admin.GetAsync(url + "?kind=surveys")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("kind", problem.ErrorFields());

        // Paged on the server: two pages of two hold the four newest entries, in order, without overlap.
        var first = await (await admin.GetAsync(url + "?pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        var second = await (await admin.GetAsync(url + "?pageSize=2&page=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Equal(Kinds(all).Take(4), Kinds(first).Concat(Kinds(second)));
        await (await admin.GetAsync(url + "?pageSize=500&page=11")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_customer_timeline_merges_service_with_follow_ups_and_sets_complaints_apart()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12), new { installedOn = "2026-01-10" });
        await (
            await admin.PostAsJsonAsync(
                $"/api/v1/customers/{customer.Id()}/activities",
                new { type = "call", summary = "电话回访设备情况" }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await ServedAsync(admin, customer, machine);
        await IntakeAsync(admin, customer, machine, type: "complaint");
        var url = $"/api/v1/customers/{customer.Id()}/timeline";

        var kinds = Kinds(await (await admin.GetAsync(url)).ExpectAsync(HttpStatusCode.OK)).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "activity.Call",
                "machine",
                "created",
                "workOrder.opened",
                "workOrder.closed",
                "complaint.opened",
                "survey",
                "callback",
            },
            kinds
        );
        Assert.Equal(["complaint.opened"], Kinds(await (await admin.GetAsync(url + "?kind=complaint")).ExpectAsync(HttpStatusCode.OK)));
        Assert.Contains(
            "kind",
            (await (await admin.GetAsync(url + "?kind=complaints")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
    }

    private Task<string> TokenAsync(JsonElement machine) =>
        app.DbAsync(db =>
            db.Set<Steadfast.Customers.Equipment.Machine>()
                .Where(m => m.Id == machine.GetProperty("id").GetGuid())
                .Select(m => m.QrToken)
                .SingleAsync()
        );

    [Fact]
    public async Task Scanning_the_machines_own_label_checks_in_verified_and_another_label_is_refused_naming_the_machine()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var product = await admin.ProductAsync(12);
        var machine = await admin.MachineAsync(customer, product);
        var neighbour = await admin.MachineAsync(customer, product);
        var order = await IntakeAsync(admin, customer, machine);
        var (engineer, engineerId) = await UserAsync("Engineer");
        await (await Move(admin, order, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await Move(engineer, order, new { to })).ExpectAsync(HttpStatusCode.OK);

        var wrong = await (
            await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { qrToken = await TokenAsync(neighbour) })
        ).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(machine.GetProperty("serialNumber").GetString(), wrong.GetProperty("expectedSerialNumber").GetString());
        Assert.Contains(
            machine.GetProperty("serialNumber").GetString()!,
            wrong.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            "enRoute",
            (await (await engineer.GetAsync($"/api/v1/work-orders/{order.Id()}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("status")
                .GetString()
        );
        await (
            await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { qrToken = "no-such-label-token-at-all" })
        ).ExpectAsync(HttpStatusCode.Conflict);

        // The right label: on site, no position needed, presence verified and not flagged.
        await (
            await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { qrToken = await TokenAsync(machine) })
        ).ExpectAsync(HttpStatusCode.OK);
        var visit = Assert.Single(
            (await (await admin.GetAsync($"/api/v1/work-orders/{order.Id()}/check-ins")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
        );
        Assert.True(visit.GetProperty("qrVerified").GetBoolean());
        Assert.False(visit.GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task The_qr_page_gives_a_signed_in_engineer_the_machine_file_and_a_check_in_by_the_label()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12));
        var order = await IntakeAsync(admin, customer, machine);
        var user = await app.CreateAsync("Engineer");
        await (await Move(admin, order, new { to = "assigned", assigneeId = user.GetProperty("id").GetGuid() })).ExpectAsync(
            HttpStatusCode.OK
        );
        using var engineer = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await Move(engineer, order, new { to })).ExpectAsync(HttpStatusCode.OK);
        var token = await TokenAsync(machine);

        // The engineer's own session (a bearer token here; the phone's cookie in use) is what the page reads.
        var browser = engineer;
        var page = await browser.GetStringAsync($"/q/{token}");
        Assert.Contains($"href=\"/equipment/{machine.Id()}\"", page, StringComparison.Ordinal);
        Assert.Contains(order.GetProperty("number").GetString()!, page, StringComparison.Ordinal);

        // The check-in button posts the label's own token: on site, verified by the label.
        string Field(string name) =>
            System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await browser.PostAsync(
            $"/q/{token}",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["_handler"] = $"checkin-{order.Id()}",
                    ["__RequestVerificationToken"] = Field("__RequestVerificationToken"),
                }
            )
        );
        Assert.Contains("scan-checked-in", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            "onSite",
            (await (await engineer.GetAsync($"/api/v1/work-orders/{order.Id()}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("status")
                .GetString()
        );
        Assert.True(
            Assert
                .Single(
                    (
                        await (await admin.GetAsync($"/api/v1/work-orders/{order.Id()}/check-ins")).ExpectAsync(HttpStatusCode.OK)
                    ).EnumerateArray()
                )
                .GetProperty("qrVerified")
                .GetBoolean()
        );

        // Anyone else sees the public form only.
        using var anon = app.CreateClient();
        Assert.DoesNotContain("/equipment/", await anon.GetStringAsync($"/q/{token}"), StringComparison.Ordinal);
    }
}

public sealed class MachineFileTests_Sqlite(SqliteFactory app) : MachineFileTests<SqliteFactory>(app);

public sealed class MachineFileTests_Postgres(PostgresFactory app) : MachineFileTests<PostgresFactory>(app);
