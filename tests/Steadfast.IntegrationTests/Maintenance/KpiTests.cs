using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Maintenance;

/// <summary>The dashboard's preventive-service figures on a database of their own: coverage, on time, findings.</summary>
public abstract class KpiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Coverage_counts_due_against_done_and_findings_their_corrective_orders()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        await admin.TemplateAsync(
            product,
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
                            new
                            {
                                text = "液压油温",
                                kind = "measure",
                                max = 60,
                            },
                        },
                    },
                },
            }
        );
        var customer = await admin.CustomerAsync();
        var a = await admin.MachineAsync(customer, product, new { installedOn = "2026-02-01" });
        await admin.MachineAsync(customer, product, new { installedOn = "2026-02-04" });
        await admin.MachineAsync(customer, product, new { installedOn = "2026-02-02", siteAddress = "昆山市二厂" });
        await admin.GenerateAsync();
        var order = (await admin.DueAsync(customer)).Single(d => d.Str("machineId") == a.Id()).Str("workOrderId")!;
        var engineerUser = await app.CreateAsync("Engineer");
        using var engineer = await app.ClientForAsync(engineerUser.Email());
        await (
            await admin.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { to = "assigned", assigneeId = engineerUser.Id() })
        ).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);
        var visit = await (await engineer.GetAsync($"/api/v1/work-orders/{order}/maintenance")).ExpectAsync(HttpStatusCode.OK);
        var hot = true;
        foreach (var item in visit.GetProperty("items").EnumerateArray())
        {
            var url = $"/api/v1/work-orders/{order}/checklist/{item.Id()}/c1";
            await (await engineer.PutAsJsonAsync(url, new { value = hot ? 72 : 40 })).ExpectAsync(HttpStatusCode.OK);
            if (hot)
                await (await engineer.PostAsJsonAsync($"{url}/corrective", new { })).ExpectAsync(HttpStatusCode.Created);
            hot = false;
        }
        await (
            await engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{order}/transitions",
                new
                {
                    to = "resolved",
                    diagnosis = "点检完成",
                    rootCause = "wear",
                    actions = "按计划保养",
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);

        var k = await (await admin.GetAsync("/api/v1/service/kpis/maintenance?from=2026-03-01&to=2026-03-31")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(3, k.GetProperty("due").GetInt32());
        Assert.Equal(2, k.GetProperty("done").GetInt32());
        Assert.Equal(66.7, k.GetProperty("coverage").GetDouble());
        Assert.Equal(100, k.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(1, k.GetProperty("findings").GetInt32());
        Assert.Equal(1, k.GetProperty("findingsWithCorrective").GetInt32());
        var region = k.GetProperty("byRegion").EnumerateArray().Single();
        Assert.Equal(("江苏", 3, 2), (region.Str("key"), region.GetProperty("due").GetInt32(), region.GetProperty("done").GetInt32()));
        var other = await (await admin.GetAsync("/api/v1/service/kpis/maintenance?from=2026-03-01&to=2026-03-31&region=广东")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(0, other.GetProperty("due").GetInt32());
        Assert.Equal(JsonValueKindNull, other.GetProperty("coverage").ValueKind);
        var bad = await (await admin.GetAsync("/api/v1/service/kpis/maintenance?from=2026-03-31&to=2026-03-01")).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["to"], bad.ErrorFields());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class KpiTests_Sqlite(SqliteFactory app) : KpiTests<SqliteFactory>(app);

public sealed class KpiTests_Postgres(PostgresFactory app) : KpiTests<PostgresFactory>(app);
