using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.IntegrationTests.Sales;

namespace Steadfast.IntegrationTests.Maintenance;

/// <summary>
/// Maintenance templates and machines' plans: what a template refuses, the plan a machine gets at installation, due dates by
/// calendar, by hours through the readings' rate and whichever first, per-machine adjustment, and another model's template refused.
/// </summary>
public abstract class PlanTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_template_refuses_bad_tasks_naming_the_field()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        object Task(object task) => new { tasks = new[] { task } };
        var cases = new (object Body, string Field)[]
        {
            (Task(new { name = "保养", everyDays = 0 }), "tasks[0].everyDays"),
            (Task(new { name = "保养", everyHours = -5 }), "tasks[0].everyHours"),
            (Task(new { name = "保养" }), "tasks[0].everyDays"),
            (
                Task(
                    new
                    {
                        name = "保养",
                        everyDays = 30,
                        everyMonths = 1,
                    }
                ),
                "tasks[0].everyMonths"
            ),
            (
                Task(
                    new
                    {
                        name = "保养",
                        everyDays = 30,
                        checklist = new[]
                        {
                            new
                            {
                                text = "油压",
                                kind = "measure",
                                min = 9,
                                max = 3,
                            },
                        },
                    }
                ),
                "tasks[0].checklist[0].min"
            ),
            (
                Task(
                    new
                    {
                        name = "保养",
                        everyDays = 30,
                        parts = new[] { new { partId = Guid.NewGuid(), quantity = 1 } },
                    }
                ),
                "tasks[0].parts[0].partId"
            ),
            (new { tasks = Array.Empty<object>() }, "tasks"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await admin.TemplateAsync(product, body, HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.ErrorFields());
        }
        // Nothing was half-written: the model still has no template, only the one proposed from its hints.
        var template = await (await admin.GetAsync($"/api/v1/maintenance/templates/{product.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(template.Str("id"));
        using var engineer = await app.ClientForAsync((await app.CreateAsync("Engineer")).Email());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await engineer.PutAsJsonAsync($"/api/v1/maintenance/templates/{product.Id()}", MaintenanceKit.ThreeTasks())).StatusCode
        );
    }

    [Fact]
    public async Task An_installed_machine_gets_its_models_plan_dated_by_calendar_hours_and_whichever_first()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var template = await admin.TemplateAsync(product, MaintenanceKit.ThreeTasks());
        Assert.Equal(3, template.GetProperty("tasks").GetArrayLength());
        var keys = template
            .GetProperty("tasks")[0]
            .GetProperty("checklist")
            .EnumerateArray()
            .Select(c => c.GetProperty("key").GetString())
            .ToList();
        Assert.Equal(["c1", "c2"], keys);
        var customer = await admin.CustomerAsync();
        // Installed a month ago (today is 2 March 2026): intervals count from installation at 0 h.
        var machine = await admin.MachineAsync(customer, product, new { installedOn = "2026-02-01" });
        var plan = await admin.PlanAsync(machine);
        Assert.Equal("2026-05-01", plan.Task("季度保养").Str("nextDueOn"));
        Assert.Equal("calendar", plan.Task("季度保养").Str("dueBy"));
        // By hours with no readings: due at 500 h, no date yet.
        Assert.Null(plan.Task("更换液压油").Str("nextDueOn"));
        Assert.Equal(500, plan.Task("更换液压油").GetProperty("nextDueHours").GetDouble());
        Assert.Equal("2027-02-01", plan.Task("全面检修").Str("nextDueOn"));

        // Readings at 8 h a day (least squares through three): 500 h falls on 5 April, 2,000 h on 9 October.
        await admin.ReadingAsync(machine, 80, "2026-02-11T02:00:00Z");
        await admin.ReadingAsync(machine, 160, "2026-02-21T02:00:00Z");
        await admin.ReadingAsync(machine, 224, "2026-03-01T02:00:00Z");
        plan = await admin.PlanAsync(machine);
        Assert.Equal(8, plan.GetProperty("hoursPerDay").GetDouble(), 6);
        Assert.Equal(3, plan.GetProperty("rateReadings").GetInt32());
        Assert.Equal("2026-04-05", plan.Task("更换液压油").Str("nextDueOn"));
        Assert.Equal("hours", plan.Task("更换液压油").Str("dueBy"));
        Assert.Equal("2026-10-09", plan.Task("全面检修").Str("nextDueOn"));
        Assert.Equal("hours", plan.Task("全面检修").Str("dueBy"));

        // Adjusted on this machine only: done on 20 February at 150 h, the oil is due at 650 h.
        var oil = plan.Task("更换液压油");
        var stale = await (
            await admin.PutAsJsonAsync(
                $"/api/v1/equipment/{machine.Id()}/maintenance-plan/tasks/{oil.Id()}",
                new
                {
                    name = "更换液压油",
                    everyHours = 500,
                    lastDoneOn = "2026-02-20",
                    lastDoneHours = 150,
                    version = oil.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(650, stale.Task("更换液压油").GetProperty("nextDueHours").GetDouble());
        // (650 − 224) / 8 = 53.25: the 54th day after the last reading.
        Assert.Equal("2026-04-24", stale.Task("更换液压油").Str("nextDueOn"));
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await admin.PutAsJsonAsync(
                    $"/api/v1/equipment/{machine.Id()}/maintenance-plan/tasks/{oil.Id()}",
                    new
                    {
                        name = "更换液压油",
                        everyHours = 400,
                        version = oil.Version(),
                    }
                )
            ).StatusCode
        );
        var future = await (
            await admin.PutAsJsonAsync(
                $"/api/v1/equipment/{machine.Id()}/maintenance-plan/tasks/{oil.Id()}",
                new
                {
                    name = "更换液压油",
                    everyHours = 500,
                    lastDoneOn = "2026-09-01",
                    lastDoneHours = 9999,
                    version = stale.Task("更换液压油").Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["lastDoneHours", "lastDoneOn"], future.ErrorFields().Order());
    }

    [Fact]
    public async Task Existing_machines_get_plans_in_bulk_and_another_models_template_is_refused()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        // Registered before the template existed, installed long ago: the plan counts from today and the hours it has now.
        var old = await admin.MachineAsync(customer, product, new { installedOn = "2024-05-01" });
        await admin.ReadingAsync(old, 7000, "2026-02-01T02:00:00Z");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync($"/api/v1/equipment/{old.Id()}/maintenance-plan")).StatusCode);
        await admin.TemplateAsync(product, MaintenanceKit.ThreeTasks());
        var made = await (await admin.PostAsJsonAsync("/api/v1/maintenance/plans", new { productId = product.Id() })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(1, made.GetProperty("created").GetInt32());
        var plan = await admin.PlanAsync(old);
        Assert.Equal("2026-06-02", plan.Task("季度保养").Str("nextDueOn"));
        Assert.Equal(7500, plan.Task("更换液压油").GetProperty("nextDueHours").GetDouble());
        var again = await (await admin.PostAsJsonAsync("/api/v1/maintenance/plans", new { productId = product.Id() })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(0, again.GetProperty("created").GetInt32());

        var other = await admin.ProductAsync();
        var stranger = await admin.MachineAsync(customer, other);
        var template = await (await admin.GetAsync($"/api/v1/maintenance/templates/{product.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var refused = await (
            await admin.PostAsJsonAsync($"/api/v1/equipment/{stranger.Id()}/maintenance-plan", new { templateId = template.Id() })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["templateId"], refused.ErrorFields());
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await admin.PostAsJsonAsync($"/api/v1/equipment/{old.Id()}/maintenance-plan", new { templateId = template.Id() })).StatusCode
        );
    }
}

public sealed class PlanTests_Sqlite(SqliteFactory app) : PlanTests<SqliteFactory>(app);

public sealed class PlanTests_Postgres(PostgresFactory app) : PlanTests<PostgresFactory>(app);
