using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Identity;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Outside parties (issue 6's access matrix): for every API read that takes an id and admits customers or
/// dealers — enumerated from the endpoint data source, so a new one cannot slip past — a Customer user of
/// another company and a Dealer user of another dealer asking for someone else's record get 404, not data.
/// </summary>
public abstract class OtherPartyTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    /// <summary>What record a route's first id names, by the resource it sits under.</summary>
    private enum Owner
    {
        Customer,
        Machine,
        WorkOrder,
        Lead,
        Opportunity,
        SalesOrder,
        Quote,
        Shared,
    }

    private static readonly Dictionary<string, Owner> ByResource = new(StringComparer.Ordinal)
    {
        ["customers"] = Owner.Customer,
        ["equipment"] = Owner.Machine,
        ["work-orders"] = Owner.WorkOrder,
        ["leads"] = Owner.Lead,
        ["opportunities"] = Owner.Opportunity,
        ["sales-orders"] = Owner.SalesOrder,
        ["quotes"] = Owner.Quote,
        // The product catalogue is the manufacturer's public list of models: anyone signed in reads it.
        ["products"] = Owner.Shared,
    };

    [Fact]
    public async Task Someone_elses_records_are_404_for_customers_and_dealers_on_every_read_by_id()
    {
        using var admin = await app.AdminAsync();
        var dealerA = await (
            await admin.PostAsJsonAsync("/api/v1/dealers", new { name = "甲经销商" + Guid.NewGuid().ToString("N")[..6] })
        ).ExpectAsync(HttpStatusCode.Created);
        var dealerB = await (
            await admin.PostAsJsonAsync("/api/v1/dealers", new { name = "乙经销商" + Guid.NewGuid().ToString("N")[..6] })
        ).ExpectAsync(HttpStatusCode.Created);
        var mine = await admin.CustomerAsync(extra: new { dealerId = dealerA.GetProperty("id").GetGuid() });
        var theirs = await admin.CustomerAsync(extra: new { dealerId = dealerB.GetProperty("id").GetGuid() });
        var machine = await admin.MachineAsync(theirs, await admin.ProductAsync());
        var order = await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = theirs.Id(),
                    machineId = machine.Id(),
                    contactName = "外部",
                    contactPhone = "13800000000",
                    faultDescription = "别人的工单",
                    category = "电气",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        // Another dealer's lead, an opportunity and an order of the other dealer's customer.
        var lead = await (
            await admin.PostAsJsonAsync(
                "/api/v1/leads",
                new
                {
                    source = "phone",
                    companyName = "别人的线索",
                    phone = "13700000000",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await admin.PutAsJsonAsync(
                $"/api/v1/leads/{lead.Id()}",
                new { dealerId = dealerB.Id(), version = lead.GetProperty("version").GetInt64() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        var opportunity = await (
            await admin.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "别人的商机",
                    customerId = theirs.Id(),
                    amount = 100,
                    expectedCloseOn = "2026-12-31",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var salesOrder = await (
            await admin.PostAsJsonAsync(
                "/api/v1/sales-orders",
                new
                {
                    customerId = theirs.Id(),
                    orderedOn = "2026-03-01",
                    lines = new[]
                    {
                        new
                        {
                            description = "整机",
                            quantity = 1,
                            unitPrice = 100,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var quote = await (await admin.PostAsJsonAsync("/api/v1/quotes", new { opportunityId = opportunity.Id() })).ExpectAsync(
            HttpStatusCode.Created
        );
        var ids = new Dictionary<Owner, string>
        {
            [Owner.Customer] = theirs.Id(),
            [Owner.Machine] = machine.Id(),
            [Owner.WorkOrder] = order.Id(),
            [Owner.Lead] = lead.Id(),
            [Owner.Opportunity] = opportunity.Id(),
            [Owner.SalesOrder] = salesOrder.Id(),
            [Owner.Quote] = quote.Id(),
        };

        var customerUser = await app.CreateAsync("Customer", extra: new { customerId = mine.GetProperty("id").GetGuid() });
        var dealerUser = await app.CreateAsync("Dealer", extra: new { dealerId = dealerA.GetProperty("id").GetGuid() });
        using var customer = await app.ClientForAsync(customerUser.GetProperty("email").GetString()!);
        using var dealer = await app.ClientForAsync(dealerUser.GetProperty("email").GetString()!);

        var outside = new[] { Roles.Customer, Roles.Dealer };
        var reads = app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e =>
                e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal)
                && e.RoutePattern.Parameters.Count > 0
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true
                && e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && Policies.RolesOf[p].Any(outside.Contains))
            )
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();
        Assert.NotEmpty(reads);
        var unclassified = new List<string>();
        var leaks = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in reads)
        {
            var resource = route.Split('/')[2];
            if (!ByResource.TryGetValue(resource, out var owner))
            {
                unclassified.Add(route);
                continue;
            }
            if (owner == Owner.Shared)
                continue;
            var first = true;
            var url = "/" + System.Text.RegularExpressions.Regex.Replace(route, "\\{[^}]+\\}", _ =>
                {
                    var value = first ? ids[owner] : Guid.NewGuid().ToString();
                    first = false;
                    return value;
                });
            checkedRoutes++;
            foreach (var (who, client) in new[] { ("customer", customer), ("dealer", dealer) })
            {
                var status = (await client.GetAsync(url)).StatusCode;
                if (status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                    leaks.Add($"{who} GET {url} ({route}) → {(int)status}");
            }
        }
        Assert.True(unclassified.Count == 0, "Say whose record these routes read:\n" + string.Join("\n", unclassified));
        Assert.True(checkedRoutes >= 8, $"only {checkedRoutes} routes checked");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        // Their own records they do see.
        await (await customer.GetAsync($"/api/v1/customers/{mine.Id()}")).ExpectAsync(HttpStatusCode.OK);
        await (await dealer.GetAsync($"/api/v1/customers/{mine.Id()}")).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class OtherPartyTests_Sqlite(SqliteFactory app) : OtherPartyTests<SqliteFactory>(app);

public sealed class OtherPartyTests_Postgres(PostgresFactory app) : OtherPartyTests<PostgresFactory>(app);
