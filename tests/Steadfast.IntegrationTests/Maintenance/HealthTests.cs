using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.Maintenance;

namespace Steadfast.IntegrationTests.Maintenance;

/// <summary>A machine's health: each reason with its points, and the recommendations the configurable rules give.</summary>
public abstract class HealthTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task The_score_gives_its_reasons_and_the_rules_their_recommendations()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        // A monthly task, installed four months ago at 0 h and never done: overdue.
        await admin.TemplateAsync(product, new { tasks = new object[] { new { name = "月度点检", everyDays = 30 } } });
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, product, new { installedOn = "2025-12-20" });
        var healthy = await admin.MachineAsync(customer, product, new { installedOn = "2026-02-25" });
        await admin.ReadingAsync(machine, 8200, "2026-03-01T02:00:00Z");
        foreach (var _ in Enumerable.Range(0, 2))
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/work-orders",
                    new
                    {
                        customerId = customer.Id(),
                        machineId = machine.Id(),
                        contactName = "王主任",
                        contactPhone = "13800000000",
                        faultDescription = "主轴异响",
                        category = "主轴",
                        severity = "degraded",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        await app.DbAsync(async db =>
        {
            db.Add(
                new PartFitting
                {
                    Id = Guid.CreateVersion7(),
                    PartId = Guid.NewGuid(),
                    MachineId = Guid.Parse(machine.Id()),
                    ProductId = Guid.Parse(product.Id()),
                    CustomerId = Guid.Parse(customer.Id()),
                    Quantity = 1,
                    FittedOn = today.AddDays(-400),
                    ExpectedEndOn = today.AddDays(-35),
                }
            );
            return await db.SaveChangesAsync();
        });

        var health = await (await admin.GetAsync($"/api/v1/equipment/{machine.Id()}/health")).ExpectAsync(HttpStatusCode.OK);
        var reasons = health
            .GetProperty("reasons")
            .EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("points").GetInt32());
        // Two failures against a model average of one (two repairs, two machines): 10 points; a task overdue: 10; a part past life: 8.
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["failures"] = 10,
                ["overdue"] = 10,
                ["parts"] = 8,
            },
            reasons
        );
        Assert.Equal(72, health.GetProperty("score").GetInt32());
        Assert.Equal(8200, health.GetProperty("hours").GetDouble());
        var advice = health.GetProperty("recommendations").EnumerateArray().Select(a => a.GetString()).ToList();
        // In the reader's language: over 8,000 h, a part past its life, a task overdue; not "frequent failures" (two is not above two).
        bool Says(int rule) => advice.Contains(HealthDefaults.Rules[rule].Zh) || advice.Contains(HealthDefaults.Rules[rule].En);
        Assert.True(Says(0) && Says(1) && Says(2));
        Assert.False(Says(3));
        Assert.Equal(3, advice.Count);

        var fine = await (await admin.GetAsync($"/api/v1/equipment/{healthy.Id()}/health")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100, fine.GetProperty("score").GetInt32());
        Assert.Empty(fine.GetProperty("reasons").EnumerateArray());
        var site = await (await admin.GetAsync($"/api/v1/customers/{customer.Id()}/health")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([machine.Id(), healthy.Id()], site.EnumerateArray().Select(h => h.GetProperty("machineId").GetString()).ToList());

        var bad = await (
            await admin.PutAsJsonAsync(
                "/api/v1/maintenance/health-rules",
                new
                {
                    rules = new[]
                    {
                        new
                        {
                            metric = "hours",
                            threshold = -1,
                            textZh = "",
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rules[0].textZh", "rules[0].threshold"], bad.ErrorFields().Order());
        await (
            await admin.PutAsJsonAsync(
                "/api/v1/maintenance/health-rules",
                new
                {
                    rules = new[]
                    {
                        new
                        {
                            metric = "hours",
                            threshold = 5000,
                            textZh = "超过5000小时，建议更换主轴轴承",
                            textEn = "",
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        health = await (await admin.GetAsync($"/api/v1/equipment/{machine.Id()}/health")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            ["超过5000小时，建议更换主轴轴承"],
            health.GetProperty("recommendations").EnumerateArray().Select(a => a.GetString()).ToList()
        );
        await (
            await admin.PutAsJsonAsync(
                "/api/v1/maintenance/health-rules",
                new
                {
                    rules = HealthDefaults.Rules.Select(r => new
                    {
                        metric = r.Metric.ToString(),
                        threshold = r.Threshold,
                        textZh = r.Zh,
                        textEn = r.En,
                    }),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class HealthTests_Sqlite(SqliteFactory app) : HealthTests<SqliteFactory>(app);

public sealed class HealthTests_Postgres(PostgresFactory app) : HealthTests<PostgresFactory>(app);
