using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.Maintenance;

namespace Steadfast.IntegrationTests.Maintenance;

/// <summary>
/// Part life: a part issued on an order is fitted on its machine and ends the life of the unit it replaces; the statistics match
/// a hand-computed set; fitted parts near their life are listed (observed life with enough observations, else the catalogue's)
/// and one click opens a preventive order.
/// </summary>
public abstract class PartLifeTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static string Code() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static async Task<Guid> PartAsync(HttpClient admin, int? lifeDays) => (
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/parts",
                    new
                    {
                        number = "L-" + Code(),
                        name = "液压泵密封件",
                        unit = "pcs",
                        unitCost = 3000,
                        lifeDays,
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created)
        ).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_part_issued_on_an_order_ends_the_life_of_the_unit_it_replaces()
    {
        var admin = await app.AdminAsync();
        var keeper = await app.CreateAsync("Warehouse");
        var engineerUser = await app.CreateAsync("Engineer");
        using var keeperClient = await app.ClientForAsync(keeper.Email());
        var engineer = await app.ClientForAsync(engineerUser.Email());
        var product = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, product, new { installedOn = "2026-01-10" });
        var van = await (
            await admin.PostAsJsonAsync(
                "/api/v1/warehouses",
                new
                {
                    code = "V" + Code(),
                    name = "车载库",
                    kind = "van",
                    keeperId = engineerUser.Id(),
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var part = await PartAsync(admin, 365);
        await (
            await keeperClient.PostAsJsonAsync(
                "/api/v1/stock-movements",
                new
                {
                    kind = "receive",
                    partId = part,
                    warehouseId = van.Id(),
                    quantity = 5,
                    unitCost = 3000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

        async Task<JsonElement> RepairOnSiteAsync()
        {
            var order = await (
                await admin.PostAsJsonAsync(
                    "/api/v1/work-orders",
                    new
                    {
                        customerId = customer.Id(),
                        machineId = machine.Id(),
                        contactName = "王主任",
                        contactPhone = "13800000000",
                        faultDescription = "液压泵漏油",
                        category = "液压",
                        severity = "degraded",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
            await (
                await admin.PostAsJsonAsync(
                    $"/api/v1/work-orders/{order.Id()}/transitions",
                    new { to = "assigned", assigneeId = engineerUser.Id() }
                )
            ).ExpectAsync(HttpStatusCode.OK);
            await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", new { to = "accepted" })).ExpectAsync(
                HttpStatusCode.OK
            );
            return order;
        }

        var first = await RepairOnSiteAsync();
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{first.Id()}/parts", new { partId = part, quantity = 1 })).ExpectAsync(
            HttpStatusCode.Created
        );
        await (
            await engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{first.Id()}/parts/returns",
                new
                {
                    partId = part,
                    quantity = 1,
                    faulty = true,
                    serial = "SEAL-0001",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var fittings = await app.DbAsync(db =>
            Task.FromResult(db.Set<PartFitting>().Where(f => f.PartId == part).OrderBy(f => f.FittedOn).ToList())
        );
        var fitted = Assert.Single(fittings);
        // Installed 10 January, replaced 2 March: the factory unit lasted 51 days, and failed (a repair).
        Assert.Equal(51, fitted.ReplacedLifeDays);
        Assert.False(fitted.BeforeFailure);
        Assert.Equal("SEAL-0001", fitted.ReplacedSerial);
        Assert.Null(fitted.RemovedOn);
        // The catalogue's 365 days, until enough lives are observed.
        Assert.Equal(new DateOnly(2027, 3, 2), fitted.ExpectedEndOn);

        // A month later (signed in again: tokens do not last a month).
        app.Clock.Advance(TimeSpan.FromDays(30));
        admin.Dispose();
        engineer.Dispose();
        admin = await app.AdminAsync();
        engineer = await app.ClientForAsync(engineerUser.Email());
        var second = await RepairOnSiteAsync();
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{second.Id()}/parts", new { partId = part, quantity = 1 })).ExpectAsync(
            HttpStatusCode.Created
        );
        fittings = await app.DbAsync(db =>
            Task.FromResult(db.Set<PartFitting>().Where(f => f.PartId == part).OrderBy(f => f.FittedOn).ToList())
        );
        Assert.Equal(2, fittings.Count);
        Assert.Equal(new DateOnly(2026, 4, 1), fittings[0].RemovedOn);
        Assert.Equal(30, fittings[1].ReplacedLifeDays);

        // A good part taken back to the van was not fitted: the one it would have replaced is on the machine again.
        await (
            await engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{second.Id()}/parts/returns",
                new
                {
                    partId = part,
                    quantity = 1,
                    faulty = false,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        fittings = await app.DbAsync(db => Task.FromResult(db.Set<PartFitting>().Where(f => f.PartId == part).ToList()));
        Assert.Null(Assert.Single(fittings).RemovedOn);
        admin.Dispose();
        engineer.Dispose();
    }

    [Fact]
    public async Task Statistics_match_a_hand_computed_set_and_the_replace_soon_list_calls_before_the_failure()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, product, new { installedOn = "2025-01-10" });
        var other = await admin.MachineAsync(customer, product, new { installedOn = "2025-01-10" });
        var part = await PartAsync(admin, 365);
        var rare = await PartAsync(admin, 90);
        var productId = Guid.Parse(product.Id());
        var customerId = Guid.Parse(customer.Id());
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        int[] days = [100, 120, 150, 160, 180, 200, 210, 240, 300, 400];
        double[] hours = [1000, 1500, 1200, 2000, 1800, 2500, 2100, 2600, 3000, 5000];
        await app.DbAsync(async db =>
        {
            for (var i = 0; i < days.Length; i++)
                db.Add(
                    new PartFitting
                    {
                        Id = Guid.CreateVersion7(),
                        PartId = part,
                        MachineId = Guid.NewGuid(),
                        ProductId = productId,
                        CustomerId = customerId,
                        Quantity = 1,
                        FittedOn = today.AddDays(-500 + i),
                        ReplacedLifeDays = days[i],
                        ReplacedLifeHours = hours[i],
                        BeforeFailure = i < 3,
                        RemovedOn = today.AddDays(-400),
                    }
                );
            // Open fittings: this part fitted 180 days ago (observed median 190 → due in 10 days); the rare part, with two
            // observations only, fitted 80 days ago (catalogue's 90 → due in 10 days as well).
            db.Add(
                new PartFitting
                {
                    Id = Guid.CreateVersion7(),
                    PartId = part,
                    MachineId = Guid.Parse(machine.Id()),
                    ProductId = productId,
                    CustomerId = customerId,
                    Quantity = 1,
                    FittedOn = today.AddDays(-180),
                }
            );
            foreach (var life in new[] { 10, 20 })
                db.Add(
                    new PartFitting
                    {
                        Id = Guid.CreateVersion7(),
                        PartId = rare,
                        MachineId = Guid.NewGuid(),
                        ProductId = productId,
                        CustomerId = customerId,
                        Quantity = 1,
                        FittedOn = today.AddDays(-300),
                        ReplacedLifeDays = life,
                        RemovedOn = today.AddDays(-200),
                    }
                );
            db.Add(
                new PartFitting
                {
                    Id = Guid.CreateVersion7(),
                    PartId = rare,
                    MachineId = Guid.Parse(other.Id()),
                    ProductId = productId,
                    CustomerId = customerId,
                    Quantity = 1,
                    FittedOn = today.AddDays(-80),
                }
            );
            return await db.SaveChangesAsync();
        });

        var stats = await (await admin.GetAsync($"/api/v1/maintenance/part-life/{part}")).ExpectAsync(HttpStatusCode.OK);
        var model = stats.EnumerateArray().Single(s => s.GetProperty("productId").ValueKind != JsonValueKind.Null);
        Assert.Equal(10, model.GetProperty("observations").GetInt32());
        Assert.Equal(190, model.GetProperty("medianDays").GetDouble());
        Assert.Equal(206, model.GetProperty("meanDays").GetDouble());
        // PERCENTILE.INC: rank 0.9 → 100 + 0.9 × 20; rank 8.1 → 300 + 0.1 × 100.
        Assert.Equal(118, model.GetProperty("p10Days").GetDouble());
        Assert.Equal(310, model.GetProperty("p90Days").GetDouble());
        Assert.Equal(2050, model.GetProperty("medianHours").GetDouble());
        Assert.Equal(1180, model.GetProperty("p10Hours").GetDouble());
        Assert.Equal(3, model.GetProperty("beforeFailure").GetInt32());
        Assert.Equal(7, model.GetProperty("afterFailure").GetInt32());
        Assert.Equal(365, model.GetProperty("catalogueDays").GetInt32());
        Assert.Equal(10, model.GetProperty("histogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PartLife>().RefreshExpectedAsync(default);
        var soon = await (await admin.GetAsync($"/api/v1/maintenance/replace-soon?days=30&customerId={customer.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        var rows = soon.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var observed = rows.Single(r => r.GetProperty("partId").GetGuid() == part);
        Assert.True(observed.GetProperty("observed").GetBoolean());
        Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd"), observed.GetProperty("expectedOn").GetString());
        Assert.Equal(machine.Id(), observed.GetProperty("machineId").GetString());
        var catalogue = rows.Single(r => r.GetProperty("partId").GetGuid() == rare);
        Assert.False(catalogue.GetProperty("observed").GetBoolean());
        Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd"), catalogue.GetProperty("expectedOn").GetString());
        Assert.Equal(
            ["days"],
            (await (await admin.GetAsync("/api/v1/maintenance/replace-soon?days=0")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );

        var order = await (
            await admin.PostAsJsonAsync($"/api/v1/maintenance/replace-soon/{observed.GetProperty("fittingId").GetString()}/order", new { })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("maintenance", order.GetProperty("type").GetString());
        Assert.Equal("preventive", order.GetProperty("source").GetString());
        Assert.Equal(machine.Id(), order.GetProperty("machineId").GetString());
    }
}

public sealed class PartLifeTests_Sqlite(SqliteFactory app) : PartLifeTests<SqliteFactory>(app);

public sealed class PartLifeTests_Postgres(PostgresFactory app) : PartLifeTests<PostgresFactory>(app);
