using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Inventory.Stock;
using Steadfast.Service.Dashboard;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

public abstract class PartsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private sealed record World(
        HttpClient Admin,
        HttpClient Keeper,
        HttpClient Engineer,
        Guid EngineerId,
        HttpClient Manager,
        Guid Central,
        Guid Van,
        Guid FitsPart,
        Guid OtherModelPart,
        Guid UniversalPart,
        Guid ProductId,
        JsonElement Customer,
        JsonElement Machine
    ) : IDisposable
    {
        public void Dispose()
        {
            Admin.Dispose();
            Keeper.Dispose();
            Engineer.Dispose();
            Manager.Dispose();
        }
    }

    private static string Code() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
    {
        var u = await app.CreateAsync(role);
        return (await app.ClientForAsync(u.GetProperty("email").GetString()!), u.GetProperty("id").GetGuid());
    }

    private async Task<World> WorldAsync()
    {
        var admin = await app.AdminAsync();
        var (keeper, keeperId) = await UserAsync("Warehouse");
        var (engineer, engineerId) = await UserAsync("Engineer");
        var (manager, _) = await UserAsync("ServiceManager");
        var product = await admin.ProductAsync();
        var other = await admin.ProductAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, product, new { installedOn = "2026-01-10" });
        var central = await (
            await admin.PostAsJsonAsync(
                "/api/v1/warehouses",
                new
                {
                    code = "C" + Code(),
                    name = "总仓",
                    kind = "central",
                    keeperId = keeperId,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var van = await (
            await admin.PostAsJsonAsync(
                "/api/v1/warehouses",
                new
                {
                    code = "V" + Code(),
                    name = "车载库",
                    kind = "van",
                    keeperId = engineerId,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        async Task<Guid> PartAsync(Guid[] models, long cost) => (
                await (
                    await admin.PostAsJsonAsync(
                        "/api/v1/parts",
                        new
                        {
                            number = "P-" + Code(),
                            name = "轴承",
                            unit = "pcs",
                            unitCost = cost,
                            productIds = models,
                        }
                    )
                ).ExpectAsync(HttpStatusCode.Created)
            ).GetProperty("id").GetGuid();
        var productId = product.GetProperty("id").GetGuid();
        return new World(
            admin,
            keeper,
            engineer,
            engineerId,
            manager,
            central.GetProperty("id").GetGuid(),
            van.GetProperty("id").GetGuid(),
            await PartAsync([productId], 10000),
            await PartAsync([other.GetProperty("id").GetGuid()], 250000),
            await PartAsync([], 500),
            productId,
            customer,
            machine
        );
    }

    private static Task<HttpResponseMessage> PostMove(HttpClient c, object body) => c.PostAsJsonAsync("/api/v1/stock-movements", body);

    private async Task<JsonElement> OrderOnSiteAsync(World w)
    {
        using var dispatcher = (await UserAsync("Dispatcher")).Client;
        var order = await (
            await dispatcher.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = w.Customer.GetProperty("id").GetGuid(),
                    machineId = w.Machine.GetProperty("id").GetGuid(),
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "主轴异响",
                    category = "主轴",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await dispatcher.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/transitions",
                new { to = "assigned", assigneeId = w.EngineerId }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", new { to = "accepted" })).ExpectAsync(
            HttpStatusCode.OK
        );
        return order;
    }

    /// <summary>The invariant behind every stock figure: each balance row is the sum of its ledger rows.</summary>
    private Task<int> AssertBalancesMatchLedgerAsync() =>
        app.DbAsync(async db =>
        {
            var sums = await db.Set<StockMovement>()
                .GroupBy(m => new { m.PartId, m.WarehouseId })
                .Select(g => new
                {
                    g.Key.PartId,
                    g.Key.WarehouseId,
                    Q = g.Sum(m => m.Quantity),
                    V = g.Sum(m => m.Value),
                })
                .ToListAsync();
            var balances = await db.Set<StockBalance>().ToListAsync();
            foreach (var s in sums)
            {
                var b = balances.Single(x => x.PartId == s.PartId && x.WarehouseId == s.WarehouseId);
                Assert.Equal((s.Q, s.V), (b.Quantity, b.Value));
            }
            Assert.All(balances, b => Assert.True(b.Quantity >= 0));
            return 0;
        });

    [Fact]
    public async Task The_ledger_values_at_moving_average_refuses_what_is_not_there_and_is_corrected_by_reversal()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    quantity = 10,
                    unitCost = 10000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await AssertBalancesMatchLedgerAsync();
        var second = await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    quantity = 10,
                    unitCost = 13000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var part = await (await w.Keeper.GetAsync($"/api/v1/parts/{w.FitsPart}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(11500, part.GetProperty("averageCost").GetInt64());
        Assert.Equal(230000, part.GetProperty("stockValue").GetInt64());

        // Bad input: nothing written.
        Assert.Contains(
            "quantity",
            (
                await (
                    await PostMove(
                        w.Keeper,
                        new
                        {
                            kind = "scrap",
                            partId = w.FitsPart,
                            warehouseId = w.Central,
                            quantity = 0,
                            reason = "x",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Contains(
            "quantity",
            (
                await (
                    await PostMove(
                        w.Keeper,
                        new
                        {
                            kind = "receive",
                            partId = w.FitsPart,
                            warehouseId = w.Central,
                            quantity = -3,
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Contains(
            "unit",
            (
                await (
                    await PostMove(
                        w.Keeper,
                        new
                        {
                            kind = "receive",
                            partId = w.FitsPart,
                            warehouseId = w.Central,
                            quantity = 1,
                            unit = "box",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Contains(
            "reason",
            (
                await (
                    await PostMove(
                        w.Keeper,
                        new
                        {
                            kind = "scrap",
                            partId = w.FitsPart,
                            warehouseId = w.Central,
                            quantity = 1,
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var tooMuch = await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "scrap",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    quantity = 21,
                    reason = "水浸",
                }
            )
        ).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(20, tooMuch.GetProperty("available").GetInt64());
        // A batch is all or nothing: the good first line is not written when the second fails.
        await (
            await w.Keeper.PostAsJsonAsync(
                "/api/v1/stock-movements/batch",
                new
                {
                    movements = new object[]
                    {
                        new
                        {
                            kind = "scrap",
                            partId = w.FitsPart,
                            warehouseId = w.Central,
                            quantity = 1,
                            reason = "x",
                        },
                        new
                        {
                            kind = "scrap",
                            partId = w.FitsPart,
                            warehouseId = w.Central,
                            quantity = 50,
                            reason = "x",
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(
            20,
            (await (await w.Keeper.GetAsync($"/api/v1/parts/{w.FitsPart}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("onHand").GetInt64()
        );

        // Adjustments need the warehouse role.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await PostMove(
                    w.Engineer,
                    new
                    {
                        kind = "adjust",
                        partId = w.FitsPart,
                        warehouseId = w.Central,
                        quantity = -1,
                        reason = "盘亏",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await PostMove(
                    w.Manager,
                    new
                    {
                        kind = "adjust",
                        partId = w.FitsPart,
                        warehouseId = w.Central,
                        quantity = -1,
                        reason = "盘亏",
                    }
                )
            ).StatusCode
        );
        var scrap = await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "scrap",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    quantity = 2,
                    reason = "锈蚀",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(-23000, scrap[0].GetProperty("value").GetInt64());
        await AssertBalancesMatchLedgerAsync();

        // Append-only: undo by a reversing movement, once; issues and transfers are not reversible this way.
        var reversed = await (
            await w.Keeper.PostAsJsonAsync($"/api/v1/stock-movements/{scrap[0].Id()}/reverse", new { reason = "误操作" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, reversed.GetProperty("quantity").GetInt64());
        Assert.Equal(scrap[0].Id(), reversed.GetProperty("reversesId").GetString());
        await (await w.Keeper.PostAsJsonAsync($"/api/v1/stock-movements/{scrap[0].Id()}/reverse", new { reason = "again" })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        await (await w.Keeper.PostAsJsonAsync($"/api/v1/stock-movements/{second[0].Id()}/reverse", new { reason = "" })).ExpectAsync(
            HttpStatusCode.BadRequest
        );

        // Transfer: out of central at once, into the van only when received, and only once.
        var sent = await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "transferOut",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    toWarehouseId = w.Van,
                    quantity = 4,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var transferId = sent[0].GetProperty("transferId").GetString();
        var vanBefore = await (await w.Engineer.GetAsync($"/api/v1/warehouses/{w.Van}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, vanBefore.GetProperty("units").GetInt64());
        Assert.Equal(4, vanBefore.GetProperty("inTransit").GetInt64());
        await (await w.Engineer.PostAsJsonAsync($"/api/v1/transfers/{transferId}/receive", new { })).ExpectAsync(HttpStatusCode.OK);
        await (await w.Engineer.PostAsJsonAsync($"/api/v1/transfers/{transferId}/receive", new { })).ExpectAsync(HttpStatusCode.Conflict);
        var van = await (await w.Engineer.GetAsync($"/api/v1/warehouses/{w.Van}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, van.GetProperty("units").GetInt64());
        Assert.Equal(46000, van.GetProperty("stockValue").GetInt64());
        await AssertBalancesMatchLedgerAsync();

        var ledger = await (await w.Keeper.GetAsync($"/api/v1/stock-movements?partId={w.FitsPart}&pageSize=100")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(6, ledger.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_hundred_engineers_taking_ten_units_at_once_get_exactly_ten()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.UniversalPart,
                    warehouseId = w.Van,
                    quantity = 10,
                    unitCost = 700,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var order = await OrderOnSiteAsync(w);
        var results = await Task.WhenAll(
            Enumerable
                .Range(0, 100)
                .Select(_ =>
                    w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = w.UniversalPart, quantity = 1 })
                )
        );
        Assert.Equal(10, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(90, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.DoesNotContain(results, r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict));
        var conflict = await results.First(r => r.StatusCode == HttpStatusCode.Conflict).ReadJsonAsync();
        Assert.Equal(0, conflict.GetProperty("available").GetInt64());
        await AssertBalancesMatchLedgerAsync();
        var (vanQuantity, vanValue, issues, cost) = await app.DbAsync(async db =>
            (
                await db.Set<StockMovement>().Where(m => m.WarehouseId == w.Van).SumAsync(m => m.Quantity),
                await db.Set<StockMovement>().Where(m => m.WarehouseId == w.Van).SumAsync(m => m.Value),
                await db.Set<StockMovement>().CountAsync(m => m.WorkOrderId == Guid.Parse(order.Id())),
                await db.Set<WorkOrder>().Where(o => o.Id == Guid.Parse(order.Id())).Select(o => o.PartsCost).SingleAsync()
            )
        );
        Assert.Equal((0L, 0L, 10), (vanQuantity, vanValue, issues));
        Assert.Equal(7000, cost);
    }

    [Fact]
    public async Task A_request_for_a_part_that_does_not_fit_waits_for_the_manager_then_lands_on_the_order_and_the_machine()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.OtherModelPart,
                    warehouseId = w.Central,
                    quantity = 3,
                    unitCost = 250000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Van,
                    quantity = 2,
                    unitCost = 10000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var order = await OrderOnSiteAsync(w);

        var bad = await (
            await w.Engineer.PostAsJsonAsync(
                "/api/v1/part-requests",
                new { workOrderId = order.Id(), lines = new[] { new { partId = w.OtherModelPart, quantity = 0 } } }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("lines[0].quantity", bad.ErrorFields());
        var request = await (
            await w.Engineer.PostAsJsonAsync(
                "/api/v1/part-requests",
                new
                {
                    workOrderId = order.Id(),
                    fromWarehouseId = w.Central,
                    lines = new[] { new { partId = w.OtherModelPart, quantity = 1 } },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("pending", request.GetProperty("status").GetString());
        // The shipped approval process takes it: over ¥2,000 or not fitting the machine, the service manager decides.
        Assert.Equal(["approval"], request.GetProperty("approvalReasons").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.False(request.GetProperty("fitsMachine").GetBoolean());
        var approval = request.GetProperty("approval");
        Assert.Equal("备件申领审批", approval.GetProperty("processName").GetString());
        Assert.Equal("pending", approval.GetProperty("status").GetString());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await w.Engineer.PostAsJsonAsync($"/api/v1/part-requests/{request.Id()}/approve", new { })).StatusCode
        );
        await (await w.Keeper.PostAsJsonAsync($"/api/v1/part-requests/{request.Id()}/approve", new { })).ExpectAsync(
            HttpStatusCode.Conflict
        );

        // Without the approval the engineer cannot fit it; with it, the manager has made the call.
        var refused = await (
            await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = w.FitsPart, quantity = 5 })
        ).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, refused.GetProperty("available").GetInt64());
        var approved = await (
            await w.Manager.PostAsJsonAsync($"/api/v1/part-requests/{request.Id()}/approve", new { note = "客户同意升级" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        await (await w.Manager.PostAsJsonAsync($"/api/v1/part-requests/{request.Id()}/reject", new { note = "late" })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        await (await w.Engineer.PostAsJsonAsync($"/api/v1/part-requests/{request.Id()}/receive", new { })).ExpectAsync(HttpStatusCode.OK);
        await (await w.Engineer.PostAsJsonAsync($"/api/v1/part-requests/{request.Id()}/receive", new { })).ExpectAsync(
            HttpStatusCode.Conflict
        );

        var fits = await (
            await w.Engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/parts",
                new { partNumber = (await PartNumberAsync(w, w.FitsPart)), quantity = 1 }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(10000, fits.GetProperty("cost").GetInt64());
        var overridden = await (
            await w.Engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/parts",
                new
                {
                    partId = w.OtherModelPart,
                    quantity = 1,
                    billable = true,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(250000, overridden.GetProperty("cost").GetInt64());
        Assert.True(overridden.GetProperty("billable").GetBoolean());

        // A part that fits neither the model nor an approved request: refused for the engineer.
        var other = await (
            await w.Admin.PostAsJsonAsync(
                "/api/v1/parts",
                new
                {
                    number = "P-" + Code(),
                    name = "别的型号",
                    unit = "pcs",
                    productIds = new[] { (await w.Admin.ProductAsync()).GetProperty("id").GetGuid() },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = other.Id(),
                    warehouseId = w.Van,
                    quantity = 1,
                    unitCost = 100,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains(
            "partId",
            (
                await (
                    await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = other.Id(), quantity = 1 })
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        // The service manager may override, but only with a reason; the ledger keeps it.
        Assert.Contains(
            "overrideReason",
            (
                await (
                    await w.Manager.PostAsJsonAsync(
                        $"/api/v1/work-orders/{order.Id()}/parts",
                        new
                        {
                            partId = other.Id(),
                            quantity = 1,
                            warehouseId = w.Van,
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var forced = await (
            await w.Manager.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/parts",
                new
                {
                    partId = other.Id(),
                    quantity = 1,
                    warehouseId = w.Van,
                    overrideReason = "客户自备机型改装",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("客户自备机型改装", forced.GetProperty("reason").GetString());
        await (
            await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts/returns", new { partId = other.Id(), quantity = 1 })
        ).ExpectAsync(HttpStatusCode.Created);

        // Returns: a good one back at what it cost, a faulty one recorded by serial and not stocked.
        Assert.Contains(
            "quantity",
            (
                await (
                    await w.Engineer.PostAsJsonAsync(
                        $"/api/v1/work-orders/{order.Id()}/parts/returns",
                        new { partId = w.FitsPart, quantity = 2 }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        await (
            await w.Engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/parts/returns",
                new
                {
                    partId = w.OtherModelPart,
                    quantity = 1,
                    faulty = true,
                    serial = "SN-OLD-1",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var lines = await (await w.Engineer.GetAsync($"/api/v1/work-orders/{order.Id()}/parts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5, lines.GetArrayLength()); // two issues, the override, its return and the faulty part
        var wo = await (await w.Engineer.GetAsync($"/api/v1/work-orders/{order.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(260000, wo.GetProperty("partsCost").GetInt64());
        await AssertBalancesMatchLedgerAsync();

        var timeline = await (await w.Admin.GetAsync($"/api/v1/equipment/{w.Machine.Id()}/timeline?kind=part")).ExpectAsync(
            HttpStatusCode.OK
        );
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(3, kinds.Count(k => k == "part.fitted"));
        Assert.Equal(2, kinds.Count(k => k == "part.returned"));
    }

    private static async Task<string> PartNumberAsync(World w, Guid id) =>
        (await (await w.Admin.GetAsync($"/api/v1/parts/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("number").GetString()!;

    [Fact]
    public async Task The_parts_approval_threshold_is_the_shipped_process_condition_and_moving_it_changes_who_waits()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    quantity = 4,
                    unitCost = 300000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var order = await OrderOnSiteAsync(w);
        object Ask() =>
            new
            {
                workOrderId = order.Id(),
                fromWarehouseId = w.Central,
                lines = new[] { new { partId = w.FitsPart, quantity = 1 } },
            };

        // ¥3,000 fits the machine but is over the shipped ¥2,000: the service manager's step.
        var waits = await (await w.Engineer.PostAsJsonAsync("/api/v1/part-requests", Ask())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("pending", waits.GetProperty("status").GetString());
        Assert.True(waits.GetProperty("fitsMachine").GetBoolean());
        var approvalId = waits.GetProperty("approval").Id();

        var list = await (await w.Manager.GetAsync("/api/v1/automation/approval-processes?recordType=partrequest")).ExpectAsync(
            HttpStatusCode.OK
        );
        var process = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "备件申领审批");
        Assert.Contains("2,000", process.GetProperty("summary").GetString(), StringComparison.Ordinal);
        async Task<JsonElement> ThresholdAsync(JsonElement p, string yuan)
        {
            var body = JsonNode.Parse(p.GetRawText())!.AsObject();
            body["definition"]!["conditions"]!["items"]![0]!["value"] = yuan;
            var save = new JsonObject
            {
                ["name"] = body["name"]!.GetValue<string>(),
                ["recordType"] = "partrequest",
                ["order"] = body["order"]!.GetValue<int>(),
                ["enabled"] = true,
                ["definition"] = body["definition"]!.DeepClone(),
                ["version"] = body["version"]!.GetValue<long>(),
            };
            return await (await w.Manager.PutAsJsonAsync($"/api/v1/automation/approval-processes/{p.Id()}", save)).ExpectAsync(
                HttpStatusCode.OK
            );
        }
        var raised = await ThresholdAsync(process, "5000");
        try
        {
            var sent = await (await w.Engineer.PostAsJsonAsync("/api/v1/part-requests", Ask())).ExpectAsync(HttpStatusCode.Created);
            Assert.Equal("approved", sent.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, sent.GetProperty("approval").ValueKind);
        }
        finally
        {
            await ThresholdAsync(raised, "2000");
        }

        // The one already waiting is decided on the approvals page, and the parts go out with the decision.
        var decided = await (
            await w.Manager.PostAsJsonAsync($"/api/v1/approvals/{approvalId}/decide", new { verdict = "approve", comment = "急用" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        var request = await (await w.Engineer.GetAsync($"/api/v1/part-requests/{waits.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", request.GetProperty("status").GetString());
        Assert.Equal("急用", request.GetProperty("decisionNote").GetString());
    }

    [Fact]
    public async Task Engineers_see_central_stock_and_their_own_van_only()
    {
        using var w = await WorldAsync();
        var (colleague, colleagueId) = await UserAsync("Engineer");
        using var _ = colleague;
        var theirs = await (
            await w.Admin.PostAsJsonAsync(
                "/api/v1/warehouses",
                new
                {
                    code = "V" + Code(),
                    name = "同事车载库",
                    kind = "van",
                    keeperId = colleagueId,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Engineer.GetAsync($"/api/v1/warehouses/{theirs.Id()}/stock")).StatusCode);
        await (await w.Engineer.GetAsync($"/api/v1/warehouses/{w.Van}/stock")).ExpectAsync(HttpStatusCode.OK);
        await (await w.Engineer.GetAsync($"/api/v1/warehouses/{w.Central}/stock")).ExpectAsync(HttpStatusCode.OK);
        var listed = await (await w.Engineer.GetAsync("/api/v1/warehouses")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), x => x.Id() == theirs.Id());
        await (await w.Keeper.GetAsync($"/api/v1/warehouses/{theirs.Id()}/stock")).ExpectAsync(HttpStatusCode.OK);
        // A second van for the same engineer, or a van without an engineer, is refused.
        Assert.Contains(
            "keeperId",
            (
                await (
                    await w.Admin.PostAsJsonAsync(
                        "/api/v1/warehouses",
                        new
                        {
                            code = "V" + Code(),
                            name = "x",
                            kind = "van",
                            keeperId = w.EngineerId,
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        using var customer = (await UserAsync("Customer")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/parts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/warehouses")).StatusCode);

        // Once the company allows it, colleagues' vans are visible (to ask them for a part).
        var settings = await (await w.Admin.GetAsync("/api/v1/inventory-settings")).ExpectAsync(HttpStatusCode.OK);
        await (
            await w.Admin.PutAsJsonAsync(
                "/api/v1/inventory-settings",
                new { engineersSeeOtherVans = true, version = settings.GetProperty("version").GetInt64() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await w.Engineer.GetAsync($"/api/v1/warehouses/{theirs.Id()}/stock")).ExpectAsync(HttpStatusCode.OK);
        settings = await (await w.Admin.GetAsync("/api/v1/inventory-settings")).ExpectAsync(HttpStatusCode.OK);
        await (
            await w.Admin.PutAsJsonAsync(
                "/api/v1/inventory-settings",
                new { engineersSeeOtherVans = false, version = settings.GetProperty("version").GetInt64() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_count_is_one_per_warehouse_and_posts_its_differences_in_one_step()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Central,
                    quantity = 10,
                    unitCost = 1000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.UniversalPart,
                    warehouseId = w.Central,
                    quantity = 5,
                    unitCost = 200,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var count = await (await w.Keeper.PostAsJsonAsync("/api/v1/stock-counts", new { warehouseId = w.Central })).ExpectAsync(
            HttpStatusCode.Created
        );
        Assert.Equal(2, count.GetProperty("lines").GetInt32());
        await (await w.Keeper.PostAsJsonAsync("/api/v1/stock-counts", new { warehouseId = w.Central })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await w.Engineer.PostAsJsonAsync("/api/v1/stock-counts", new { warehouseId = w.Van })).StatusCode
        );
        await (await w.Keeper.PostAsJsonAsync($"/api/v1/stock-counts/{count.Id()}/post", new { })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(
            "lines[0].counted",
            (
                await (
                    await w.Keeper.PutAsJsonAsync(
                        $"/api/v1/stock-counts/{count.Id()}/lines",
                        new { lines = new[] { new { partId = w.FitsPart, counted = -1 } } }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var entered = await (
            await w.Keeper.PutAsJsonAsync(
                $"/api/v1/stock-counts/{count.Id()}/lines",
                new { lines = new[] { new { partId = w.FitsPart, counted = 8L }, new { partId = w.UniversalPart, counted = 6L } } }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, entered.GetProperty("differences").GetInt32());
        var posted = await (
            await w.Keeper.PostAsJsonAsync(
                $"/api/v1/stock-counts/{count.Id()}/post",
                new { version = entered.GetProperty("version").GetInt64() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("posted", posted.GetProperty("status").GetString());
        await (await w.Keeper.PostAsJsonAsync($"/api/v1/stock-counts/{count.Id()}/post", new { })).ExpectAsync(HttpStatusCode.Conflict);
        var stock = await (await w.Keeper.GetAsync($"/api/v1/warehouses/{w.Central}/stock")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            new long[] { 8, 6 }.Order(),
            stock.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("quantity").GetInt64()).Order()
        );
        await AssertBalancesMatchLedgerAsync();
        // A new count can start once the last one is posted.
        await (await w.Keeper.PostAsJsonAsync("/api/v1/stock-counts", new { warehouseId = w.Central })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Parts_cost_on_an_order_of_a_rolled_up_month_sends_that_month_back_to_live_figures()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Van,
                    quantity = 3,
                    unitCost = 10000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var order = await OrderOnSiteAsync(w);
        // A current-month order leaves the roll-up alone.
        var touches = await app.DbAsync(db => db.Set<KpiTouch>().CountAsync());
        await (
            await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = w.FitsPart, quantity = 1 })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(touches, await app.DbAsync(db => db.Set<KpiTouch>().CountAsync()));

        // The same order as if reported four months ago, a month the dashboard reads from its roll-up: the cost is
        // an update in place, which the save hook never sees, so issuing and returning each mark that month.
        var old = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddMonths(-4);
        var id = order.GetProperty("id").GetGuid();
        await app.DbAsync(db =>
            db.Set<WorkOrder>().Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.ReportedDay, WorkOrderService.Day(old)))
        );
        var month = WorkOrderService.Day(old) / 100;
        await (
            await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = w.FitsPart, quantity = 1 })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, await app.DbAsync(db => db.Set<KpiTouch>().CountAsync(t => t.Month == month)));
        await (
            await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts/returns", new { partId = w.FitsPart, quantity = 1 })
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, await app.DbAsync(db => db.Set<KpiTouch>().CountAsync(t => t.Month == month)));
        Assert.Equal(10000, await app.DbAsync(db => db.Set<WorkOrder>().Where(o => o.Id == id).Select(o => o.PartsCost).SingleAsync()));
    }

    [Fact]
    public async Task Reports_find_dead_stock_consumption_and_cost_per_customer()
    {
        using var w = await WorldAsync();
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.OtherModelPart,
                    warehouseId = w.Central,
                    quantity = 2,
                    unitCost = 90000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await PostMove(
                w.Keeper,
                new
                {
                    kind = "receive",
                    partId = w.FitsPart,
                    warehouseId = w.Van,
                    quantity = 3,
                    unitCost = 10000,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var order = await OrderOnSiteAsync(w);
        await (
            await w.Engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/parts", new { partId = w.FitsPart, quantity = 2 })
        ).ExpectAsync(HttpStatusCode.Created);
        var dead = await (await w.Keeper.GetAsync("/api/v1/reports/dead-stock?days=1&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(dead.GetProperty("items").EnumerateArray(), i => i.GetProperty("partId").GetGuid() == w.OtherModelPart);
        app.Clock.Advance(TimeSpan.FromDays(2));
        using var later = await app.AdminAsync(); // tokens from before the jump have expired
        dead = await (await later.GetAsync("/api/v1/reports/dead-stock?days=1&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(dead.GetProperty("items").EnumerateArray(), i =>
            i.GetProperty("partId").GetGuid() == w.OtherModelPart && i.GetProperty("value").GetInt64() == 180000
        );
        var consumption = await (await later.GetAsync("/api/v1/reports/parts-consumption?by=Part")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(consumption.GetProperty("series").EnumerateArray(), s =>
            s.GetProperty("key").GetString() == w.FitsPart.ToString() && s.GetProperty("totalValue").GetInt64() == 20000
        );
        var perCustomer = await (await later.GetAsync("/api/v1/reports/parts-cost-by-customer")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(perCustomer.EnumerateArray(), c =>
            c.GetProperty("customerId").GetString() == w.Customer.Id() && c.GetProperty("cost").GetInt64() == 20000
        );
    }
}

public sealed class PartsTests_Sqlite(SqliteFactory app) : PartsTests<SqliteFactory>(app);

public sealed class PartsTests_Postgres(PostgresFactory app) : PartsTests<PostgresFactory>(app);
