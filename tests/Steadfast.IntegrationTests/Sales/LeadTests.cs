using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// Leads (线索): assignment by the rules in order with round robin and the cap, the pool, the website form's scoped token,
/// the 24-hour rule by the fake clock, the duplicate check, qualification, and conversion all or nothing.
/// </summary>
public abstract class LeadTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Rules_in_order_then_round_robin_under_the_cap_and_nobody_means_the_pool()
    {
        using var admin = await app.AdminAsync();
        var province = SalesKit.Province();
        var r1 = await app.CreateAsync("Sales");
        var r2 = await app.CreateAsync("Sales");
        var r3 = await app.CreateAsync("Sales");
        var manager = await app.CreateAsync("SalesManager");
        await admin.SetCapAsync(2);
        await admin.AssignmentRuleAsync(
            new
            {
                name = $"挖机{province}",
                order = 10,
                provinces = new[] { province },
                categories = new[] { "挖掘机" },
                reps = new[] { r3.Id() },
            }
        );
        await admin.AssignmentRuleAsync(
            new
            {
                name = $"地区{province}",
                order = 20,
                provinces = new[] { province },
                reps = new[] { r1.Id(), r2.Id() },
            }
        );

        var byCategory = await admin.LeadAsync(
            new
            {
                source = "tradeShow",
                companyName = "甲机械",
                phone = "13800000001",
                province,
                productCategory = "挖掘机",
            }
        );
        Assert.Equal(r3.Id(), byCategory.Owner());
        var why = byCategory.GetProperty("assignment");
        Assert.Equal("rule", why.GetProperty("kind").GetString());
        Assert.Equal($"挖机{province}", why.GetProperty("rule").GetString());
        Assert.Contains($"category:挖掘机", why.GetProperty("matched").EnumerateArray().Select(m => m.GetString()));

        var owners = new List<string>();
        for (var i = 0; i < 4; i++)
            owners.Add(
                (
                    await admin.LeadAsync(
                        new
                        {
                            source = "onlineInquiry",
                            companyName = $"乙{i}",
                            phone = $"1390000010{i}",
                            province,
                            productCategory = "起重机",
                        }
                    )
                ).Owner()
            );
        Assert.Equal([r1.Id(), r2.Id(), r1.Id(), r2.Id()], owners);

        // Both reps now hold two open leads, the cap: the next lead goes to the pool, naming who was full.
        var full = await admin.LeadAsync(
            new
            {
                source = "phone",
                companyName = "丙",
                phone = "13900000200",
                province,
            }
        );
        Assert.Equal("", full.Owner());
        Assert.Equal("pool", full.GetProperty("assignment").GetProperty("kind").GetString());
        Assert.Equal(2, full.GetProperty("assignment").GetProperty("atCap").GetArrayLength());
        var nowhere = await admin.LeadAsync(
            new
            {
                source = "phone",
                companyName = "丁",
                phone = "13900000300",
                province = "无人省",
            }
        );
        Assert.Equal("", nowhere.Owner());
        Assert.Empty(nowhere.GetProperty("assignment").GetProperty("atCap").EnumerateArray());

        // A disqualified lead is not open: its rep is under the cap again.
        var first = await (await admin.GetAsync($"/api/v1/leads?ownerId={r1.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var drop = first.GetProperty("items")[0];
        await (await admin.PostAsJsonAsync($"/api/v1/leads/{drop.Id()}/disqualify", new { reason = "同行询价", version = 1 })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(
            r1.Id(),
            (
                await admin.LeadAsync(
                    new
                    {
                        source = "phone",
                        companyName = "戊",
                        phone = "13900000400",
                        province,
                    }
                )
            ).Owner()
        );

        // A rep sees their own; the manager the pool; the rep was told.
        using var c1 = await app.ClientForAsync(r1.Email());
        var mine = await (await c1.GetAsync("/api/v1/leads?pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(mine.GetProperty("items").EnumerateArray(), l => Assert.Equal(r1.Id(), l.Owner()));
        await (await c1.GetAsync($"/api/v1/leads/{byCategory.Id()}")).ExpectAsync(HttpStatusCode.NotFound);
        using var cm = await app.ClientForAsync(manager.Email());
        var pool = await (await cm.GetAsync("/api/v1/leads?pool=true&pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(pool.GetProperty("items").EnumerateArray(), l => l.Id() == full.Id());
        Assert.Contains(await app.NotificationsAsync(r3.Email()), n => n.GetProperty("kind").GetString() == "LeadAssigned");
        Assert.Contains(await app.NotificationsAsync(manager.Email()), n => n.GetProperty("kind").GetString() == "LeadPooled");

        // The manager hands the pool lead to a rep by hand; a rep may not.
        await (await c1.PostAsJsonAsync($"/api/v1/leads/{full.Id()}/assign", new { ownerId = r1.Id(), version = 1 })).ExpectAsync(
            HttpStatusCode.Forbidden
        );
        var handed = await (
            await admin.PostAsJsonAsync($"/api/v1/leads/{full.Id()}/assign", new { ownerId = r3.Id(), version = 1 })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("hand", handed.GetProperty("assignment").GetProperty("kind").GetString());
        await admin.SetCapAsync(50);
    }

    [Fact]
    public async Task The_website_form_posts_with_a_scoped_token_that_can_do_nothing_else_and_a_repeat_is_the_same_lead()
    {
        var manager = await app.CreateAsync("SalesManager");
        var rep = await app.CreateAsync("Sales");
        using var cm = await app.ClientForAsync(manager.Email());
        using var cr = await app.ClientForAsync(rep.Email());
        Assert.Contains(
            "scope",
            (
                await (await cr.PostAsJsonAsync("/api/v1/me/tokens", new { name = "官网", scope = "leads.intake" })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        Assert.Contains(
            "scope",
            (
                await (await cm.PostAsJsonAsync("/api/v1/me/tokens", new { name = "官网", scope = "everything" })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        var issued = await (
            await cm.PostAsJsonAsync(
                "/api/v1/me/tokens",
                new
                {
                    name = "官网表单",
                    scope = "leads.intake",
                    days = 365,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        using var form = app.CreateClient();
        form.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("token").GetString());

        var phone = $"1370{Random.Shared.Next(1_000_000, 9_999_999)}";
        var created = await form.LeadAsync(
            new
            {
                companyName = "网站询盘机械厂",
                contactName = "王工",
                phone,
                notes = "想了解 50 吨机型",
                ownerId = rep.Id(),
                source = "phone",
            }
        );
        Assert.False(created.GetProperty("duplicate").GetBoolean());
        var again = await form.LeadAsync(
            new
            {
                companyName = "网站询盘机械厂",
                phone = $"+86 {phone}",
                notes = "再次询价：能否三月交货",
            },
            HttpStatusCode.OK
        );
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(created.Id(), again.Id());

        using var admin = await app.AdminAsync();
        var lead = await (await admin.GetAsync($"/api/v1/leads/{created.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("webForm", lead.GetProperty("source").GetString());
        Assert.NotEqual(rep.Id(), lead.Owner());
        Assert.Contains(lead.GetProperty("activities").EnumerateArray(), a =>
            a.GetProperty("note").GetString()!.Contains("三月交货", StringComparison.Ordinal)
        );
        var audit = await app.DbAsync(db =>
            Task.FromResult(
                db.AuditEntries.Where(e => e.EntityType == "lead" && e.EntityId == created.Id()).Select(e => e.UserName).ToList()
            )
        );
        Assert.Contains("官网表单", audit);

        // The key opens nothing else.
        await (await form.GetAsync("/api/v1/leads")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await form.GetAsync("/api/v1/customers")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await form.GetAsync($"/api/v1/leads/{created.Id()}")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("phone", (await form.LeadAsync(new { contactName = "匿名" }, HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_lead_nobody_contacts_within_24_hours_turns_red_and_the_reps_manager_hears_of_it()
    {
        using var admin = await app.AdminAsync();
        var manager = await app.CreateAsync("SalesManager");
        var team = await (
            await admin.PostAsJsonAsync("/api/v1/teams", new { name = $"华东{SalesKit.Province()}", managerId = manager.Id() })
        ).ExpectAsync(HttpStatusCode.Created);
        var rep = await app.CreateAsync("Sales", extra: new { teamId = team.Id() });
        var province = SalesKit.Province();
        await admin.AssignmentRuleAsync(
            new
            {
                name = $"区域{province}",
                provinces = new[] { province },
                reps = new[] { rep.Id() },
            }
        );
        var silent = await admin.LeadAsync(
            new
            {
                source = "tradeShow",
                companyName = "无人联系厂",
                phone = "13600000001",
                province,
            }
        );
        var called = await admin.LeadAsync(
            new
            {
                source = "tradeShow",
                companyName = "已联系厂",
                phone = "13600000002",
                province,
            }
        );
        Assert.Equal(rep.Id(), silent.Owner());
        using var cr = await app.ClientForAsync(rep.Email());
        app.Clock.Advance(TimeSpan.FromHours(3));
        var logged = await (
            await cr.PostAsJsonAsync($"/api/v1/leads/{called.Id()}/contacts", new { kind = "call", note = "约下周拜访" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, logged.GetProperty("firstContactAtUtc").ValueKind);
        Assert.DoesNotContain(
            (await (await cr.GetAsync("/api/v1/leads?overdue=true")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            l => l.Id() == silent.Id()
        );

        app.Clock.Advance(TimeSpan.FromHours(22));
        await app.DrainAsync();
        await app.DrainAsync();
        using var later = await app.ClientForAsync(rep.Email());
        var red = await (await later.GetAsync("/api/v1/leads?overdue=true")).ExpectAsync(HttpStatusCode.OK);
        var ids = red.GetProperty("items").EnumerateArray().Select(l => l.Id()).ToList();
        Assert.Contains(silent.Id(), ids);
        Assert.DoesNotContain(called.Id(), ids);
        Assert.True(
            (await (await later.GetAsync($"/api/v1/leads/{silent.Id()}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("overdue")
                .GetBoolean()
        );
        var told = (await app.NotificationsAsync(manager.Email()))
            .Where(n => n.GetProperty("kind").GetString() == "Rule")
            .Select(n => n.ToString())
            .ToList();
        Assert.Contains(told, t => t.Contains(silent.GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(told, t => t.Contains(called.GetProperty("number").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_duplicate_check_finds_customers_and_leads_and_conversion_is_all_or_nothing()
    {
        using var admin = await app.AdminAsync();
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var credit = Records.NewCreditCode();
        var existing = await admin.CustomerAsync(
            $"恒力{SalesKit.Province()}有限公司",
            new { creditCode = credit, phone = "0512-66668888" }
        );
        var name = existing.GetProperty("name").GetString()!;
        var spelled = Uri.EscapeDataString(name.Replace("有限公司", " 有限责任公司", StringComparison.Ordinal));
        var dup = await (await cr.GetAsync($"/api/v1/leads/duplicates?companyName={spelled}&creditCode={credit}")).ExpectAsync(
            HttpStatusCode.OK
        );
        var match = Assert.Single(dup.GetProperty("customers").EnumerateArray());
        Assert.Equal(existing.Id(), match.Id());
        Assert.Equal("creditCode", match.GetProperty("reason").GetString());
        Assert.False(match.GetProperty("visible").GetBoolean());

        // A lead with the taken credit code cannot register the company again: nothing is written.
        var taken = await cr.LeadAsync(
            new
            {
                source = "phone",
                companyName = "恒力新厂",
                creditCode = credit,
                phone = "13500000001",
            }
        );
        Assert.Equal(rep.Id(), taken.Owner());
        Assert.Contains(
            "creditCode",
            (
                await (await cr.PostAsJsonAsync($"/api/v1/leads/{taken.Id()}/convert", new { version = taken.Version() })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        Assert.Equal(
            0,
            await app.DbAsync(db =>
                Task.FromResult(db.Set<Steadfast.Sales.Opportunities.Opportunity>().Count(o => o.LeadId == Guid.Parse(taken.Id())))
            )
        );
        var dupLead = await (await cr.GetAsync("/api/v1/leads/duplicates?phone=135-0000-0001")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(dupLead.GetProperty("leads").EnumerateArray(), l => l.Id() == taken.Id());

        // A new company: registered with its contact, the opportunity opened, the lead closed.
        var newCredit = Records.NewCreditCode();
        var lead = await cr.LeadAsync(
            new
            {
                source = "referral",
                referredByCustomerId = (string?)null,
                companyName = $"新客户{SalesKit.Province()}",
                contactName = "李经理",
                phone = "13500000002",
                productCategory = "起重机",
                estimatedAmount = 380_000_00,
            },
            HttpStatusCode.BadRequest
        );
        Assert.Contains("referredByCustomerId", lead.ErrorFields());
        var fresh = await cr.LeadAsync(
            new
            {
                source = "tradeShow",
                companyName = $"新客户{SalesKit.Province()}",
                contactName = "李经理",
                phone = "13500000002",
                productCategory = "起重机",
                estimatedAmount = 380_000_00,
            }
        );
        var qualified = await (
            await cr.PostAsJsonAsync($"/api/v1/leads/{fresh.Id()}/qualify", new { version = fresh.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        var converted = await (
            await cr.PostAsJsonAsync($"/api/v1/leads/{fresh.Id()}/convert", new { creditCode = newCredit, version = qualified.Version() })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.True(converted.GetProperty("customerCreated").GetBoolean());
        var customer = await (await cr.GetAsync($"/api/v1/customers/{converted.GetProperty("customerId").GetString()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(newCredit, customer.GetProperty("creditCode").GetString());
        Assert.Equal(rep.Id(), customer.Owner());
        var contacts = await (await cr.GetAsync($"/api/v1/customers/{customer.Id()}/contacts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(contacts.EnumerateArray(), c => c.GetProperty("name").GetString() == "李经理");
        var opportunity = await (
            await cr.GetAsync($"/api/v1/opportunities/{converted.GetProperty("opportunityId").GetString()}")
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(380_000_00, opportunity.GetProperty("amount").GetInt64());
        Assert.Equal(10, opportunity.GetProperty("probability").GetInt32());
        Assert.Equal(fresh.Id(), opportunity.GetProperty("leadId").GetString());
        var closed = await (await cr.GetAsync($"/api/v1/leads/{fresh.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("converted", closed.GetProperty("status").GetString());
        await (await cr.PostAsJsonAsync($"/api/v1/leads/{fresh.Id()}/convert", new { version = closed.Version() })).ExpectAsync(
            HttpStatusCode.Conflict
        );

        // Attached to an existing customer on entry: conversion links it and adds the contact.
        var mineCustomer = await cr.CustomerAsync($"老客户{SalesKit.Province()}");
        var attached = await cr.LeadAsync(
            new
            {
                source = "referral",
                referredByCustomerId = mineCustomer.Id(),
                companyName = "老客户分厂",
                contactName = "赵工",
                phone = "13500000003",
                customerId = mineCustomer.Id(),
            }
        );
        var linked = await (
            await cr.PostAsJsonAsync($"/api/v1/leads/{attached.Id()}/convert", new { version = attached.Version() })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.False(linked.GetProperty("customerCreated").GetBoolean());
        Assert.Equal(mineCustomer.Id(), linked.GetProperty("customerId").GetString());
        Assert.Contains(
            (await (await cr.GetAsync($"/api/v1/customers/{mineCustomer.Id()}/contacts")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(),
            c => c.GetProperty("name").GetString() == "赵工"
        );

        // Disqualifying needs a reason; a stale version is a 409.
        var other = await cr.LeadAsync(new { source = "phone", phone = "13500000004" });
        Assert.Contains(
            "reason",
            (
                await (await cr.PostAsJsonAsync($"/api/v1/leads/{other.Id()}/disqualify", new { version = 1 })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        await (await cr.PostAsJsonAsync($"/api/v1/leads/{other.Id()}/disqualify", new { reason = "空号", version = 9 })).ExpectAsync(
            HttpStatusCode.Conflict
        );
    }

    [Fact]
    public async Task Each_role_reaches_only_what_it_may()
    {
        using var admin = await app.AdminAsync();
        var engineer = await app.CreateAsync("Engineer");
        var finance = await app.CreateAsync("Finance");
        var rep = await app.CreateAsync("Sales");
        var dealerId = Guid.NewGuid();
        var dealer = await (await admin.PostAsJsonAsync("/api/v1/dealers", new { name = $"经销商{SalesKit.Province()}" })).ExpectAsync(
            HttpStatusCode.Created
        );
        var dealerUser = await app.CreateAsync("Dealer", extra: new { dealerId = dealer.Id() });
        using var ce = await app.ClientForAsync(engineer.Email());
        using var cf = await app.ClientForAsync(finance.Email());
        using var cr = await app.ClientForAsync(rep.Email());
        using var cd = await app.ClientForAsync(dealerUser.Email());
        await (await ce.GetAsync("/api/v1/leads")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await ce.GetAsync("/api/v1/opportunities/board")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await cf.GetAsync("/api/v1/leads")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await cf.GetAsync("/api/v1/sales-orders")).ExpectAsync(HttpStatusCode.OK);
        await (await cr.PostAsJsonAsync("/api/v1/lead-assignment-rules", new { name = "x", reps = new[] { rep.Id() } })).ExpectAsync(
            HttpStatusCode.Forbidden
        );
        await (
            await cr.PostAsJsonAsync(
                "/api/v1/opportunity-stages",
                new
                {
                    nameZh = "x",
                    nameEn = "x",
                    probability = 20,
                }
            )
        ).ExpectAsync(HttpStatusCode.Forbidden);

        // A dealer registers its own lead and sees only its dealer's.
        var own = await cd.LeadAsync(new { companyName = "渠道客户", phone = "13400000001" });
        Assert.Equal("dealer", own.GetProperty("source").GetString());
        Assert.Equal(dealer.Id(), own.GetProperty("dealerId").GetString());
        var other = await admin.LeadAsync(
            new
            {
                source = "phone",
                companyName = "直销客户",
                phone = "13400000002",
            }
        );
        var seen = await (await cd.GetAsync("/api/v1/leads?pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(seen.GetProperty("items").EnumerateArray(), l => Assert.NotEqual(other.Id(), l.Id()));
        await (await cd.GetAsync($"/api/v1/leads/{other.Id()}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.NotEqual(dealerId, Guid.Empty);
    }
}

public sealed class LeadTests_Sqlite(SqliteFactory app) : LeadTests<SqliteFactory>(app);

public sealed class LeadTests_Postgres(PostgresFactory app) : LeadTests<PostgresFactory>(app);
