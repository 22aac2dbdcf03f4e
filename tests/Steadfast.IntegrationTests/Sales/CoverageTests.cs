using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// A service contract on the work order: the covering contract found at intake, its level picking the SLA policy, each
/// cost line billable or covered, included visits consumed and given back, exhaustion flagged, and double coverage refused.
/// </summary>
public abstract class CoverageTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static Task<HttpResponseMessage> Move(HttpClient c, JsonElement order, object body) =>
        c.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", body);

    private static async Task<JsonElement> OpenAsync(HttpClient desk, JsonElement customer, JsonElement machine, string type) =>
        await (
            await desk.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.Id(),
                    machineId = machine.Id(),
                    type,
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = type == "repair" ? "液压站漏油" : "年度保养",
                    category = "液压",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task A_covered_machine_gets_the_contracts_level_covered_lines_and_its_included_visits()
    {
        using var admin = await app.AdminAsync();
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        // Out of warranty, so the contract is what pays.
        var product = await admin.ProductAsync(warrantyMonths: 1);
        var machine = await admin.MachineAsync(customer, product);
        var bare = await admin.MachineAsync(customer, await admin.ProductAsync(warrantyMonths: 1));
        var level = $"GOLD-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var gold = await (
            await admin.PostAsJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    name = "金牌维保",
                    severity = "degraded",
                    serviceLevel = level,
                    clock = "calendarHours",
                    firstResponseMinutes = 30,
                    arrivalMinutes = 240,
                    resolutionMinutes = 480,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(level, gold.GetProperty("serviceLevel").GetString());
        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    name = "x",
                    severity = "degraded",
                    serviceLevel = "金牌",
                    firstResponseMinutes = 1,
                    arrivalMinutes = 2,
                    resolutionMinutes = 3,
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["serviceLevel"], bad.ErrorFields());

        var body = new Dictionary<string, object?>
        {
            ["title"] = "年度维保",
            ["kind"] = "service",
            ["serviceKind"] = "annualMaintenance",
            ["customerId"] = customer.Id(),
            ["startsOn"] = "2026-03-01",
            ["endsOn"] = "2027-02-28",
            ["amount"] = 36_000_00,
            ["modelIds"] = new[] { product.Id() },
            ["serviceLevel"] = level.ToLowerInvariant(),
            ["visitsPerYear"] = 1,
            ["labourPercent"] = 100,
            ["partsPercent"] = 50,
            ["travelCovered"] = false,
        };
        var contract = await cr.ContractAsync(body);
        Assert.Equal(level, contract.GetProperty("serviceLevel").GetString());
        Assert.Equal(1, contract.GetProperty("visitsIncluded").GetInt32());
        // A draft covers nothing yet.
        var before = await OpenAsync(admin, customer, machine, "repair");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("contractId").ValueKind);
        await (await Move(admin, before, new { to = "cancelled", reason = "重复报修" })).ExpectAsync(HttpStatusCode.OK);
        contract = await cr.SignedAsync(contract);

        // The same machine under a second annual-maintenance contract for overlapping dates is refused, by field.
        var twice = await cr.ContractAsync(
            new Dictionary<string, object?>(body)
            {
                ["modelIds"] = null,
                ["machineIds"] = new[] { machine.Id() },
                ["startsOn"] = "2026-12-01",
                ["endsOn"] = "2027-11-30",
            },
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["machineIds"], twice.ErrorFields());
        Assert.Contains(
            contract.GetProperty("number").GetString()!,
            twice.GetProperty("errors").GetProperty("machineIds")[0].GetString(),
            StringComparison.Ordinal
        );
        // Another kind of service (extended warranty) on the same machine is fine.
        await cr.ContractAsync(
            new Dictionary<string, object?>(body)
            {
                ["serviceKind"] = "extendedWarranty",
                ["modelIds"] = null,
                ["machineIds"] = new[] { machine.Id() },
            }
        );

        // A repair: the contract is found, its level's policy applies, labour is covered, parts half, travel billed.
        var repair = await OpenAsync(admin, customer, machine, "repair");
        Assert.Equal(contract.Id(), repair.GetProperty("contractId").GetString());
        Assert.Equal(gold.Id(), repair.GetProperty("slaPolicyId").GetString());
        Assert.False(repair.GetProperty("visitTaken").GetBoolean());
        var other = await OpenAsync(admin, customer, bare, "repair");
        Assert.Equal(JsonValueKind.Null, other.GetProperty("contractId").ValueKind);
        Assert.NotEqual(gold.Id(), other.GetProperty("slaPolicyId").GetString());

        var engineer = await app.CreateAsync("Engineer");
        using var ce = await app.ClientForAsync(engineer.Email());
        await (await Move(admin, repair, new { to = "assigned", assigneeId = engineer.Id() })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await Move(ce, repair, new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await ce.PostAsJsonAsync($"/api/v1/work-orders/{repair.Id()}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);
        var resolved = await (
            await Move(
                ce,
                repair,
                new
                {
                    to = "resolved",
                    diagnosis = "密封圈老化",
                    rootCause = "wear",
                    actions = "更换密封圈",
                    labourHours = 2,
                    travelCost = 120_00,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        var charges = resolved.GetProperty("charges").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        Assert.Equal(300_00, charges["labour"].Fen("cost"));
        Assert.Equal(300_00, charges["labour"].Fen("covered"));
        Assert.Equal(0, charges["labour"].Fen("billable"));
        Assert.Equal(120_00, charges["travel"].Fen("billable"));
        Assert.True(resolved.GetProperty("billable").GetBoolean());
        var summary = await (await admin.GetAsync($"/api/v1/work-orders/summary?customerId={customer.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(120_00, summary.Fen("billableCost"));
        Assert.Equal(300_00, summary.Fen("coveredCost"));

        // A maintenance visit takes the one included visit; the next finds none left: billable, and the dispatchers told.
        var dispatcher = await app.CreateAsync("Dispatcher");
        var first = await OpenAsync(admin, customer, machine, "maintenance");
        Assert.True(first.GetProperty("visitTaken").GetBoolean());
        Assert.False(first.GetProperty("entitlementExhausted").GetBoolean());
        var second = await OpenAsync(admin, customer, machine, "maintenance");
        Assert.True(second.GetProperty("entitlementExhausted").GetBoolean());
        Assert.Contains(await app.NotificationsAsync(dispatcher.Email()), n => n.GetProperty("kind").GetString() == "EntitlementExhausted");
        var used = await (await cr.GetAsync($"/api/v1/contracts/{contract.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, used.GetProperty("visitsUsed").GetInt32());
        // Cancelled, the first gives its visit back.
        await (await Move(admin, first, new { to = "cancelled", reason = "客户改期" })).ExpectAsync(HttpStatusCode.OK);
        used = await (await cr.GetAsync($"/api/v1/contracts/{contract.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, used.GetProperty("visitsUsed").GetInt32());

        // The machine's page lists its contracts (by model too).
        var ofMachine = await (await cr.GetAsync($"/api/v1/contracts?machineId={machine.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, ofMachine.GetProperty("total").GetInt32());

        // Terminated, it covers nothing more.
        await (
            await cr.PostAsJsonAsync($"/api/v1/contracts/{contract.Id()}/terminate", new { reason = "客户停产", version = used.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        var after = await OpenAsync(admin, customer, machine, "repair");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("contractId").ValueKind);
    }
}

/// <summary>A contract covering some parts up to a cap in ¥: the list and the cap decide the parts line at resolution.</summary>
public abstract class PartsCoverTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static Task<HttpResponseMessage> Move(HttpClient c, JsonElement order, object body) =>
        c.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", body);

    [Fact]
    public async Task Only_listed_parts_are_covered_and_no_more_than_the_cap_over_the_term()
    {
        using var admin = await app.AdminAsync();
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var engineer = await app.CreateAsync("Engineer");
        using var ce = await app.ClientForAsync(engineer.Email());
        var dispatcher = await app.CreateAsync("Dispatcher");
        var customer = await cr.CustomerAsync();
        var product = await admin.ProductAsync(warrantyMonths: 1);
        var machine = await admin.MachineAsync(customer, product);
        var code = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var van = await (
            await admin.PostAsJsonAsync(
                "/api/v1/warehouses",
                new
                {
                    code = "V" + code,
                    name = "车载库",
                    kind = "van",
                    keeperId = engineer.Id(),
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        async Task<string> PartAsync(string suffix, long cost)
        {
            var part = await (
                await admin.PostAsJsonAsync(
                    "/api/v1/parts",
                    new
                    {
                        number = $"P-{code}-{suffix}",
                        name = "密封件",
                        unit = "pcs",
                        unitCost = cost,
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/stock-movements",
                    new
                    {
                        kind = "receive",
                        partId = part.Id(),
                        warehouseId = van.Id(),
                        quantity = 5,
                        unitCost = cost,
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
            return part.Id();
        }
        var seal = await PartAsync("A", 200_00);
        var filter = await PartAsync("B", 100_00);

        // A part not in the catalogue is refused by field; then the seal alone is covered, half, up to ¥150.
        var body = new Dictionary<string, object?>
        {
            ["title"] = "备件包年",
            ["kind"] = "service",
            ["serviceKind"] = "partsPackage",
            ["customerId"] = customer.Id(),
            ["startsOn"] = "2026-03-01",
            ["endsOn"] = "2027-02-28",
            ["amount"] = 5_000_00,
            ["machineIds"] = new[] { machine.Id() },
            ["labourPercent"] = 0,
            ["partsPercent"] = 50,
            ["partsCap"] = 150_00,
            ["partIds"] = new[] { seal, Guid.NewGuid().ToString() },
        };
        var refused = await cr.ContractAsync(body, HttpStatusCode.BadRequest);
        Assert.Equal(["partIds"], refused.ErrorFields());
        body["partIds"] = new[] { seal };
        var contract = await cr.SignedAsync(await cr.ContractAsync(body));
        Assert.Equal(150_00, contract.Fen("partsCap"));
        Assert.Equal(seal, Assert.Single(contract.GetProperty("parts").EnumerateArray()).Id());

        async Task<JsonElement> RepairAsync(string[] parts, long bought)
        {
            var order = await (
                await admin.PostAsJsonAsync(
                    "/api/v1/work-orders",
                    new
                    {
                        customerId = customer.Id(),
                        machineId = machine.Id(),
                        type = "repair",
                        contactName = "王主任",
                        contactPhone = "13800000000",
                        faultDescription = "液压站漏油",
                        category = "液压",
                        severity = "degraded",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
            Assert.Equal(contract.Id(), order.GetProperty("contractId").GetString());
            await (await Move(admin, order, new { to = "assigned", assigneeId = engineer.Id() })).ExpectAsync(HttpStatusCode.OK);
            foreach (var to in new[] { "accepted", "enRoute" })
                await (await Move(ce, order, new { to })).ExpectAsync(HttpStatusCode.OK);
            await (await ce.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);
            foreach (var part in parts)
                await (
                    await ce.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = part, quantity = 1 })
                ).ExpectAsync(HttpStatusCode.Created);
            return await (
                await Move(
                    ce,
                    order,
                    new
                    {
                        to = "resolved",
                        diagnosis = "密封件老化",
                        rootCause = "wear",
                        actions = "更换",
                        labourHours = 1,
                        partsCost = bought,
                    }
                )
            ).ExpectAsync(HttpStatusCode.OK);
        }

        // The seal (¥200) is listed: half is ¥100, under the cap. The filter and the part bought on the spot are not.
        var first = await RepairAsync([seal, filter], 50_00);
        var parts = first.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "parts");
        Assert.Equal(350_00, parts.Fen("cost"));
        Assert.Equal(100_00, parts.Fen("covered"));
        Assert.Equal(250_00, parts.Fen("billable"));
        Assert.False(first.GetProperty("entitlementExhausted").GetBoolean());
        var used = await (await cr.GetAsync($"/api/v1/contracts/{contract.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100_00, used.Fen("partsCapUsed"));

        // The next seal would be ¥100 more; ¥50 is left under the cap: that much is covered, the rest billed, dispatch told.
        var second = await RepairAsync([seal], 0);
        parts = second.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "parts");
        Assert.Equal(50_00, parts.Fen("covered"));
        Assert.Equal(150_00, parts.Fen("billable"));
        Assert.True(second.GetProperty("entitlementExhausted").GetBoolean());
        Assert.Contains(await app.NotificationsAsync(dispatcher.Email()), n => n.GetProperty("kind").GetString() == "PartsCapReached");
        used = await (await cr.GetAsync($"/api/v1/contracts/{contract.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(150_00, used.Fen("partsCapUsed"));

        // An amendment signed in its place carries on from what was used: the cap is not reset by a change of terms.
        var amendment = await (await cr.PostAsJsonAsync($"/api/v1/contracts/{contract.Id()}/amend", new { })).ExpectAsync(
            HttpStatusCode.Created
        );
        var signedAmendment = await cr.SignedAsync(amendment);
        Assert.Equal(150_00, signedAmendment.Fen("partsCapUsed"));

        // The customer's summary sums the same split in the database.
        var summary = await (await admin.GetAsync($"/api/v1/work-orders/summary?customerId={customer.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(150_00, summary.Fen("coveredCost"));
    }
}

public sealed class PartsCoverTests_Sqlite(SqliteFactory app) : PartsCoverTests<SqliteFactory>(app);

public sealed class PartsCoverTests_Postgres(PostgresFactory app) : PartsCoverTests<PostgresFactory>(app);

public sealed class CoverageTests_Sqlite(SqliteFactory app) : CoverageTests<SqliteFactory>(app);

public sealed class CoverageTests_Postgres(PostgresFactory app) : CoverageTests<PostgresFactory>(app);
