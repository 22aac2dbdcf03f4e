using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// The pipeline (商机): configurable stages, the board's moves with their version check, won into an order, lost with a
/// reason, the weighted forecast, suggestions from history, sales orders from the ERP by key, and bad input by field.
/// </summary>
public abstract class PipelineTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static string Date(DateTime utc, int days = 0) => DateOnly.FromDateTime(utc.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_card_moves_stage_by_stage_on_the_board_and_won_becomes_the_order()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var customer = await cr.CustomerAsync();
        var stages = await cr.StagesAsync();
        Assert.Equal(
            ["初步接洽", "需求确认", "方案报价", "商务谈判", "赢单", "输单"],
            stages.Select(s => s.GetProperty("nameZh").GetString())
        );
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var o = await (
            await cr.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "二期产线扩容",
                    customerId = customer.Id(),
                    expectedCloseOn = Date(now, 40),
                    lines = new object[]
                    {
                        new
                        {
                            productId = product.Id(),
                            quantity = 2,
                            unitPrice = 450_000_00,
                        },
                        new
                        {
                            description = "安装调试",
                            quantity = 1,
                            unitPrice = 30_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(930_000_00, o.GetProperty("amount").GetInt64());
        Assert.Equal(10, o.GetProperty("probability").GetInt32());
        Assert.Equal(rep.Id(), o.Owner());
        Assert.Empty(o.GetProperty("warnings").EnumerateArray());

        var board = await (await cr.GetAsync("/api/v1/opportunities/board?mine=true")).ExpectAsync(HttpStatusCode.OK);
        var first = board.GetProperty("columns")[0];
        Assert.Contains(first.GetProperty("cards").EnumerateArray(), c => c.Id() == o.Id());
        Assert.Equal(93_000_00, first.GetProperty("weighted").GetInt64());

        var proposal = stages.Single(s => s.GetProperty("key").GetString() == "proposal").Id();
        var moved = await (
            await cr.PostAsJsonAsync($"/api/v1/opportunities/{o.Id()}/move", new { stageId = proposal, version = o.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(50, moved.GetProperty("probability").GetInt32());
        // A second window still holding the old card is refused, not applied over the first.
        await (
            await cr.PostAsJsonAsync($"/api/v1/opportunities/{o.Id()}/move", new { stageId = stages[1].Id(), version = o.Version() })
        ).ExpectAsync(HttpStatusCode.Conflict);
        var audit = await app.DbAsync(db =>
            Task.FromResult(db.AuditEntries.Count(e => e.EntityType == "opportunity" && e.EntityId == o.Id()))
        );
        Assert.True(audit >= 2, "created and moved are in the audit log");

        var forecast = await (await cr.GetAsync("/api/v1/opportunities/forecast?months=3&mine=true")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(465_000_00, forecast.GetProperty("weighted").EnumerateArray().Sum(v => v.GetInt64()));
        Assert.Equal(rep.Id(), Assert.Single(forecast.GetProperty("rows").EnumerateArray()).GetProperty("key").GetString());
        var byRegion = await (await cr.GetAsync("/api/v1/opportunities/forecast?months=3&by=region&mine=true")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(465_000_00, byRegion.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("total").GetInt64()));

        var won = stages.Single(s => s.GetProperty("kind").GetString() == "won").Id();
        var closed = await (
            await cr.PostAsJsonAsync($"/api/v1/opportunities/{o.Id()}/move", new { stageId = won, version = moved.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("won", closed.GetProperty("status").GetString());
        var orderId = closed.GetProperty("salesOrderId").GetString();
        var order = await (await cr.GetAsync($"/api/v1/sales-orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(930_000_00, order.GetProperty("amount").GetInt64());
        Assert.Equal(2, order.GetProperty("lines").GetArrayLength());
        await (
            await cr.PostAsJsonAsync($"/api/v1/opportunities/{o.Id()}/move", new { stageId = proposal, version = closed.Version() })
        ).ExpectAsync(HttpStatusCode.Conflict);

        // The customer's history is now a starting point for its next opportunity.
        var suggestions = await (await cr.GetAsync($"/api/v1/opportunities/suggestions?customerId={customer.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Contains(suggestions.GetProperty("bought").EnumerateArray(), s => s.GetProperty("productId").GetString() == product.Id());
    }

    [Fact]
    public async Task Similar_customers_purchases_are_suggested_from_the_same_industry()
    {
        using var admin = await app.AdminAsync();
        var industry = $"矿山{SalesKit.Province()}";
        var product = await admin.ProductAsync();
        var peer = await admin.CustomerAsync(extra: new { industry });
        var target = await admin.CustomerAsync(extra: new { industry });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/sales-orders",
                new
                {
                    customerId = peer.Id(),
                    orderedOn = Date(now, -30),
                    lines = new[]
                    {
                        new
                        {
                            productId = product.Id(),
                            quantity = 3,
                            unitPrice = 200_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var s = await (await admin.GetAsync($"/api/v1/opportunities/suggestions?customerId={target.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(s.GetProperty("bought").EnumerateArray());
        Assert.Equal(1, s.GetProperty("similarCustomers").GetInt32());
        var top = Assert.Single(s.GetProperty("similar").EnumerateArray());
        Assert.Equal(product.Id(), top.GetProperty("productId").GetString());
    }

    [Fact]
    public async Task Bad_opportunities_are_named_field_by_field_and_a_lost_one_needs_its_reason()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var bad = await (
            await cr.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "",
                    customerId = Guid.NewGuid(),
                    amount = -1,
                    stageId = Guid.NewGuid(),
                    lines = new[]
                    {
                        new
                        {
                            description = "x",
                            quantity = 0,
                            unitPrice = -5,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Superset(
            new HashSet<string>
            {
                "title",
                "customerId",
                "amount",
                "stageId",
                "expectedCloseOn",
                "lines[0].quantity",
                "lines[0].unitPrice",
            },
            bad.ErrorFields().ToHashSet()
        );
        Assert.Equal(
            0,
            await app.DbAsync(db => Task.FromResult(db.Set<Steadfast.Sales.Opportunities.Opportunity>().Count(o => o.Title == "")))
        );

        // A close date already past is accepted, with a warning.
        var late = await (
            await cr.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "补录",
                    customerId = customer.Id(),
                    amount = 10_000_00,
                    expectedCloseOn = Date(now, -3),
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("expectedCloseOn", Assert.Single(late.GetProperty("warnings").EnumerateArray()).GetString());

        var lost = (await cr.StagesAsync()).Single(s => s.GetProperty("kind").GetString() == "lost").Id();
        Assert.Contains(
            "lostReason",
            (
                await (
                    await cr.PostAsJsonAsync($"/api/v1/opportunities/{late.Id()}/move", new { stageId = lost, version = late.Version() })
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var gone = await (
            await cr.PostAsJsonAsync(
                $"/api/v1/opportunities/{late.Id()}/move",
                new
                {
                    stageId = lost,
                    lostReason = "价格高于竞品 8%",
                    competitor = "三一",
                    version = late.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, gone.GetProperty("probability").GetInt32());
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("salesOrderId").ValueKind);
        Assert.Contains(
            "status",
            (await (await cr.GetAsync("/api/v1/opportunities?status=maybe")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        Assert.Contains(
            "months",
            (await (await cr.GetAsync("/api/v1/opportunities/forecast?months=99")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );

        using var admin = await app.AdminAsync();
        Assert.Contains(
            "probability",
            (
                await (
                    await admin.PostAsJsonAsync(
                        "/api/v1/opportunity-stages",
                        new
                        {
                            nameZh = "赢",
                            nameEn = "Win",
                            kind = "won",
                            probability = 90,
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
    }

    [Fact]
    public async Task A_discount_over_ten_percent_waits_for_the_sales_manager_and_the_quote_prints_in_chinese()
    {
        var rep = await app.CreateAsync("Sales");
        var manager = await app.CreateAsync("SalesManager");
        using var cr = await app.ClientForAsync(rep.Email());
        using var cm = await app.ClientForAsync(manager.Email());
        var customer = await cr.CustomerAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var o = await (
            await cr.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title = "注塑机两台",
                    customerId = customer.Id(),
                    expectedCloseOn = Date(now, 30),
                    lines = new[]
                    {
                        new
                        {
                            description = "HL-280T 伺服注塑机",
                            quantity = 2,
                            unitPrice = 480_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var quote = await (await cr.PostAsJsonAsync("/api/v1/quotes", new { opportunityId = o.Id() })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("draft", quote.GetProperty("status").GetString());
        Assert.Equal(960_000_00, quote.GetProperty("netTotal").GetInt64());

        // 8 % needs nobody; 15 % goes to the sales managers.
        SaveLines(out var small, 8);
        var edited = await (
            await cr.PutAsJsonAsync($"/api/v1/quotes/{quote.Id()}", new { lines = small, version = quote.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(883_200_00, edited.GetProperty("netTotal").GetInt64());
        SaveLines(out var big, 15);
        edited = await (
            await cr.PutAsJsonAsync($"/api/v1/quotes/{quote.Id()}", new { lines = big, version = edited.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(816_000_00, edited.GetProperty("netTotal").GetInt64());
        Assert.Contains(
            "lines[0].discountPercent",
            (
                await (
                    await cr.PutAsJsonAsync(
                        $"/api/v1/quotes/{quote.Id()}",
                        new
                        {
                            lines = new[]
                            {
                                new
                                {
                                    description = "x",
                                    quantity = 1,
                                    listPrice = 1,
                                    discountPercent = 120,
                                },
                            },
                            version = edited.Version(),
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var submitted = await (
            await cr.PostAsJsonAsync($"/api/v1/quotes/{quote.Id()}/submit", new { version = edited.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pendingApproval", submitted.GetProperty("status").GetString());
        await (await cr.PostAsJsonAsync($"/api/v1/quotes/{quote.Id()}/send", new { version = submitted.Version() })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        var approvalId = submitted.GetProperty("approvalId").GetString();
        await (
            await cm.PostAsJsonAsync($"/api/v1/approvals/{approvalId}/decide", new { verdict = "approve", comment = "战略客户，同意" })
        ).ExpectAsync(HttpStatusCode.OK);
        var approved = await (await cr.GetAsync($"/api/v1/quotes/{quote.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var sent = await (await cr.PostAsJsonAsync($"/api/v1/quotes/{quote.Id()}/send", new { version = approved.Version() })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal("sent", sent.GetProperty("status").GetString());

        // The print page: Chinese, the amount in capitals, for those who may see the opportunity only.
        var html = await cr.GetStringAsync($"/quotes/{quote.Id()}/print");
        Assert.Contains("报价单", html, StringComparison.Ordinal);
        Assert.Contains("捌拾壹万陆仟元整", html, StringComparison.Ordinal);
        var other = await app.CreateAsync("Sales");
        using var co = await app.ClientForAsync(other.Email());
        await (await co.GetAsync($"/api/v1/quotes/{quote.Id()}")).ExpectAsync(HttpStatusCode.NotFound);

        // A small discount is approved at once.
        var second = await (await cr.PostAsJsonAsync("/api/v1/quotes", new { opportunityId = o.Id() })).ExpectAsync(HttpStatusCode.Created);
        var direct = await (
            await cr.PostAsJsonAsync($"/api/v1/quotes/{second.Id()}/submit", new { version = second.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", direct.GetProperty("status").GetString());
    }

    private static void SaveLines(out object[] lines, decimal discount) =>
        lines = [
            new
            {
                description = "HL-280T 伺服注塑机",
                quantity = 2,
                listPrice = 480_000_00,
                discountPercent = discount,
            },
        ];

    [Fact]
    public async Task The_erp_upserts_sales_orders_by_its_key_and_other_reps_never_see_them()
    {
        using var admin = await app.AdminAsync();
        var rep = await app.CreateAsync("Sales");
        var other = await app.CreateAsync("Sales");
        var customer = await admin.CustomerAsync(extra: new { ownerId = rep.Id() });
        var key = $"ERP-{Guid.NewGuid():N}"[..20];
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var body = new
        {
            customerId = customer.Id(),
            orderedOn = Date(now, -10),
            deliveryOn = Date(now, 20),
            lines = new[]
            {
                new
                {
                    description = "XCT-80 履带吊",
                    quantity = 1,
                    unitPrice = 1_200_000_00,
                },
            },
        };
        var created = await (await admin.PutAsJsonAsync($"/api/v1/sales-orders/by-external-id/{key}", body)).ExpectAsync(
            HttpStatusCode.Created
        );
        Assert.Equal(rep.Id(), created.Owner());
        var updated = await (
            await admin.PutAsJsonAsync(
                $"/api/v1/sales-orders/by-external-id/{key}",
                body with
                {
                    lines = new[]
                    {
                        new
                        {
                            description = "XCT-80 履带吊",
                            quantity = 2,
                            unitPrice = 1_150_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal(2_300_000_00, updated.GetProperty("amount").GetInt64());
        Assert.Equal(key, updated.GetProperty("externalId").GetString());

        using var cr = await app.ClientForAsync(rep.Email());
        using var co = await app.ClientForAsync(other.Email());
        Assert.Contains(
            (await (await cr.GetAsync($"/api/v1/sales-orders?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray(),
            x => x.Id() == created.Id()
        );
        await (await co.GetAsync($"/api/v1/sales-orders/{created.Id()}")).ExpectAsync(HttpStatusCode.NotFound);

        var bad = await (
            await admin.PutAsJsonAsync(
                $"/api/v1/sales-orders/by-external-id/{key}-2",
                new
                {
                    customerId = customer.Id(),
                    orderedOn = Date(now),
                    deliveryOn = Date(now, -1),
                    lines = Array.Empty<object>(),
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Superset(new HashSet<string> { "deliveryOn", "lines" }, bad.ErrorFields().ToHashSet());
    }
}

public sealed class PipelineTests_Sqlite(SqliteFactory app) : PipelineTests<SqliteFactory>(app);

public sealed class PipelineTests_Postgres(PostgresFactory app) : PipelineTests<PostgresFactory>(app);
