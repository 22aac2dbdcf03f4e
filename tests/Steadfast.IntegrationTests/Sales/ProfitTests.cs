using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>Profitability against hand-computed sums: a customer's invoiced service contract and a covered repair.</summary>
public abstract class ProfitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Profit_by_customer_and_contract_is_invoices_and_billable_charges_less_cost()
    {
        using var admin = await app.AdminAsync();
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        var customer = await cr.CustomerAsync();
        var product = await admin.ProductAsync(warrantyMonths: 1);
        var machine = await admin.MachineAsync(customer, product);
        var contract = await cr.ContractAsync(
            new
            {
                title = "年度维保",
                kind = "service",
                serviceKind = "annualMaintenance",
                customerId = customer.Id(),
                startsOn = "2026-03-01",
                endsOn = "2027-02-28",
                amount = 36_000_00,
                machineIds = new[] { machine.Id() },
                labourPercent = 100,
                partsPercent = 50,
                instalments = new[]
                {
                    new
                    {
                        name = "年费",
                        dueFrom = "signing",
                        amount = 36_000_00,
                    },
                },
            }
        );
        contract = await cr.SignedAsync(contract);
        // Only what is invoiced is revenue; more than the instalment is refused by field.
        var tooMuch = await (
            await cf.PostAsJsonAsync(
                "/api/v1/receivables/invoices",
                new
                {
                    instalmentId = contract.Instalment(0).Id(),
                    number = $"INV-{Guid.NewGuid():N}"[..16],
                    issuedOn = "2026-03-02",
                    amount = 36_000_01,
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["amount"], tooMuch.ErrorFields());
        await (
            await cf.PostAsJsonAsync(
                "/api/v1/receivables/invoices",
                new
                {
                    instalmentId = contract.Instalment(0).Id(),
                    number = $"INV-{Guid.NewGuid():N}"[..16],
                    issuedOn = "2026-03-02",
                    amount = 36_000_00,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

        // A covered repair: two hours at ¥150 (covered), ¥120 travel (billed).
        var order = await admin.OrderAsync(customer, machine, "degraded", "液压");
        var engineer = await app.CreateAsync("Engineer");
        using var ce = await app.ClientForAsync(engineer.Email());
        await (
            await admin.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/transitions",
                new { to = "assigned", assigneeId = engineer.Id() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await ce.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await ce.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);
        await (
            await ce.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/transitions",
                new
                {
                    to = "resolved",
                    diagnosis = "油管老化",
                    rootCause = "wear",
                    actions = "更换油管",
                    labourHours = 2,
                    travelCost = 120_00,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);

        var byCustomer = await (await cf.GetAsync("/api/v1/profitability?by=customer&pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        var row = byCustomer.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == customer.Id());
        Assert.Equal(36_000_00, row.Fen("contractRevenue"));
        Assert.Equal(120_00, row.Fen("serviceRevenue"));
        Assert.Equal(420_00, row.Fen("cost"));
        Assert.Equal(36_000_00 + 120_00 - 420_00, row.Fen("profit"));
        Assert.Equal(1, row.GetProperty("orders").GetInt32());

        var byContract = await (await cf.GetAsync("/api/v1/profitability?by=contract&pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        var c = byContract.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == contract.Id());
        Assert.Equal(36_000_00, c.Fen("contractRevenue"));
        Assert.Equal(300_00, c.Fen("cost"));
        Assert.StartsWith(contract.GetProperty("number").GetString()!, c.GetProperty("name").GetString(), StringComparison.Ordinal);

        var behind = await (await cf.GetAsync($"/api/v1/profitability/orders?by=contract&key={contract.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        var o = Assert.Single(behind.GetProperty("items").EnumerateArray());
        Assert.Equal(order.Id(), o.Id());
        Assert.Equal(120_00, o.Fen("billable"));

        // Who may read it, and bad input by field.
        Assert.Equal(HttpStatusCode.Forbidden, (await cr.GetAsync("/api/v1/profitability")).StatusCode);
        await (await cf.GetAsync("/api/v1/profitability?by=planet")).ExpectAsync(HttpStatusCode.BadRequest);
        var period = await (await cf.GetAsync("/api/v1/profitability?from=2026-03-01&to=2025-01-01")).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["to"], period.ErrorFields());
    }
}

public sealed class ProfitTests_Sqlite(SqliteFactory app) : ProfitTests<SqliteFactory>(app);

public sealed class ProfitTests_Postgres(PostgresFactory app) : ProfitTests<PostgresFactory>(app);
