using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Steadfast.Customers.Equipment;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Service.WorkOrders;

namespace Steadfast.EndToEndTests;

/// <summary>
/// Spare parts in Chromium: on a phone, the engineer asks for an expensive part for his order; the service
/// manager approves it on the desk; the engineer confirms receipt into his van, fits the part to the
/// machine and sees its cost on the order; the desk sees the same cost, and the machine's timeline the part.
/// </summary>
public sealed class PartsWalkthroughTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// A machine with no open order whose model has a part worth more than the approval limit, in stock at the head office.
    /// </summary>
    private Task<(Guid Machine, string PartNumber, Guid PartId)> MachineAndPartAsync() =>
        app.DbAsync(async db =>
        {
            var head = await db.Set<Warehouse>().Where(w => w.Code == "WH-SH").Select(w => w.Id).SingleAsync();
            var open = db.Set<WorkOrder>()
                .Where(w => w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled)
                .Select(w => w.MachineId);
            var pick = await (
                from pp in db.Set<PartProduct>()
                join p in db.Set<Part>() on pp.PartId equals p.Id
                join b in db.Set<StockBalance>() on p.Id equals b.PartId
                join m in db.Set<Machine>() on pp.ProductId equals m.ProductId
                where
                    b.WarehouseId == head
                    && b.Quantity >= 2
                    && p.UnitCost > 3000_00
                    && p.IsActive
                    && m.Status != MachineStatus.Scrapped
                    && !open.Contains(m.Id)
                orderby p.Number, m.SerialNumber
                select new
                {
                    Machine = m.Id,
                    p.Number,
                    p.Id,
                }
            ).FirstAsync();
            return (pick.Machine, pick.Number, pick.Id);
        });

    /// <summary>Blazor drops a click that lands before the circuit is up: click until something appears.</summary>
    private static async Task ClickUntilVisibleAsync(IPage page, ILocator button, ILocator appears)
    {
        for (var i = 0; i < 20 && !await appears.IsVisibleAsync(); i++)
        {
            if (await button.IsVisibleAsync())
                await button.ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await Assertions.Expect(appears).ToBeVisibleAsync();
    }

    private static Task<byte[]> Shot(IPage page, string name, bool full = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath(name), FullPage = full });

    [Theory]
    [InlineData("zh-CN", "zh", "已发出", "已签收")]
    [InlineData("en-US", "en", "Sent", "Received")]
    public async Task An_engineer_requests_a_part_the_manager_approves_and_it_lands_on_the_order_at_cost(
        string locale,
        string suffix,
        string sent,
        string received
    )
    {
        var (machineId, partNumber, partId) = await MachineAndPartAsync();
        var machine = await app.DbAsync(db =>
            db.Set<Machine>().Where(m => m.Id == machineId).Select(m => new { m.Id, m.CustomerId }).SingleAsync()
        );
        var engineerId = await app.DbAsync(db =>
            db.Users.Where(u => u.Email == "engineer@steadfast.local").Select(u => u.Id).SingleAsync()
        );
        using var desk = await app.ApiAsync("dispatcher@steadfast.local");
        var order = await (
            await desk.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = machine.CustomerId,
                    machineId = machine.Id,
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "伺服报警，需更换模块",
                    category = "电气",
                    severity = "degraded",
                }
            )
        ).Content.ReadFromJsonAsync<JsonElement>();
        var orderId = order.GetProperty("id").GetString();
        (
            await desk.PostAsJsonAsync($"/api/v1/work-orders/{orderId}/transitions", new { to = "assigned", assigneeId = engineerId })
        ).EnsureSuccessStatusCode();
        using var engineerApi = await app.ApiAsync("engineer@steadfast.local");
        (
            await engineerApi.PostAsJsonAsync($"/api/v1/work-orders/{orderId}/transitions", new { to = "accepted" })
        ).EnsureSuccessStatusCode();

        // 1. On the phone: ask for the part for this order.
        var phone = await app.SignedInAsync(locale, "engineer@steadfast.local", 390, 844);
        await phone.GotoAsync($"/m/orders/{orderId}");
        await ClickUntilVisibleAsync(phone, phone.GetByTestId("order-parts-request"), phone.GetByTestId("request-dialog"));
        await phone.GetByTestId("part-picker").FillAsync(partNumber);
        await phone.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = partNumber }).First.ClickAsync();
        await phone.GetByTestId("req-save").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("request-dialog")).ToBeHiddenAsync();
        var request = await app.DbAsync(db =>
            db.Set<Steadfast.Inventory.Requests.PartRequest>()
                .Where(r => r.WorkOrderId == Guid.Parse(orderId!))
                .Select(r => new
                {
                    r.Id,
                    r.Number,
                    r.Status,
                    r.ApprovalReasons,
                })
                .SingleAsync()
        );
        Assert.Equal(Steadfast.Inventory.Requests.RequestStatus.Pending, request.Status);
        Assert.Equal("approval", request.ApprovalReasons); // the shipped process: over ¥2,000 waits for the service manager

        // 2. On the desk: the service manager approves it.
        var manager = await app.SignedInAsync(locale, "servicemgr@steadfast.local");
        await manager.GotoAsync("/parts/requests");
        var row = manager.GetByTestId("requests").Locator("tr", new LocatorLocatorOptions { HasTextString = request.Number });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Shot(manager, $"parts-requests-{suffix}.png");
        for (var i = 0; i < 20 && await row.GetByTestId("req-approve").IsVisibleAsync(); i++)
        {
            await row.GetByTestId("req-approve").ClickAsync();
            await manager.WaitForTimeoutAsync(500);
        }
        // it left the pending list
        await Assertions.Expect(manager.Locator("tr", new PageLocatorOptions { HasTextString = request.Number })).ToBeHiddenAsync();
        // The approval's link opens this one request, now sent.
        await manager.GotoAsync($"/parts/requests?id={request.Id}");
        await Assertions
            .Expect(manager.GetByTestId("requests").Locator("tr", new() { HasTextString = request.Number }))
            .ToContainTextAsync(sent);

        // 3. Back on the phone: the parts arrive in the van; then they go into the machine.
        await phone.ReloadAsync();
        var mine = phone.GetByTestId("my-requests");
        await Assertions.Expect(mine.GetByTestId("my-request-status").First).ToHaveTextAsync(sent);
        await ClickUntilVisibleAsync(
            phone,
            mine.GetByTestId("my-request-receive"),
            mine.GetByTestId("my-request-status").GetByText(received)
        );
        await ClickUntilVisibleAsync(phone, phone.GetByTestId("order-parts-use"), phone.GetByTestId("use-part-dialog"));
        await phone.GetByTestId("use-part-search").FillAsync(partNumber);
        await phone.GetByTestId("use-part-option").Filter(new LocatorFilterOptions { HasTextString = partNumber }).First.ClickAsync();
        await phone.GetByTestId("use-part-save").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("order-part-line")).ToHaveCountAsync(1);
        var cost = await app.DbAsync(db =>
            db.Set<StockMovement>()
                .Where(m => m.WorkOrderId == Guid.Parse(orderId!) && m.Kind == MovementKind.Issue)
                .Select(m => -m.Value)
                .SingleAsync()
        );
        var yuan = Steadfast.Platform.Ui.Money.Yuan(cost);
        await Assertions.Expect(phone.GetByTestId("order-parts-total")).ToContainTextAsync(yuan);
        await phone.GetByTestId("order-parts").ScrollIntoViewIfNeededAsync();
        await Shot(phone, $"phone-parts-{suffix}.png", full: false);
        Assert.Equal(
            cost,
            await app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.Id == Guid.Parse(orderId!)).Select(w => w.PartsCost).SingleAsync())
        );

        // 4. The desk sees the cost on the order; the machine's file shows the part fitted.
        await manager.GotoAsync($"/service/{orderId}");
        await Assertions.Expect(manager.GetByTestId("order-parts-total")).ToContainTextAsync(yuan);
        await manager.GotoAsync($"/equipment/{machineId}");
        await Assertions.Expect(manager.GetByTestId("machine-timeline")).ToContainTextAsync(partNumber);

        // The van page lists what is left, and the part's page shows where it went.
        await phone.GotoAsync("/m/parts");
        await Assertions.Expect(phone.GetByTestId("van-line").First).ToBeVisibleAsync();
        await Shot(phone, $"phone-van-{suffix}.png", full: false);
        await manager.GotoAsync($"/parts/{partId}");
        await Assertions.Expect(manager.GetByTestId("ledger")).ToContainTextAsync(order.GetProperty("number").GetString()!);
        await Shot(manager, $"part-{suffix}.png");
        await phone.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en-US", "en")]
    public async Task The_warehouse_sees_stock_reports_and_counts(string locale, string suffix)
    {
        var page = await app.SignedInAsync(locale, "warehouse@steadfast.local");
        await page.GotoAsync("/parts");
        await Assertions.Expect(page.GetByTestId("parts-table").Locator("tbody tr").First).ToContainTextAsync("SP-");
        await Shot(page, $"parts-{suffix}.png");
        await page.GotoAsync("/stock");
        await Assertions.Expect(page.GetByTestId("wh-card")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("stock-table").Locator("tbody tr").First).ToContainTextAsync("SP-");
        await Shot(page, $"stock-{suffix}.png");
        await page.GotoAsync("/parts/reports");
        await Assertions.Expect(page.GetByTestId("consumption-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dead-stock").Locator("tbody tr").First).ToContainTextAsync("SP-");
        await Shot(page, $"parts-reports-{suffix}.png");

        // A stock count of a van: a difference entered on the list is posted as an adjustment.
        await page.GotoAsync("/stock/counts");
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await ClickUntilVisibleAsync(page, page.GetByTestId("count-warehouse"), options.First);
        await options.Nth(4).ClickAsync(); // a van: the central warehouses come first
        await BrowserApp.ClickUntilUrlAsync(page, page.GetByTestId("count-new"), u =>
            u.Contains("/stock/counts/", StringComparison.Ordinal)
        );
        var first = page.GetByTestId("count-input").First;
        await first.FillAsync("0");
        await first.PressAsync("Tab");
        await Shot(page, $"stock-count-{suffix}.png", full: false);
        await page.GetByTestId("count-post").ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-input")).ToHaveCountAsync(0);
        var adjusted = await app.DbAsync(db => db.Set<StockMovement>().CountAsync(m => m.Kind == MovementKind.Adjust && m.CountId != null));
        Assert.True(adjusted >= 1);
        await page.Context.CloseAsync();
    }
}
