using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Automation.Rules;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Outbox;

namespace Steadfast.IntegrationTests.Automation;

/// <summary>
/// Rules end to end on the real database: each trigger kind, conditions on the record, its customer and custom fields,
/// each action, the run log, the loop guard, exactly-once delivery by two nodes, failures retried, bad rules refused
/// whole, and the simulator listing what the rule then does.
/// </summary>
public abstract class RuleTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static object Notify(string role, string zh, string en, Guid? robot = null) =>
        new
        {
            kind = "notify",
            to = new[] { new { kind = "role", value = role } },
            channels = robot is null ? new[] { "bell" } : new[] { "bell", "robot" },
            endpointId = robot,
            textZh = zh,
            textEn = en,
        };

    private async Task<(
        HttpClient Admin,
        JsonElement Strategic,
        JsonElement Normal,
        JsonElement Machine,
        JsonElement NormalMachine
    )> SetupAsync()
    {
        var admin = await app.AdminAsync();
        var strategic = await admin.CustomerAsync(extra: new { tier = "strategic" });
        var normal = await admin.CustomerAsync(extra: new { tier = "normal" });
        var product = await admin.ProductAsync();
        return (admin, strategic, normal, await admin.MachineAsync(strategic, product), await admin.MachineAsync(normal, product));
    }

    [Fact]
    public async Task A_stopped_line_at_a_strategic_customer_reaches_the_robot_and_the_bell_once_with_its_run_log()
    {
        await using var robot = await RuleTestKit.Robot.StartAsync();
        var (admin, strategic, normal, machine, normalMachine) = await SetupAsync();
        using var _ = admin;
        var manager = await app.CreateAsync("ServiceManager");
        var endpoint = await admin.RobotEndpointAsync(robot.Url);
        var marker = RuleTestKit.Marker();
        var rule = await admin.RuleAsync(
            new
            {
                name = "停产 → 企业微信",
                recordType = "workorder",
                enabled = true,
                definition = new
                {
                    trigger = new { kind = "created" },
                    conditions = new
                    {
                        items = new object[]
                        {
                            new
                            {
                                field = "Severity",
                                op = "equals",
                                value = "StoppedProduction",
                            },
                            new
                            {
                                field = "customer.Tier",
                                op = "equals",
                                value = "Strategic",
                            },
                            new
                            {
                                field = "Category",
                                op = "equals",
                                value = marker,
                            },
                        },
                    },
                    actions = new[]
                    {
                        Notify("ServiceManager", "停产 {Number}：{customer.Name}", "Stopped {Number}: {customer.Name}", endpoint),
                    },
                },
            }
        );
        Assert.Contains("Production stopped", rule.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var hit = await admin.OrderAsync(strategic, machine, "stoppedProduction", marker);
        await admin.OrderAsync(normal, normalMachine, "stoppedProduction", marker);
        await admin.OrderAsync(strategic, machine, "degraded", marker);
        await app.DrainAsync();
        await app.DrainAsync();

        var message = JsonDocument
            .Parse(Assert.Single(robot.Messages))
            .RootElement.GetProperty("markdown")
            .GetProperty("content")
            .GetString()!;
        Assert.Contains(hit.GetProperty("number").GetString()!, message, StringComparison.Ordinal);
        Assert.Contains(strategic.GetProperty("name").GetString()!, message, StringComparison.Ordinal);
        Assert.Equal(1, await app.UnreadAsync(manager.Email()));
        var run = Assert.Single(await admin.RunsAsync(rule));
        Assert.Equal("done", run.GetProperty("outcome").GetString());
        Assert.Equal(hit.Id(), run.GetProperty("recordId").GetString());
        var seen = run.GetProperty("values")
            .EnumerateArray()
            .ToDictionary(v => v.GetProperty("field").GetString()!, v => v.GetProperty("value").GetString());
        Assert.Equal("StoppedProduction", seen["Severity"]);
        Assert.Equal("Strategic", seen["customer.Tier"]);
        Assert.Equal("notify", run.GetProperty("actions")[0].GetProperty("kind").GetString());

        // A redelivered event (a node that died before marking it done) does not run the rule twice.
        var handler = app.Services.GetServices<IOutboxHandler>().Single(h => h.Type == RuleEvents.MessageType);
        var events = await app.DbAsync(db => db.Set<OutboxMessage>().Where(m => m.Type == RuleEvents.MessageType).ToListAsync());
        foreach (var e in events)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await handler.HandleAsync(e, scope.ServiceProvider, default);
        }
        await app.DrainAsync();
        Assert.Single(robot.Messages);
        Assert.Equal(1, await app.UnreadAsync(manager.Email()));
        Assert.Single(await admin.RunsAsync(rule));
    }

    [Fact]
    public async Task A_change_to_a_value_sets_a_custom_field_and_conditions_read_custom_fields()
    {
        using var admin = await app.AdminAsync();
        var scale = "scale_" + Guid.NewGuid().ToString("N")[..5];
        var vip = "vip_" + Guid.NewGuid().ToString("N")[..5];
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "customer",
                    key = scale,
                    labelEn = "Staff",
                    labelZh = "员工规模",
                    type = "number",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "customer",
                    key = vip,
                    labelEn = "VIP",
                    labelZh = "重点关注",
                    type = "yesNo",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var marker = RuleTestKit.Marker();
        var rule = await admin.RuleAsync(
            new
            {
                name = "大客户升级 → 标记重点关注",
                recordType = "customer",
                enabled = true,
                definition = new
                {
                    trigger = new
                    {
                        kind = "changed",
                        field = "Tier",
                        toValue = "Strategic",
                    },
                    conditions = new
                    {
                        items = new object[]
                        {
                            new
                            {
                                field = $"cf.{scale}",
                                op = "atLeast",
                                value = "1000",
                            },
                            new
                            {
                                field = "Name",
                                op = "contains",
                                value = marker,
                            },
                        },
                    },
                    actions = new[]
                    {
                        new
                        {
                            kind = "setField",
                            field = $"cf.{vip}",
                            value = "True",
                        },
                    },
                },
            }
        );
        var big = await admin.CustomerAsync(
            $"{marker}大厂有限公司",
            new { customFields = new Dictionary<string, object> { [scale] = 5000 } }
        );
        var small = await admin.CustomerAsync(
            $"{marker}小厂有限公司",
            new { customFields = new Dictionary<string, object> { [scale] = 50 } }
        );
        foreach (var c in new[] { big, small })
            await (await admin.PutAsJsonAsync($"/api/v1/customers/{c.Id()}", Retier(c, "strategic"))).ExpectAsync(HttpStatusCode.OK);
        await app.DrainAsync();

        var bigNow = await (await admin.GetAsync($"/api/v1/customers/{big.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(bigNow.GetProperty("customFields").GetProperty(vip).GetBoolean());
        var smallNow = await (await admin.GetAsync($"/api/v1/customers/{small.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(smallNow.GetProperty("customFields").TryGetProperty(vip, out _));
        var run = Assert.Single(await admin.RunsAsync(rule));
        Assert.Equal(big.Id(), run.GetProperty("recordId").GetString());
        // The audit log names the rule as the one who set the field; its own change did not fire it again.
        var who = await app.DbAsync(db =>
            db.AuditEntries.Where(a => a.EntityId == big.Id() && a.Changes.Contains(vip)).Select(a => a.UserName).ToListAsync()
        );
        Assert.Equal("rule: 大客户升级 → 标记重点关注", Assert.Single(who));
    }

    private static object Retier(JsonElement customer, string tier) => new { tier, version = customer.GetProperty("version").GetInt64() };

    [Fact]
    public async Task Two_rules_that_undo_each_other_stop_at_the_depth_limit_and_say_so()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        object Flip(string from, string to) =>
            new
            {
                name = $"{from} → {to} {marker}",
                recordType = "customer",
                enabled = true,
                definition = new
                {
                    trigger = new
                    {
                        kind = "changed",
                        field = "Tier",
                        toValue = from,
                    },
                    conditions = new
                    {
                        items = new[]
                        {
                            new
                            {
                                field = "Name",
                                op = "contains",
                                value = marker,
                            },
                        },
                    },
                    actions = new[]
                    {
                        new
                        {
                            kind = "setField",
                            field = "Tier",
                            value = to,
                        },
                    },
                },
            };
        var ping = await admin.RuleAsync(Flip("Key", "Strategic"));
        var pong = await admin.RuleAsync(Flip("Strategic", "Key"));
        var customer = await admin.CustomerAsync($"{marker}循环测试有限公司");
        await (await admin.PutAsJsonAsync($"/api/v1/customers/{customer.Id()}", Retier(customer, "key"))).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < 12; i++)
            await app.DrainAsync();

        var runs = (await admin.RunsAsync(ping)).Concat(await admin.RunsAsync(pong)).ToList();
        Assert.Contains(runs, r => r.GetProperty("outcome").GetString() == "loopStopped");
        Assert.InRange(runs.Count(r => r.GetProperty("outcome").GetString() == "done"), 2, 5);
        Assert.Empty(await app.DbAsync(db => db.Set<OutboxMessage>().Where(m => m.ProcessedAtUtc == null).ToListAsync()));
    }

    [Fact]
    public async Task A_time_trigger_fires_for_records_that_come_due_and_never_before()
    {
        var (admin, strategic, _, machine, _) = await SetupAsync();
        using var __ = admin;
        var marker = RuleTestKit.Marker();
        var rule = await admin.RuleAsync(
            new
            {
                name = "24 小时未处理",
                recordType = "workorder",
                enabled = true,
                definition = new
                {
                    trigger = new
                    {
                        kind = "time",
                        field = "ReportedAtUtc",
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
                                value = "New",
                            },
                            new
                            {
                                field = "Category",
                                op = "equals",
                                value = marker,
                            },
                        },
                    },
                    actions = new[]
                    {
                        new
                        {
                            kind = "createTask",
                            to = new[] { new { kind = "role", value = "Dispatcher" } },
                            textZh = "立即派工：{Number}",
                            textEn = "Dispatch now: {Number}",
                            dueHours = 2,
                            priority = "urgent",
                        },
                    },
                },
            }
        );
        var old = await admin.OrderAsync(strategic, machine, "degraded", marker);
        var handled = await admin.OrderAsync(strategic, machine, "degraded", marker);
        var fresh = await admin.OrderAsync(strategic, machine, "degraded", marker);
        var engineer = await app.CreateAsync("Engineer");
        await (
            await admin.PostAsJsonAsync(
                $"/api/v1/work-orders/{handled.Id()}/transitions",
                new { to = "assigned", assigneeId = engineer.Id() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        // As if the rule had been on for two days and the orders reported 25 and 23 hours ago.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.DbAsync(async db =>
        {
            foreach (var (id, hours) in new[] { (old.Id(), 25.0), (handled.Id(), 25.0), (fresh.Id(), 23.0) })
                await ReportedAsync(db, id, now.AddHours(-hours));
            return await MoveSweepBackAsync(db, rule, now.AddDays(-2));
        });
        await app.DrainAsync();

        var tasks = await TasksAboutAsync(admin, old, handled, fresh);
        var task = Assert.Single(tasks);
        Assert.Equal(old.Id(), task.GetProperty("recordId").GetString());
        Assert.Equal("Dispatcher", task.GetProperty("poolRole").GetString());
        Assert.Equal("urgent", task.GetProperty("priority").GetString());

        // The fresh order is not due for an hour: nothing at the next wake. Once its time passes, it fires once.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DrainAsync();
        Assert.Single(await TasksAboutAsync(admin, old, handled, fresh));
        await app.DbAsync(db => ReportedAsync(db, fresh.Id(), now.AddHours(-24).AddMinutes(3)));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DrainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DrainAsync();
        Assert.Equal(2, (await TasksAboutAsync(admin, old, handled, fresh)).Count);
        Assert.Equal(2, (await admin.RunsAsync(rule)).Count);
    }

    [Fact]
    public async Task Thirty_days_before_a_warranty_ends_the_customer_owner_gets_a_renewal_task()
    {
        using var admin = await app.AdminAsync();
        var owner = await app.CreateAsync("Sales");
        var customer = await admin.CustomerAsync(extra: new { ownerId = owner.Id() });
        var product = await admin.ProductAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var due = await admin.MachineAsync(customer, product, new { warrantyEndsOn = today.AddDays(30).ToString("yyyy-MM-dd") });
        var later = await admin.MachineAsync(customer, product, new { warrantyEndsOn = today.AddDays(31).ToString("yyyy-MM-dd") });
        var templates = await (await admin.GetAsync("/api/v1/automation/templates")).ExpectAsync(HttpStatusCode.OK);
        var renewal = templates.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "renewal-30d");
        var rule = await admin.RuleAsync(
            new
            {
                name = renewal.GetProperty("name").GetString(),
                recordType = "equipment",
                enabled = true,
                template = "renewal-30d",
                definition = renewal.GetProperty("definition"),
            }
        );
        await app.DbAsync(db => MoveSweepBackAsync(db, rule, app.Clock.GetUtcNow().UtcDateTime.AddDays(-1)));
        await app.DrainAsync();

        using var sales = await app.ClientForAsync(owner.Email());
        var mine = await (await sales.GetAsync("/api/v1/tasks")).ExpectAsync(HttpStatusCode.OK);
        var task = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(due.Id(), task.GetProperty("recordId").GetString());
        Assert.Contains(due.GetProperty("serialNumber").GetString()!, task.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(today.AddDays(30).ToString("yyyy-MM-dd"), task.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), x => x.GetProperty("recordId").GetString() == later.Id());
    }

    [Fact]
    public async Task A_schedule_runs_once_a_day_at_its_time()
    {
        using var admin = await app.AdminAsync();
        var rule = await admin.RuleAsync(
            new
            {
                name = "每日早会提醒",
                enabled = true,
                definition = new
                {
                    trigger = new { kind = "schedule", at = "08:00" },
                    actions = new[]
                    {
                        new
                        {
                            kind = "createTask",
                            to = new[] { new { kind = "role", value = "Warehouse" } },
                            textZh = "{date} 早会：盘点昨日出库",
                            textEn = "{date} stand-up: yesterday's issues",
                        },
                    },
                },
            }
        );
        var item = await app.DbAsync(db =>
            db.DueItems.SingleAsync(d => d.Kind == "automation.schedule" && d.SubjectId == rule.Id() && d.ProcessedAtUtc == null)
        );
        var local = item.DueAtUtc.AddHours(8);
        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(local));
        Assert.True(item.DueAtUtc > app.Clock.GetUtcNow().UtcDateTime);
        await app.DrainAsync();
        Assert.Empty(await admin.RunsAsync(rule));

        await app.DbAsync(db =>
            db.DueItems.Where(d => d.Id == item.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.AvailableAtUtc, app.Clock.GetUtcNow().UtcDateTime))
        );
        await app.DrainAsync();
        await app.DrainAsync();
        Assert.Single(await admin.RunsAsync(rule));
        var next = await app.DbAsync(db =>
            db.DueItems.SingleAsync(d => d.Kind == "automation.schedule" && d.SubjectId == rule.Id() && d.ProcessedAtUtc == null)
        );
        Assert.True(next.DueAtUtc > item.DueAtUtc);
    }

    [Fact]
    public async Task The_simulator_lists_what_enabling_the_rule_then_does_on_the_same_data()
    {
        var (admin, strategic, normal, machine, normalMachine) = await SetupAsync();
        using var _ = admin;
        await app.CreateAsync("ServiceManager");
        var marker = RuleTestKit.Marker();
        var definition = new
        {
            trigger = new { kind = "created" },
            conditions = new
            {
                items = new object[]
                {
                    new
                    {
                        field = "Severity",
                        op = "equals",
                        value = "StoppedProduction",
                    },
                    new
                    {
                        field = "Category",
                        op = "equals",
                        value = marker,
                    },
                },
            },
            actions = new object[]
            {
                Notify("ServiceManager", "停产 {Number}", "Stopped {Number}"),
                new
                {
                    kind = "createTask",
                    to = new[] { new { kind = "role", value = "Dispatcher" } },
                    textZh = "跟进 {Number}",
                    textEn = "Follow {Number}",
                },
            },
        };
        var rule = await admin.RuleAsync(
            new
            {
                name = "模拟对照",
                recordType = "workorder",
                enabled = false,
                definition,
            }
        );

        async Task Orders()
        {
            await admin.OrderAsync(strategic, machine, "stoppedProduction", marker);
            await admin.OrderAsync(normal, normalMachine, "stoppedProduction", marker);
            await admin.OrderAsync(strategic, machine, "degraded", marker);
        }
        await Orders();
        var before = await SimulateAsync(admin, rule, definition);
        Assert.Equal(2, before.GetProperty("firings").GetInt32());
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var enabled = await (
            await admin.PutAsJsonAsync(
                $"/api/v1/automation/rules/{rule.Id()}",
                new
                {
                    name = "模拟对照",
                    recordType = "workorder",
                    enabled = true,
                    definition,
                    version = rule.GetProperty("version").GetInt64(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, enabled.GetProperty("revision").GetInt32());
        // Orders saved before the rule was switched on are not its business, even when their events are worked later.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await Orders();
        await app.DrainAsync();
        var runs = await admin.RunsAsync(rule);
        Assert.Equal(2, runs.Count);

        var after = await SimulateAsync(admin, rule, definition);
        Assert.Equal(4, after.GetProperty("firings").GetInt32());
        var simulated = after.GetProperty("items").EnumerateArray().ToDictionary(f => f.GetProperty("recordId").GetString()!);
        foreach (var run in runs)
        {
            var twin = simulated[run.GetProperty("recordId").GetString()!];
            Assert.Equal(Shape(run.GetProperty("values")), Shape(twin.GetProperty("values")));
            Assert.Equal(Shape(run.GetProperty("actions")), Shape(twin.GetProperty("actions")));
        }
        // The simulator changed nothing: only the two live firings made tasks.
        var tasks = await app.DbAsync(db =>
            db.Set<Steadfast.Automation.Tasks.WorkTask>().CountAsync(x => x.RuleId == Guid.Parse(rule.Id()))
        );
        Assert.Equal(2, tasks);
    }

    private static string Shape(JsonElement array) =>
        string.Join("|", array.EnumerateArray().Select(e => e.GetRawText()).Order(StringComparer.Ordinal));

    private static async Task<JsonElement> SimulateAsync(HttpClient admin, JsonElement rule, object definition) =>
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/automation/rules/simulate",
                new
                {
                    recordType = "workorder",
                    definition,
                    days = 7,
                    ruleId = rule.Id(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Events_drained_by_two_nodes_at_once_run_each_rule_once()
    {
        var (admin, strategic, _, machine, _) = await SetupAsync();
        using var _ = admin;
        var manager = await app.CreateAsync("ServiceManager");
        var marker = RuleTestKit.Marker();
        var rule = await admin.RuleAsync(
            new
            {
                name = "两节点",
                recordType = "workorder",
                enabled = true,
                definition = new
                {
                    trigger = new { kind = "created" },
                    conditions = new
                    {
                        items = new[]
                        {
                            new
                            {
                                field = "Category",
                                op = "equals",
                                value = marker,
                            },
                        },
                    },
                    actions = new[] { Notify("ServiceManager", "新单 {Number}", "New {Number}") },
                },
            }
        );
        for (var i = 0; i < 12; i++)
            await admin.OrderAsync(strategic, machine, "degraded", marker);
        var nodeA = app.Services.GetRequiredService<ClaimQueue<OutboxMessage>>();
        var nodeB = ClaimQueues.Outbox(app.Services);
        async Task Drain(ClaimQueue<OutboxMessage> node)
        {
            while (
                await node.DrainOnceAsync(
                    (sp, m, ct) => sp.GetServices<IOutboxHandler>().Single(h => h.Type == m.Type).HandleAsync(m, sp, ct),
                    3,
                    default
                ) > 0
            ) { }
        }
        await Task.WhenAll(Drain(nodeA), Drain(nodeB), Drain(nodeA), Drain(nodeB));
        Assert.Equal(12, (await admin.RunsAsync(rule)).Count);
        Assert.Equal(12, await app.UnreadAsync(manager.Email()));
    }

    [Fact]
    public async Task A_failing_action_never_blocks_the_save_is_logged_for_the_owner_and_retried()
    {
        await using var robot = await RuleTestKit.Robot.StartAsync();
        var (admin, strategic, _, machine, _) = await SetupAsync();
        using var _ = admin;
        var owner = await app.CreateAsync("ServiceManager");
        var endpoint = await admin.RobotEndpointAsync(robot.Url);
        var marker = RuleTestKit.Marker();
        var rule = await admin.RuleAsync(
            new
            {
                name = "失败重试",
                recordType = "workorder",
                enabled = true,
                ownerId = owner.Id(),
                definition = new
                {
                    trigger = new { kind = "created" },
                    conditions = new
                    {
                        items = new[]
                        {
                            new
                            {
                                field = "Category",
                                op = "equals",
                                value = marker,
                            },
                        },
                    },
                    actions = new[]
                    {
                        new
                        {
                            kind = "webhook",
                            endpointId = endpoint,
                            textZh = "{Number}",
                            textEn = "{Number}",
                        },
                    },
                },
            }
        );
        var hook = await (await admin.GetAsync("/api/v1/settings/webhooks")).ExpectAsync(HttpStatusCode.OK);
        var h = hook.EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == endpoint);
        var off = await (await admin.PutAsJsonAsync($"/api/v1/settings/webhooks/{endpoint}", Switch(h, false))).ExpectAsync(
            HttpStatusCode.OK
        );

        var order = await admin.OrderAsync(strategic, machine, "degraded", marker);
        await app.DrainAsync();
        var failed = Assert.Single(await admin.RunsAsync(rule));
        Assert.Equal("failed", failed.GetProperty("outcome").GetString());
        Assert.Contains("switched off", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.UnreadAsync(owner.Email()));

        await (await admin.PutAsJsonAsync($"/api/v1/settings/webhooks/{endpoint}", Switch(off, true))).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await app.DrainAsync();
        var done = Assert.Single(await admin.RunsAsync(rule));
        Assert.Equal("done", done.GetProperty("outcome").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        Assert.Contains(order.GetProperty("number").GetString()!, Assert.Single(robot.Messages), StringComparison.Ordinal);
    }

    private static object Switch(JsonElement hook, bool on) =>
        new
        {
            name = hook.GetProperty("name").GetString(),
            url = hook.GetProperty("url").GetString(),
            format = "weCom",
            events = "Rule",
            isActive = on,
            version = hook.GetProperty("version").GetInt64(),
        };

    [Fact]
    public async Task A_rule_naming_what_does_not_exist_is_refused_whole_and_names_the_part()
    {
        using var admin = await app.AdminAsync();
        var gone = await app.CreateAsync("ServiceManager");
        await app.DbAsync(db =>
            db.Users.Where(u => u.Id == Guid.Parse(gone.Id())).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false))
        );
        var before = await app.DbAsync(db => db.Set<Rule>().CountAsync());
        object Rule(
            object trigger,
            object? condition = null,
            object? action = null,
            string? expression = null,
            string recordType = "workorder"
        ) =>
            new
            {
                name = "坏规则",
                recordType,
                definition = new
                {
                    trigger,
                    conditions = new { items = condition is null ? Array.Empty<object>() : new[] { condition }, expression },
                    actions = new[] { action ?? Notify("ServiceManager", "x", "x") },
                },
            };
        async Task Refused(object body, string field)
        {
            var problem = await admin.RuleAsync(body, HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.ErrorFields());
        }
        var created = new { kind = "created" };
        await Refused(
            Rule(
                created,
                new
                {
                    field = "Colour",
                    op = "equals",
                    value = "red",
                }
            ),
            "definition.conditions.items[0].field"
        );
        await Refused(
            Rule(
                created,
                new
                {
                    field = "Severity",
                    op = "equals",
                    value = "Apocalypse",
                }
            ),
            "definition.conditions.items[0].value"
        );
        await Refused(Rule(created, expression: "[Severity] = = 'x'"), "definition.conditions.expression");
        await Refused(Rule(created, expression: "[Colour] = 'red'"), "definition.conditions.expression");
        await Refused(Rule(created, action: Notify("ServiceManager", "{Colour} 坏了", "x")), "definition.actions[0].textZh");
        await Refused(
            Rule(
                created,
                action: new
                {
                    kind = "notify",
                    to = new[] { new { kind = "user", value = gone.Id() } },
                    channels = new[] { "bell" },
                    textZh = "x",
                }
            ),
            "definition.actions[0].to[0].value"
        );
        await Refused(
            Rule(
                new
                {
                    kind = "time",
                    field = "Category",
                    offsetMinutes = 60,
                }
            ),
            "definition.trigger.field"
        );
        await Refused(Rule(new { kind = "schedule", at = "25:00" }, recordType: ""), "definition.trigger.at");
        await Refused(
            Rule(
                created,
                action: new
                {
                    kind = "setField",
                    field = "Status",
                    value = "Closed",
                }
            ),
            "definition.actions[0].field"
        );
        await Refused(Rule(created, recordType: "planet"), "recordType");
        Assert.Equal(before, await app.DbAsync(db => db.Set<Rule>().CountAsync()));

        var sales = await app.CreateAsync("Sales");
        using var c = await app.ClientForAsync(sales.Email());
        await (await c.PostAsJsonAsync("/api/v1/automation/rules", Rule(created))).ExpectAsync(HttpStatusCode.Forbidden);
    }

    private static Task<int> ReportedAsync(Steadfast.Platform.Data.AppDbContext db, string id, DateTime at) =>
        db.Set<Steadfast.Service.WorkOrders.WorkOrder>()
            .Where(w => w.Id == Guid.Parse(id))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ReportedAtUtc, at));

    /// <summary>Puts a time rule's wake-up cursor back, as if the rule had been on since then, and makes it due now.</summary>
    private Task<int> MoveSweepBackAsync(Steadfast.Platform.Data.AppDbContext db, JsonElement rule, DateTime since) =>
        db
            .DueItems.Where(d => d.Kind == "automation.time" && d.SubjectId == rule.Id() && d.ProcessedAtUtc == null)
            .ExecuteUpdateAsync(s =>
                s.SetProperty(d => d.Payload, JsonSerializer.Serialize(new { cursorUtc = since }, Json.Web))
                    .SetProperty(d => d.AvailableAtUtc, app.Clock.GetUtcNow().UtcDateTime)
            );

    private static async Task<List<JsonElement>> TasksAboutAsync(HttpClient admin, params JsonElement[] records)
    {
        var list = new List<JsonElement>();
        foreach (var r in records)
            list.AddRange(
                (await (await admin.GetAsync($"/api/v1/tasks?recordId={r.Id()}")).ExpectAsync(HttpStatusCode.OK))
                    .GetProperty("items")
                    .EnumerateArray()
            );
        return list;
    }
}

public sealed class RuleTests_Sqlite(SqliteFactory app) : RuleTests<SqliteFactory>(app);

public sealed class RuleTests_Postgres(PostgresFactory app) : RuleTests<PostgresFactory>(app);
