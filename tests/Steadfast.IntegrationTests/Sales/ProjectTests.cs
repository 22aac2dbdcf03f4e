using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// Custom-order projects: started from an order on the shipped template, a stage completed only with its deliverables,
/// the board's overdue stages, the cycle KPI, who may do what, the customer's own view, and bad input by field.
/// </summary>
public abstract class ProjectTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_stage_completes_only_with_its_deliverables_and_the_project_runs_to_delivery()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var customer = await cr.CustomerAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var order = await cr.OrderAsync(customer, product, now);

        var p = await (await cr.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id() })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(
            ["需求确认", "方案设计", "样件制作", "客户测试", "批量生产"],
            p.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString())
        );
        Assert.Equal(rep.Id(), p.Owner());
        Assert.True(p.Stage(0).GetProperty("current").GetBoolean());
        Assert.Equal("需求确认书", p.Stage(0).GetProperty("deliverables")[0].GetProperty("name").GetString());

        // No file yet: refused, naming the deliverable.
        var missing = await (
            await cr.PostAsJsonAsync($"/api/v1/projects/{p.Id()}/stages/{p.Stage(0).Id()}/complete", new { version = p.Stage(0).Version() })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["deliverables"], missing.ErrorFields());
        Assert.Contains("需求确认书", missing.GetProperty("errors").GetProperty("deliverables")[0].GetString(), StringComparison.Ordinal);

        var uploaded = await (await cr.UploadAsync(p, p.Stage(0), p.Stage(0).GetProperty("deliverables")[0])).ExpectAsync(
            HttpStatusCode.OK
        );
        var file = uploaded.Stage(0).GetProperty("deliverables")[0];
        Assert.Equal(JsonValueKind.String, file.GetProperty("attachmentId").ValueKind);
        var download = await cr.GetAsync(
            $"/api/v1/projects/{p.Id()}/stages/{p.Stage(0).Id()}/files/{file.GetProperty("attachmentId").GetString()}"
        );
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        // A stale version is a conflict; a stage that is not the current one cannot be completed.
        await (
            await cr.PostAsJsonAsync(
                $"/api/v1/projects/{p.Id()}/stages/{p.Stage(0).Id()}/complete",
                new { version = p.Stage(0).Version() - 1 }
            )
        ).ExpectAsync(HttpStatusCode.Conflict);
        await (
            await cr.PostAsJsonAsync($"/api/v1/projects/{p.Id()}/stages/{p.Stage(2).Id()}/complete", new { version = p.Stage(2).Version() })
        ).ExpectAsync(HttpStatusCode.Conflict);
        p = await (
            await cr.PostAsJsonAsync(
                $"/api/v1/projects/{p.Id()}/stages/{uploaded.Stage(0).Id()}/complete",
                new { version = uploaded.Stage(0).Version() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.True(p.Stage(1).GetProperty("current").GetBoolean());
        Assert.Equal(JsonValueKind.String, p.Stage(0).GetProperty("completedOn").ValueKind);

        // The board shows it under 方案设计; 30 days on it is late there and in the overdue list.
        var board = await (await cr.GetAsync("/api/v1/projects/board")).ExpectAsync(HttpStatusCode.OK);
        var lane = board.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("stage").GetString() == "方案设计");
        Assert.Contains(lane.GetProperty("cards").EnumerateArray(), c => c.Id() == p.Id() && !c.GetProperty("overdue").GetBoolean());
        app.Clock.Advance(TimeSpan.FromDays(30));
        using var cr2 = await app.ClientForAsync(rep.Email());
        board = await (await cr2.GetAsync("/api/v1/projects/board?overdue=true")).ExpectAsync(HttpStatusCode.OK);
        lane = board.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("stage").GetString() == "方案设计");
        Assert.Contains(lane.GetProperty("cards").EnumerateArray(), c => c.Id() == p.Id() && c.GetProperty("overdue").GetBoolean());
        var late = await (await cr2.GetAsync($"/api/v1/projects?overdue=true&customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, late.GetProperty("total").GetInt32());

        // The customer follows it in the portal, without owners; the back office list is closed to them.
        var customerUser = await app.CreateAsync("Customer", extra: new { customerId = customer.GetProperty("id").GetGuid() });
        using var cc = await app.ClientForAsync(customerUser.Email());
        var mine = await (await cc.GetAsync("/api/v1/portal/projects")).ExpectAsync(HttpStatusCode.OK);
        var seen = Assert.Single(mine.EnumerateArray());
        Assert.Equal(p.Id(), seen.Id());
        Assert.False(seen.TryGetProperty("ownerName", out _));
        Assert.Equal(
            "方案设计",
            seen.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("name").GetString()
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await cc.GetAsync($"/api/v1/projects/{p.Id()}")).StatusCode);

        // Another rep does not see it at all.
        var other = await app.CreateAsync("Sales");
        using var co = await app.ClientForAsync(other.Email());
        Assert.Equal(HttpStatusCode.NotFound, (await co.GetAsync($"/api/v1/projects/{p.Id()}")).StatusCode);

        // Through to delivery: the cycle is counted and the KPIs average it.
        for (var i = 1; i < 5; i++)
            p = await cr2.PassAsync(p, i);
        Assert.Equal("completed", p.GetProperty("status").GetString());
        Assert.Equal(30, p.GetProperty("cycleDays").GetInt32());
        var kpis = await (await cr2.GetAsync("/api/v1/projects/kpis")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(kpis.GetProperty("completedInWindow").GetInt32() >= 1);
        Assert.Contains(kpis.GetProperty("stages").EnumerateArray(), s => s.GetProperty("stage").GetString() == "方案设计");
        Assert.Equal(HttpStatusCode.Conflict, (await cr2.UploadAsync(p, p.Stage(4), p.Stage(4).GetProperty("deliverables")[0])).StatusCode);
    }

    [Fact]
    public async Task A_stage_owner_from_rd_works_their_stage_and_nobody_else_may()
    {
        var manager = await app.CreateAsync("SalesManager");
        using var cm = await app.ClientForAsync(manager.Email());
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var order = await admin.OrderAsync(customer, product, app.Clock.GetUtcNow().UtcDateTime);
        var p = await (
            await admin.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id(), ownerId = manager.Id() })
        ).ExpectAsync(HttpStatusCode.Created);
        var rd = await app.CreateAsync("RdEngineer");
        var rd2 = await app.CreateAsync("RdEngineer");
        using var crd = await app.ClientForAsync(rd.Email());
        using var crd2 = await app.ClientForAsync(rd2.Email());

        // Only the project's owner or a manager plans stages.
        var stage = p.Stage(0);
        await (
            await crd.PutAsJsonAsync($"/api/v1/projects/{p.Id()}/stages/{stage.Id()}", new { ownerId = rd.Id(), version = stage.Version() })
        ).ExpectAsync(HttpStatusCode.Forbidden);
        var badDates = await (
            await cm.PutAsJsonAsync(
                $"/api/v1/projects/{p.Id()}/stages/{stage.Id()}",
                new
                {
                    plannedStartOn = "2026-05-10",
                    plannedEndOn = "2026-05-01",
                    version = stage.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["plannedEndOn"], badDates.ErrorFields());
        p = await (
            await cm.PutAsJsonAsync($"/api/v1/projects/{p.Id()}/stages/{stage.Id()}", new { ownerId = rd.Id(), version = stage.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(rd.Id(), p.Stage(0).Owner());

        // Another engineer may read it but not work it.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await crd2.UploadAsync(p, p.Stage(0), p.Stage(0).GetProperty("deliverables")[0])).StatusCode
        );
        p = await crd.PassAsync(p, 0);
        Assert.True(p.Stage(1).GetProperty("current").GetBoolean());

        // Cancelled with a reason, by the owner.
        var cancelled = await (
            await cm.PostAsJsonAsync($"/api/v1/projects/{p.Id()}/cancel", new { reason = "客户取消订单", version = p.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await (
            await cm.PostAsJsonAsync($"/api/v1/projects/{p.Id()}/cancel", new { reason = "again", version = cancelled.Version() })
        ).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_templates_are_the_managers()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var order = await admin.OrderAsync(customer, product, app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(
            ["salesOrderId"],
            (await (await admin.PostAsJsonAsync("/api/v1/projects", new { })).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        Assert.Equal(
            ["salesOrderId"],
            (
                await (
                    await admin.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id(), opportunityId = Guid.NewGuid() })
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Equal(
            ["templateId"],
            (
                await (
                    await admin.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id(), templateId = Guid.NewGuid() })
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Contains(
            "months",
            (await (await admin.GetAsync("/api/v1/projects/kpis?months=0")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        Assert.Contains(
            "status",
            (await (await admin.GetAsync("/api/v1/projects?status=late")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );

        var name = $"模具项目{Guid.NewGuid():N}"[..10];
        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/project-templates",
                new
                {
                    name,
                    stages = new object[]
                    {
                        new
                        {
                            name = "设计",
                            days = 0,
                            deliverables = new[] { "图纸" },
                        },
                        new
                        {
                            name = "设计",
                            days = 5,
                            deliverables = Array.Empty<string>(),
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "stages[0].days", "stages[1].name" }, bad.ErrorFields());
        var template = await (
            await admin.PostAsJsonAsync(
                "/api/v1/project-templates",
                new
                {
                    name,
                    stages = new object[]
                    {
                        new
                        {
                            name = "设计",
                            days = 3,
                            deliverables = new[] { "图纸" },
                        },
                        new { name = "试模", days = 7 },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await admin.PostAsJsonAsync("/api/v1/project-templates", new { name, stages = new object[] { new { name = "x", days = 1 } } })
        ).ExpectAsync(HttpStatusCode.Conflict);
        var p = await (
            await admin.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id(), templateId = template.Id() })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, p.GetProperty("stages").GetArrayLength());
        Assert.Equal(0, p.Stage(1).GetProperty("deliverables").GetArrayLength());

        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await cr.PostAsJsonAsync(
                    "/api/v1/project-templates",
                    new { name = "x", stages = new object[] { new { name = "x", days = 1 } } }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task A_rule_on_late_stages_gives_the_projects_owner_a_task()
    {
        using var admin = await app.AdminAsync();
        var owner = await app.CreateAsync("Sales");
        var product = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var order = await admin.OrderAsync(customer, product, app.Clock.GetUtcNow().UtcDateTime);
        var p = await (
            await admin.PostAsJsonAsync("/api/v1/projects", new { salesOrderId = order.Id(), ownerId = owner.Id() })
        ).ExpectAsync(HttpStatusCode.Created);
        await admin.RuleAsync(
            new
            {
                name = "阶段超期一天",
                recordType = "project",
                enabled = true,
                definition = new
                {
                    trigger = new
                    {
                        kind = "time",
                        field = "CurrentStageDueOn",
                        offsetMinutes = 24 * 60,
                    },
                    conditions = new
                    {
                        items = new object[]
                        {
                            new
                            {
                                field = "Status",
                                op = "equals",
                                value = "Active",
                            },
                            new
                            {
                                field = "CustomerName",
                                op = "equals",
                                value = customer.GetProperty("name").GetString(),
                            },
                        },
                    },
                    actions = new[]
                    {
                        new
                        {
                            kind = "createTask",
                            to = new[] { new { kind = "owner" } },
                            textZh = "阶段超期：{Number} {CurrentStageName}",
                            textEn = "Stage late: {Number} {CurrentStageName}",
                            dueHours = 24,
                            priority = "high",
                        },
                    },
                },
            }
        );
        // 需求确认 is planned for five days: a week later it is a day late.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await app.DrainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DrainAsync();
        using var co = await app.ClientForAsync(owner.Email());
        var tasks = await (await co.GetAsync($"/api/v1/tasks?recordId={p.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var task = Assert.Single(tasks.GetProperty("items").EnumerateArray());
        Assert.Contains("需求确认", task.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(owner.Id(), task.GetProperty("assigneeId").GetString());
    }
}

public sealed class ProjectTests_Sqlite(SqliteFactory app) : ProjectTests<SqliteFactory>(app);

public sealed class ProjectTests_Postgres(PostgresFactory app) : ProjectTests<PostgresFactory>(app);
