using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Automation.Approvals;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Automation;

/// <summary>
/// Approvals (审批): a process chosen by its conditions, steps in order with "any of" and "all of", time limits in working
/// hours that escalate by the fake clock, delegation while away, return and resubmit, the signed single-use link, and
/// bad processes refused part by part. Records are customers whose name carries the test's marker, started by a rule's
/// "start an approval" action.
/// </summary>
public abstract class ApprovalTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Steps_run_in_order_any_of_then_all_of_and_the_requester_hears_the_outcome()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        var lead = await app.CreateAsync("SalesManager");
        var f1 = await app.CreateAsync("Finance");
        var f2 = await app.CreateAsync("Finance");
        var requester = await app.CreateAsync("Sales");
        var process = await ProcessAsync(
            admin,
            marker,
            [
                Step("销售经理", new { kind = "user", value = lead.Id() }),
                Step("财务会签", new { kind = "role", value = "Finance" }, mode: "all"),
            ]
        );
        Assert.Contains("财务会签", process.GetProperty("summary").GetString(), StringComparison.Ordinal);
        await StartRuleAsync(admin, marker);

        using var sales = await app.ClientForAsync(requester.Email());
        var customer = await sales.CustomerAsync($"{marker}机床有限公司", new { ownerId = requester.Id() });
        await app.DrainAsync();
        var approval = await ApprovalOfAsync(admin, customer.Id());
        Assert.Equal("pending", approval.GetProperty("status").GetString());
        Assert.Equal(1, approval.GetProperty("step").GetInt32());
        Assert.Equal(requester.Id(), approval.GetProperty("requesterId").GetString());

        // Finance may not decide step 1; the lead may, and the approval moves on to both of finance.
        using var c1 = await app.ClientForAsync(f1.Email());
        using var c2 = await app.ClientForAsync(f2.Email());
        using var cl = await app.ClientForAsync(lead.Email());
        await (await c1.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.NotFound
        );
        var waiting = await (await cl.GetAsync("/api/v1/approvals")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(waiting.GetProperty("items").EnumerateArray(), a => a.Id() == approval.Id());
        var afterLead = await (
            await cl.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve", comment = "价格合理" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, afterLead.GetProperty("step").GetInt32());
        await (await cl.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.Conflict
        );

        // All of finance: one approval is not enough.
        var one = await (await c1.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal("pending", one.GetProperty("status").GetString());
        var stale = await (
            await c2.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve", version = 1 })
        ).ExpectAsync(HttpStatusCode.Conflict);
        Assert.NotNull(stale.GetProperty("title").GetString());
        var done = await (await c2.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal("approved", done.GetProperty("status").GetString());
        Assert.Equal(3, done.GetProperty("votes").EnumerateArray().Count(v => v.GetProperty("decision").GetString() == "approved"));

        using var bell = await app.ClientForAsync(requester.Email());
        var notes = await (await bell.GetAsync("/api/v1/notifications?pageSize=50")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(notes.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "ApprovalDecided");
        var audit = await app.DbAsync(db =>
            Task.FromResult(db.AuditEntries.Count(e => e.EntityType == "approval" && e.EntityId == approval.Id()))
        );
        Assert.True(audit >= 3, "started, moved on and approved are in the audit log");

        // The monitor counts the finished steps, in working hours.
        var monitor = await (await admin.GetAsync("/api/v1/automation/monitor?days=30")).ExpectAsync(HttpStatusCode.OK);
        var steps = monitor
            .GetProperty("steps")
            .EnumerateArray()
            .Where(s => s.GetProperty("processId").GetString() == process.Id())
            .ToList();
        Assert.Equal([1, 2], steps.Select(s => s.GetProperty("stepIndex").GetInt32()).Order().ToArray());
        Assert.All(steps, s => Assert.Equal(1, s.GetProperty("finished").GetInt32()));
        await (await admin.GetAsync("/api/v1/automation/monitor?days=0")).ExpectAsync(HttpStatusCode.BadRequest);
        using var engineer = await app.ClientForAsync((await app.CreateAsync("Engineer")).Email());
        await (await engineer.GetAsync("/api/v1/automation/monitor")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await engineer.GetAsync("/api/v1/automation/approval-processes")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await engineer.GetAsync($"/api/v1/approvals/{approval.Id()}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_step_past_its_working_hours_escalates_to_the_approvers_manager_who_decides_alone()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        var head = await app.CreateAsync("ServiceManager");
        var team = await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = $"售后{marker}", managerId = head.Id() })).ExpectAsync(
            HttpStatusCode.Created
        );
        var approver = await app.CreateAsync("Dispatcher", extra: new { teamId = team.Id() });
        var requester = await app.CreateAsync("Sales");
        await ProcessAsync(
            admin,
            marker,
            [Step("影响评估", new { kind = "user", value = approver.Id() }, limitHours: 2, escalateTo: new { kind = "approversManager" })]
        );
        await StartRuleAsync(admin, marker);
        using var sales = await app.ClientForAsync(requester.Email());
        var customer = await sales.CustomerAsync($"{marker}重大影响", new { ownerId = requester.Id() });
        await app.DrainAsync();
        var approval = await ApprovalOfAsync(admin, customer.Id());
        var due = approval.GetProperty("stepDueAt").GetDateTime().ToUniversalTime();
        var started = approval.GetProperty("stepStartedAt").GetDateTime().ToUniversalTime();
        Assert.True(due - started >= TimeSpan.FromHours(2), "two working hours, or more across the evening");

        using var ch = await app.ClientForAsync(head.Email());
        await (await ch.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        app.Clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(1), TimeSpan.Zero));
        await app.DrainAsync();

        var escalated = await (await admin.GetAsync($"/api/v1/approvals/{approval.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(escalated.GetProperty("escalated").GetBoolean());
        Assert.Contains(escalated.GetProperty("votes").EnumerateArray(), v => v.GetProperty("escalation").GetBoolean());
        var headBell = await (await ch.GetAsync("/api/v1/notifications?pageSize=50")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(headBell.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "ApprovalEscalated");
        var overdue = await (await ch.GetAsync("/api/v1/approvals?overdue=true&scope=waiting")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), a => a.Id() == approval.Id());

        // The department head's one vote decides the step, though the approver never answered.
        var done = await (
            await ch.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve", comment = "同意，尽快处理" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", done.GetProperty("status").GetString());
        var monitor = await (await admin.GetAsync("/api/v1/automation/monitor")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(monitor.GetProperty("steps").EnumerateArray(), s =>
            s.GetProperty("processName").GetString()!.Contains(marker, StringComparison.Ordinal)
            && s.GetProperty("p90Hours").GetDouble() >= 2
        );
    }

    [Fact]
    public async Task While_away_a_delegate_gets_new_approvals_and_may_decide_those_already_waiting()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        var away = await app.CreateAsync("SalesManager");
        var stand = await app.CreateAsync("SalesManager");
        var requester = await app.CreateAsync("Sales");
        await ProcessAsync(admin, marker, [Step("审核", new { kind = "user", value = away.Id() })]);
        await StartRuleAsync(admin, marker);
        using var sales = await app.ClientForAsync(requester.Email());
        var before = await sales.CustomerAsync($"{marker}甲", new { ownerId = requester.Id() });
        await app.DrainAsync();
        var first = await ApprovalOfAsync(admin, before.Id());

        using var ca = await app.ClientForAsync(away.Email());
        using var cs = await app.ClientForAsync(stand.Email());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var bad = await (
            await ca.PostAsJsonAsync("/api/v1/approvals/delegations", new { delegateId = away.Id(), endsAt = now.AddDays(3) })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("delegateId", bad.ErrorFields());
        var notManager = await (
            await sales.PostAsJsonAsync(
                "/api/v1/approvals/delegations",
                new
                {
                    userId = away.Id(),
                    delegateId = stand.Id(),
                    endsAt = now.AddDays(3),
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("userId", notManager.ErrorFields());
        await (
            await ca.PostAsJsonAsync(
                "/api/v1/approvals/delegations",
                new
                {
                    delegateId = stand.Id(),
                    endsAt = now.AddDays(3),
                    note = "出差",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await ca.PostAsJsonAsync("/api/v1/approvals/delegations", new { delegateId = stand.Id(), endsAt = now.AddDays(2) })
        ).ExpectAsync(HttpStatusCode.BadRequest);

        var after = await sales.CustomerAsync($"{marker}乙", new { ownerId = requester.Id() });
        await app.DrainAsync();
        var second = await ApprovalOfAsync(admin, after.Id());
        var vote = second.GetProperty("votes").EnumerateArray().Single();
        Assert.Equal(away.GetProperty("displayName").GetString(), vote.GetProperty("onBehalfOf").GetString());

        var inbox = await (await cs.GetAsync("/api/v1/approvals?scope=waiting")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            new[] { first.Id(), second.Id() }.Order(StringComparer.Ordinal),
            inbox.GetProperty("items").EnumerateArray().Select(a => a.Id()).Order(StringComparer.Ordinal)
        );
        var decided = await (await cs.PostAsJsonAsync($"/api/v1/approvals/{first.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.OK
        );
        var cast = decided.GetProperty("votes").EnumerateArray().Single();
        Assert.Equal(stand.GetProperty("displayName").GetString(), cast.GetProperty("userName").GetString());
        Assert.Equal(away.GetProperty("displayName").GetString(), cast.GetProperty("onBehalfOf").GetString());
    }

    [Fact]
    public async Task A_returned_request_is_resubmitted_from_the_first_step_and_a_withdrawn_one_is_closed()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        var approver = await app.CreateAsync("SalesManager");
        var requester = await app.CreateAsync("Sales");
        await ProcessAsync(admin, marker, [Step("审核", new { kind = "user", value = approver.Id() })]);
        await StartRuleAsync(admin, marker);
        using var sales = await app.ClientForAsync(requester.Email());
        var customer = await sales.CustomerAsync($"{marker}丙", new { ownerId = requester.Id() });
        await app.DrainAsync();
        var approval = await ApprovalOfAsync(admin, customer.Id());
        using var ca = await app.ClientForAsync(approver.Email());

        var noComment = await (
            await ca.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "return" })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("comment", noComment.ErrorFields());
        await (await ca.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "maybe" })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        var returned = await (
            await ca.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "return", comment = "补充信用代码" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        await (await ca.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/resubmit", new { })).ExpectAsync(HttpStatusCode.NotFound);

        var again = await (
            await sales.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/resubmit", new { comment = "已补充" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pending", again.GetProperty("status").GetString());
        Assert.Equal(1, again.GetProperty("round").GetInt32());
        var withdrawn = await (await sales.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/withdraw", new { })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal("cancelled", withdrawn.GetProperty("status").GetString());
        await (await ca.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.Conflict
        );
    }

    [Fact]
    public async Task The_signed_link_decides_once_without_signing_in_and_refuses_when_forged_spent_or_expired()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        var approver = await app.CreateAsync("SalesManager");
        var requester = await app.CreateAsync("Sales");
        await ProcessAsync(admin, marker, [Step("审核", new { kind = "user", value = approver.Id() })]);
        await StartRuleAsync(admin, marker);
        using var sales = await app.ClientForAsync(requester.Email());
        var customer = await sales.CustomerAsync($"{marker}丁", new { ownerId = requester.Id() });
        await app.DrainAsync();
        var approval = await ApprovalOfAsync(admin, customer.Id());

        // The mail's link is the bell's link: /approve/{token}.
        using var ca = await app.ClientForAsync(approver.Email());
        var bell = await (await ca.GetAsync("/api/v1/notifications?pageSize=50")).ExpectAsync(HttpStatusCode.OK);
        var link = bell.GetProperty("items")
            .EnumerateArray()
            .First(n => n.GetProperty("kind").GetString() == "Approval")
            .GetProperty("link")
            .GetString()!;
        Assert.StartsWith("/approve/", link, StringComparison.Ordinal);
        var token = link["/approve/".Length..];

        using var anonymous = app.CreateClient();
        var view = await (await anonymous.GetAsync($"/api/v1/approvals/link/{token}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("problem").ValueKind);
        Assert.Equal(approval.Id(), view.GetProperty("approval").Id());
        var forged = await (await anonymous.GetAsync($"/api/v1/approvals/link/{token[..^4]}abcd")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("invalid", forged.GetProperty("problem").GetString());

        var decided = await (
            await anonymous.PostAsJsonAsync($"/api/v1/approvals/link/{token}", new { verdict = "approve", comment = "手机上批的" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", decided.GetProperty("approval").GetProperty("status").GetString());
        var vote = decided.GetProperty("approval").GetProperty("votes").EnumerateArray().Single();
        Assert.Equal("link", vote.GetProperty("via").GetString());
        await (
            await anonymous.PostAsJsonAsync($"/api/v1/approvals/link/{token}", new { verdict = "reject", comment = "再来" })
        ).ExpectAsync(HttpStatusCode.Conflict);
        var audit = await app.DbAsync(db =>
            Task.FromResult(
                db.AuditEntries.Where(e => e.EntityType == "approval" && e.EntityId == approval.Id()).Select(e => e.UserId).ToList()
            )
        );
        Assert.Contains((Guid?)Guid.Parse(approver.Id()), audit);

        // A link whose time has passed says so.
        var voteId = await app.DbAsync(db =>
            Task.FromResult(db.Set<ApprovalVote>().Where(v => v.ApprovalId == Guid.Parse(approval.Id())).Select(v => v.Id).Single())
        );
        var old = app.Services.GetRequiredService<ApprovalLinks>().Token(voteId, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var expired = await (await anonymous.GetAsync($"/api/v1/approvals/link/{old}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", expired.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_process_that_names_what_does_not_exist_is_refused_part_by_part_and_nothing_is_saved()
    {
        using var admin = await app.AdminAsync();
        var gone = await app.CreateAsync("Sales");
        await app.DbAsync(db =>
            db.Users.Where(u => u.Id == Guid.Parse(gone.Id())).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false))
        );
        var before = await app.DbAsync(db => Task.FromResult(db.Set<ApprovalProcess>().Count()));
        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/automation/approval-processes",
                new
                {
                    name = "坏流程",
                    recordType = "customer",
                    enabled = true,
                    definition = new
                    {
                        conditions = new
                        {
                            items = new[]
                            {
                                new
                                {
                                    field = "Colour",
                                    op = "equals",
                                    value = "red",
                                },
                            },
                            expression = "Tier ==",
                        },
                        steps = new object[]
                        {
                            Step("一", new { kind = "user", value = gone.Id() }),
                            Step("二", new { kind = "role", value = "Wizard" }, escalateTo: new { kind = "role", value = "Admin" }),
                            Step("三", new { kind = "field", value = "Name" }, limitHours: 0),
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        var fields = bad.ErrorFields();
        foreach (
            var f in new[]
            {
                "definition.conditions.items[0].field",
                "definition.conditions.expression",
                "definition.steps[0].approver.value",
                "definition.steps[1].approver.value",
                "definition.steps[1].limitHours",
                "definition.steps[2].approver.value",
                "definition.steps[2].limitHours",
            }
        )
            Assert.Contains(f, fields);
        var unknownType = await (
            await admin.PostAsJsonAsync(
                "/api/v1/automation/approval-processes",
                new
                {
                    name = "x",
                    recordType = "spaceship",
                    definition = new { steps = new[] { Step("一", new { kind = "role", value = "Admin" }) } },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("recordType", unknownType.ErrorFields());
        await (await admin.GetAsync("/api/v1/approvals?scope=everything")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.DbAsync(db => Task.FromResult(db.Set<ApprovalProcess>().Count())));

        // A rule may not start an approval where no process exists, nor assign what cannot be assigned.
        var rule = await admin.RuleAsync(
            new
            {
                name = "无流程",
                recordType = "equipment",
                definition = new
                {
                    trigger = new { kind = "created" },
                    actions = new object[]
                    {
                        new { kind = "startApproval" },
                        new { kind = "assign", to = new[] { new { kind = "role", value = "Sales" } } },
                    },
                },
            },
            HttpStatusCode.BadRequest
        );
        Assert.Contains("definition.actions[0].kind", rule.ErrorFields());
        Assert.Contains("definition.actions[1].kind", rule.ErrorFields());
    }

    [Fact]
    public async Task A_rule_assigns_new_customers_to_the_sales_reps_in_turn()
    {
        using var admin = await app.AdminAsync();
        var marker = RuleTestKit.Marker();
        var reps = new[] { await app.CreateAsync("Sales"), await app.CreateAsync("Sales") };
        var team = await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = $"华东{marker}" })).ExpectAsync(HttpStatusCode.Created);
        await admin.RuleAsync(
            new
            {
                name = $"分配{marker}",
                recordType = "customer",
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
                                field = "Name",
                                op = "contains",
                                value = marker,
                            },
                        },
                    },
                    actions = new object[] { new { kind = "assign", to = new[] { new { kind = "role", value = "Sales" } } } },
                },
            }
        );
        var owners = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            var c = await admin.CustomerAsync($"{marker}客户{i}");
            await app.DrainAsync();
            owners.Add(
                (await (await admin.GetAsync($"/api/v1/customers/{c.Id()}")).ExpectAsync(HttpStatusCode.OK))
                    .GetProperty("ownerId")
                    .GetString()
            );
        }
        Assert.All(owners, Assert.NotNull);
        Assert.NotEqual(owners[0], owners[1]);
        Assert.NotNull(team.Id());
    }

    private static object Step(string name, object approver, string mode = "any", int? limitHours = null, object? escalateTo = null) =>
        new
        {
            name,
            approver,
            mode,
            limitHours,
            escalateTo,
        };

    private static async Task<JsonElement> ProcessAsync(HttpClient admin, string marker, object[] steps) =>
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/automation/approval-processes",
                new
                {
                    name = $"流程{marker}",
                    recordType = "customer",
                    enabled = true,
                    definition = new
                    {
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
                        steps,
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    private static Task<JsonElement> StartRuleAsync(HttpClient admin, string marker) =>
        admin.RuleAsync(
            new
            {
                name = $"发起{marker}",
                recordType = "customer",
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
                                field = "Name",
                                op = "contains",
                                value = marker,
                            },
                        },
                    },
                    actions = new object[] { new { kind = "startApproval" } },
                },
            }
        );

    private static async Task<JsonElement> ApprovalOfAsync(HttpClient admin, string recordId)
    {
        var list = await (await admin.GetAsync("/api/v1/approvals?scope=all&pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        var item = list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("recordId").GetString() == recordId);
        return await (await admin.GetAsync($"/api/v1/approvals/{item.Id()}")).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class ApprovalTests_Sqlite(SqliteFactory app) : ApprovalTests<SqliteFactory>(app);

public sealed class ApprovalTests_Postgres(PostgresFactory app) : ApprovalTests<PostgresFactory>(app);
