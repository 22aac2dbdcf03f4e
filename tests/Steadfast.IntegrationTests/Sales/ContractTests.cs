using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// Contracts: plans that add up, the flow to a fixed signed version and its amendment, approval above the thresholds, a
/// won opportunity's contract, and bad input by field.
/// </summary>
public abstract class ContractTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_plan_adds_up_to_the_fen_and_a_signed_contract_changes_only_by_amendment()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var body = new Dictionary<string, object?>
        {
            ["title"] = "注塑机销售合同",
            ["kind"] = "sales",
            ["customerId"] = customer.Id(),
            ["startsOn"] = "2026-03-01",
            ["endsOn"] = "2027-02-28",
            ["amount"] = 100_000_00,
            ["instalments"] = new object[]
            {
                new
                {
                    name = "预付款",
                    dueFrom = "signing",
                    amount = 30_000_00,
                },
                new
                {
                    name = "发货款",
                    dueFrom = "delivery",
                    offsetDays = 10,
                    amount = 60_000_00,
                },
                new
                {
                    name = "质保金",
                    dueFrom = "acceptance",
                    offsetDays = 365,
                    amount = 9_999_99,
                },
            },
        };
        // One fen short: refused, naming the plan; nothing written.
        var bad = await cr.ContractAsync(body, HttpStatusCode.BadRequest);
        Assert.Equal(["instalments"], bad.ErrorFields());
        Assert.Contains("99,999.99", bad.GetProperty("errors").GetProperty("instalments")[0].GetString(), StringComparison.Ordinal);
        var none = await (await cr.GetAsync($"/api/v1/contracts?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        // Other bad input, each by field.
        var wrong = await cr.ContractAsync(
            new Dictionary<string, object?>(body)
            {
                ["endsOn"] = "2026-02-01",
                ["amount"] = -1,
                ["instalments"] = new object[] { new { name = "", amount = 0 } },
            },
            HttpStatusCode.BadRequest
        );
        Assert.Subset(
            new HashSet<string> { "endsOn", "amount", "instalments[0].name", "instalments[0].amount", "instalments[0].fixedOn" },
            wrong.ErrorFields().ToHashSet()
        );
        await cr.ContractAsync(new Dictionary<string, object?>(body) { ["kind"] = "leasing" }, HttpStatusCode.BadRequest);

        ((object[])body["instalments"]!)[2] = new
        {
            name = "质保金",
            dueFrom = "acceptance",
            offsetDays = 365,
            amount = 10_000_00,
        };
        body["number"] = $"HT-T-{Guid.NewGuid():N}"[..20];
        var c = await cr.ContractAsync(body);
        Assert.Equal("draft", c.GetProperty("status").GetString());
        Assert.Equal(3, c.GetProperty("instalments").GetArrayLength());
        Assert.All(c.GetProperty("instalments").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("dueOn").ValueKind));
        // The same paper number twice is refused.
        var dup = await cr.ContractAsync(body, HttpStatusCode.BadRequest);
        Assert.Equal(["number"], dup.ErrorFields());

        // Signed: fixed. The signing instalment falls due at once; the others wait for their milestones.
        var signed = await cr.SignedAsync(c);
        Assert.Equal("active", signed.GetProperty("status").GetString());
        Assert.Equal("王总", signed.GetProperty("signedBy").GetString());
        Assert.Equal(JsonValueKind.String, signed.GetProperty("signedFileId").ValueKind);
        Assert.Equal("2026-03-02", signed.Instalment(0).GetProperty("dueOn").GetString());
        Assert.Equal(JsonValueKind.Null, signed.Instalment(1).GetProperty("dueOn").ValueKind);
        var edit = await cr.PutAsJsonAsync(
            $"/api/v1/contracts/{c.Id()}",
            new Dictionary<string, object?>(body) { ["title"] = "改名", ["version"] = signed.Version() }
        );
        await edit.ExpectAsync(HttpStatusCode.Conflict);
        // A stale version is a conflict too, whatever the move.
        await (
            await cr.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/milestones", new { deliveredOn = "2026-03-02", version = 1 })
        ).ExpectAsync(HttpStatusCode.Conflict);
        var delivered = await (
            await cr.PostAsJsonAsync(
                $"/api/v1/contracts/{c.Id()}/milestones",
                new { deliveredOn = "2026-03-02", version = signed.Version() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-03-12", delivered.Instalment(1).GetProperty("dueOn").GetString());

        // The amendment is a new draft carrying what is still open; signed, it replaces the original.
        var amendment = await (await cr.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/amend", new { })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("draft", amendment.GetProperty("status").GetString());
        Assert.Equal(c.Id(), amendment.GetProperty("amendmentOfId").GetString());
        Assert.Equal(c.GetProperty("number").GetString() + "-B1", amendment.GetProperty("number").GetString());
        Assert.Equal(100_000_00, amendment.Fen("amount"));
        await cr.SignedAsync(amendment);
        var original = await (await cr.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("terminated", original.GetProperty("status").GetString());

        // Every change is in the audit log.
        using var admin = await app.AdminAsync();
        var audit = await (await admin.GetAsync($"/api/v1/audit?entity=contract&id={c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("changes").EnumerateArray().Any(x => x.GetProperty("field").GetString() == "Status")
        );
    }

    [Fact]
    public async Task A_large_contract_waits_for_the_sales_manager_and_a_won_opportunity_becomes_a_contract()
    {
        var manager = await app.CreateAsync("SalesManager");
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var stages = await cr.StagesAsync();
        var won = stages.First(s => s.GetProperty("kind").GetString() == "won");
        var opportunity = await (
            await cr.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "三台 250 吨注塑机",
                    expectedCloseOn = "2026-04-30",
                    customerId = customer.Id(),
                    lines = new[]
                    {
                        new
                        {
                            description = "注塑机 250T",
                            quantity = 3,
                            unitPrice = 300_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        // Not won yet: refused.
        var early = await (
            await cr.PostAsJsonAsync("/api/v1/contracts/from-opportunity", new { opportunityId = opportunity.Id() })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["opportunityId"], early.ErrorFields());
        await (
            await cr.PostAsJsonAsync(
                $"/api/v1/opportunities/{opportunity.Id()}/move",
                new { stageId = won.Id(), version = opportunity.Version() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        var c = await (
            await cr.PostAsJsonAsync("/api/v1/contracts/from-opportunity", new { opportunityId = opportunity.Id() })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(900_000_00, c.Fen("amount"));
        Assert.Equal(opportunity.Id(), c.GetProperty("opportunityId").GetString());
        Assert.Equal("注塑机 250T", c.GetProperty("lines")[0].GetProperty("description").GetString());

        // Over ¥500,000: the shipped process sends it to the sales managers.
        var submitted = await (await cr.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/submit", new { })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("inApproval", submitted.GetProperty("status").GetString());
        await (
            await cr.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/sign", new { signedBy = "王总", signatureImage = ContractKit.Signature })
        ).ExpectAsync(HttpStatusCode.Conflict);
        using var cm = await app.ClientForAsync(manager.Email());
        var inbox = await (await cm.GetAsync("/api/v1/approvals?scope=waiting")).ExpectAsync(HttpStatusCode.OK);
        var approval = inbox.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("recordId").GetString() == c.Id());
        await (await cm.PostAsJsonAsync($"/api/v1/approvals/{approval.Id()}/decide", new { verdict = "approve" })).ExpectAsync(
            HttpStatusCode.OK
        );
        var approved = await (await cr.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        // Signed on paper: the scan must be this contract's attachment; no signature at all is refused by field.
        var noSignature = await (
            await cr.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/sign", new { signedBy = "王总", version = approved.Version() })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["signatureImage"], noSignature.ErrorFields());
        using var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent(ProjectKit.Pdf);
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "file", "合同签字版.pdf");
        var file = await (await cr.PostAsync($"/api/v1/contracts/{c.Id()}/attachments", form)).ExpectAsync(HttpStatusCode.Created);
        var signed = await (
            await cr.PostAsJsonAsync(
                $"/api/v1/contracts/{c.Id()}/sign",
                new
                {
                    signedBy = "王总",
                    signedFileId = file.Id(),
                    version = approved.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(file.Id(), signed.GetProperty("signedFileId").GetString());
    }

    [Fact]
    public async Task Who_may_see_draft_and_record_money()
    {
        var rep = await app.CreateAsync("Sales");
        var other = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var c = await cr.ContractAsync(
            new
            {
                title = "年度维保",
                kind = "service",
                serviceKind = "annualMaintenance",
                customerId = customer.Id(),
                startsOn = "2026-03-01",
                endsOn = "2027-02-28",
                amount = 50_000_00,
                labourPercent = 100,
                instalments = new[]
                {
                    new
                    {
                        name = "全款",
                        dueFrom = "signing",
                        amount = 50_000_00,
                    },
                },
            }
        );
        using var co = await app.ClientForAsync(other.Email());
        await (await co.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(
            0,
            (await (await co.GetAsync($"/api/v1/contracts?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("total")
                .GetInt32()
        );
        foreach (var role in new[] { "Engineer", "Warehouse", "RdEngineer" })
        {
            var u = await app.CreateAsync(role);
            using var cu = await app.ClientForAsync(u.Email());
            Assert.Equal(HttpStatusCode.Forbidden, (await cu.GetAsync("/api/v1/contracts")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await cu.GetAsync("/api/v1/receivables/ageing")).StatusCode);
        }
        // Service reads coverage; it cannot draft. Sales cannot record money; finance can, for every customer.
        var dispatcher = await app.CreateAsync("Dispatcher");
        using var cd = await app.ClientForAsync(dispatcher.Email());
        var seen = await (await cd.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100, seen.GetProperty("labourPercent").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await cd.PostAsJsonAsync("/api/v1/contracts", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cd.GetAsync("/api/v1/receivables/ageing")).StatusCode);
        await cr.SignedAsync(c);
        var receipt = new
        {
            customerId = customer.Id(),
            receivedOn = "2026-03-02",
            amount = 10_000_00,
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await cr.PostAsJsonAsync("/api/v1/receivables/receipts", receipt)).StatusCode);
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        await (await cf.PostAsJsonAsync("/api/v1/receivables/receipts", receipt)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(40_000_00, (await cf.AgeingAsync(customer)).Fen("total"));
        Assert.Equal(40_000_00, (await cr.AgeingAsync(customer)).Fen("total"));
        var elsewhere = await (await co.GetAsync($"/api/v1/receivables/ageing?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(elsewhere.GetProperty("rows").EnumerateArray());
        // Customers and dealers have no business in the back office's contracts.
        foreach (var role in new[] { "Customer", "Dealer" })
        {
            var u = await app.CreateAsync(role);
            using var cu = await app.ClientForAsync(u.Email());
            Assert.Equal(HttpStatusCode.Forbidden, (await cu.GetAsync($"/api/v1/contracts/{c.Id()}")).StatusCode);
        }
    }
}

public abstract class ContractPortalTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_customer_sees_its_signed_contracts_and_what_it_owes_and_nothing_internal()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var other = await cr.CustomerAsync();
        var body = new
        {
            title = "年度维保",
            kind = "service",
            serviceKind = "annualMaintenance",
            customerId = customer.Id(),
            startsOn = "2026-03-01",
            endsOn = "2027-02-28",
            amount = 20_000_00,
            discountPercent = 8,
            terms = "内部备注：价格底线 18000",
            visitsPerYear = 2,
            labourPercent = 100,
            instalments = new[]
            {
                new
                {
                    name = "年费",
                    dueFrom = "signing",
                    amount = 20_000_00,
                },
            },
        };
        var signed = await cr.SignedAsync(await cr.ContractAsync(body));
        await cr.ContractAsync(body with { title = "草稿不给客户看" });
        // Finance invoices the fee: the customer sees the invoice against its instalment.
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        var detail = await (await cf.GetAsync($"/api/v1/contracts/{signed.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var invoiceNumber = $"FP{Guid.NewGuid():N}"[..12];
        await (
            await cf.PostAsJsonAsync(
                "/api/v1/receivables/invoices",
                new
                {
                    instalmentId = detail.GetProperty("instalments")[0].Id(),
                    number = invoiceNumber,
                    issuedOn = "2026-03-01",
                    amount = 20_000_00,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var user = await app.CreateAsync("Customer", extra: new { customerId = customer.Id() });
        using var cu = await app.ClientForAsync(user.Email());
        var mine = await (await cu.GetAsync("/api/v1/portal/contracts")).ExpectAsync(HttpStatusCode.OK);
        var c = Assert.Single(mine.EnumerateArray());
        Assert.Equal(signed.Id(), c.Id());
        var invoice = Assert.Single(c.GetProperty("invoices").EnumerateArray());
        Assert.Equal(invoiceNumber, invoice.GetProperty("number").GetString());
        Assert.Equal("年费", invoice.GetProperty("instalment").GetString());
        Assert.Equal(20_000_00, invoice.Fen("amount"));
        Assert.Equal(2, c.GetProperty("visitsIncluded").GetInt32());
        Assert.Equal(20_000_00, c.GetProperty("payments")[0].Fen("open"));
        var text = c.GetRawText();
        Assert.DoesNotContain("内部备注", text, StringComparison.Ordinal);
        Assert.DoesNotContain("discount", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("owner", text, StringComparison.OrdinalIgnoreCase);
        // The back office's contract API stays closed to them; another customer's user sees none of these.
        Assert.Equal(HttpStatusCode.Forbidden, (await cu.GetAsync($"/api/v1/contracts/{signed.Id()}")).StatusCode);
        var stranger = await app.CreateAsync("Customer", extra: new { customerId = other.Id() });
        using var cs = await app.ClientForAsync(stranger.Email());
        Assert.Empty((await (await cs.GetAsync("/api/v1/portal/contracts")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        var dealer = await app.CreateAsync("Dealer");
        using var cd = await app.ClientForAsync(dealer.Email());
        Assert.Equal(HttpStatusCode.Forbidden, (await cd.GetAsync("/api/v1/portal/contracts")).StatusCode);
    }
}

public sealed class ContractPortalTests_Sqlite(SqliteFactory app) : ContractPortalTests<SqliteFactory>(app);

public sealed class ContractPortalTests_Postgres(PostgresFactory app) : ContractPortalTests<PostgresFactory>(app);

public sealed class ContractTests_Sqlite(SqliteFactory app) : ContractTests<SqliteFactory>(app);

public sealed class ContractTests_Postgres(PostgresFactory app) : ContractTests<PostgresFactory>(app);

/// <summary>A company that keeps contract prices from its service staff (<c>Contracts:HidePricesFromService</c>).</summary>
public sealed class HiddenPricesFactory : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Contracts:HidePricesFromService"] = "true" };
}

public sealed class HiddenPriceTests(HiddenPricesFactory app) : IClassFixture<HiddenPricesFactory>
{
    [Fact]
    public async Task Service_staff_see_what_a_contract_covers_but_no_money_when_the_company_hides_prices()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var signed = await cr.SignedAsync(
            await cr.ContractAsync(
                new
                {
                    title = "年度维保",
                    kind = "service",
                    serviceKind = "annualMaintenance",
                    customerId = customer.Id(),
                    startsOn = "2026-03-01",
                    endsOn = "2027-02-28",
                    amount = 20_000_00,
                    discountPercent = 8,
                    visitsPerYear = 2,
                    labourPercent = 100,
                    partsPercent = 50,
                    lines = new[]
                    {
                        new
                        {
                            description = "年度维保服务",
                            quantity = 1,
                            unitPrice = 20_000_00,
                        },
                    },
                    instalments = new[]
                    {
                        new
                        {
                            name = "年费",
                            dueFrom = "signing",
                            amount = 20_000_00,
                        },
                    },
                }
            )
        );
        foreach (var role in new[] { "ServiceManager", "Dispatcher" })
        {
            var staff = await app.CreateAsync(role);
            using var cs = await app.ClientForAsync(staff.Email());
            var c = await (await cs.GetAsync($"/api/v1/contracts/{signed.Id()}")).ExpectAsync(HttpStatusCode.OK);
            Assert.True(c.GetProperty("pricesHidden").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("amount").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("received").ValueKind);
            Assert.Empty(c.GetProperty("instalments").EnumerateArray());
            // Lines keep what was sold; their money reads 0 under pricesHidden (the line type is the quotes' and orders' too).
            Assert.All(c.GetProperty("lines").EnumerateArray(), l => Assert.Equal(0, l.Fen("unitPrice") + l.Fen("amount")));
            Assert.DoesNotContain("20000", c.GetRawText(), StringComparison.Ordinal);
            // What the contract covers is theirs to see: it decides the work.
            Assert.Equal(100, c.GetProperty("labourPercent").GetInt32());
            Assert.Equal(2, c.GetProperty("visitsIncluded").GetInt32());
            var list = await (await cs.GetAsync($"/api/v1/contracts?q={signed.GetProperty("number").GetString()}")).ExpectAsync(
                HttpStatusCode.OK
            );
            Assert.Equal(JsonValueKind.Null, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("amount").ValueKind);
        }
        // The people who sell and collect still see the money.
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        var seen = await (await cf.GetAsync($"/api/v1/contracts/{signed.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(seen.GetProperty("pricesHidden").GetBoolean());
        Assert.Equal(20_000_00, seen.Fen("amount"));
    }
}
