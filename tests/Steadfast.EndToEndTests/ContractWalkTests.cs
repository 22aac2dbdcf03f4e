using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Steadfast.Sales.Contracts;
using Steadfast.Sales.Receivables;

namespace Steadfast.EndToEndTests;

/// <summary>
/// Contracts and money in both languages: a service contract is drafted for a machine, approved, signed on screen; a
/// repair on that machine shows as covered; finance records a partial receipt and sees it in the ageing.
/// </summary>
public sealed class ContractWalkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Theory]
    [InlineData("zh-CN", "zh", "履行中")]
    [InlineData("en-US", "en", "Active")]
    public async Task A_service_contract_is_signed_covers_a_repair_and_finance_records_a_partial_receipt(
        string locale,
        string suffix,
        string active
    )
    {
        var (machineId, serial, customerId, customerName) = await UncoveredMachineAsync(suffix == "zh" ? 0 : 1);
        var page = await app.SignedInAsync(locale, "admin@steadfast.local");
        await page.GotoAsync("/contracts");
        await Assertions.Expect(page.GetByTestId("contracts-table")).ToBeVisibleAsync(Slow);
        await BrowserApp.ClickUntilVisibleAsync(page, page.GetByTestId("contract-new"), page.GetByTestId("contract-dialog").Last);
        var dialog = page.GetByTestId("contract-dialog").Last;
        await PickAsync(page, page.GetByTestId("contract-customer").Last, customerName);
        await BrowserApp.CloseListsAsync(page, dialog);
        await page.GetByTestId("contract-title").Last.FillAsync($"年度维保 {serial}");
        await page.GetByTestId("contract-machines").Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = serial }).First.ClickAsync();
        await BrowserApp.CloseListsAsync(page, dialog);
        await page.GetByTestId("contract-amount").Last.FillAsync("12000");
        await page.GetByTestId("contract-plan-standard").Last.ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-sum").Last).ToContainTextAsync("12,000.00");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"contract-dialog-{suffix}.png") });
        await page.GetByTestId("contract-save").Last.ClickAsync();
        await Assertions
            .Expect(page)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/contracts/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });

        // Below the approval thresholds it is approved at once; the customer signs on screen.
        await page.GetByTestId("contract-submit").ClickAsync();
        await BrowserApp.ClickUntilVisibleAsync(page, page.GetByTestId("contract-sign"), page.GetByTestId("sign-dialog").Last);
        await page.GetByTestId("sign-name").Last.FillAsync("王总");
        var pad = page.GetByTestId("sign-pad").Last;
        await Assertions.Expect(pad).ToBeVisibleAsync(Slow);
        // Strokes drawn before the pad's script is up are lost and the signature comes back refused: draw again.
        for (var attempt = 0; attempt < 5 && await page.GetByTestId("sign-dialog").CountAsync() > 0; attempt++)
        {
            await page.WaitForTimeoutAsync(500 * (attempt + 1));
            var box = (await pad.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + 20, box.Y + box.Height / 2);
            await page.Mouse.DownAsync();
            for (var x = 20; x < box.Width - 20; x += 15)
                await page.Mouse.MoveAsync(box.X + x, box.Y + box.Height / 2 + (float)(30 * Math.Sin(x / 25.0)));
            await page.Mouse.UpAsync();
            await page.GetByTestId("sign-save").Last.ClickAsync();
            await page.WaitForTimeoutAsync(1_000);
        }
        await Assertions.Expect(page.GetByTestId("contract-status").First).ToHaveTextAsync(active, new() { Timeout = 30_000 });
        var contract = await app.DbAsync(db =>
            db.Set<Contract>()
                .Where(c => c.Machines.Any(m => m.MachineId == machineId))
                .Select(c => new
                {
                    c.Id,
                    c.Number,
                    c.Status,
                })
                .SingleAsync()
        );
        Assert.Equal(ContractStatus.Active, contract.Status);
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"contract-{suffix}.png"), FullPage = true }
        );

        // The desk takes a repair on the machine: the contract is found, and the order says who pays.
        using var desk = await app.ApiAsync("dispatcher@steadfast.local");
        var order = await (
            await desk.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId,
                    machineId,
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "液压站漏油",
                    category = "液压",
                    severity = "degraded",
                }
            )
        ).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(contract.Number, order.GetProperty("contractNumber").GetString());
        await page.GotoAsync($"/service/{order.GetProperty("id").GetString()}");
        await Assertions.Expect(page.GetByTestId("wo-contract")).ToContainTextAsync(contract.Number, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("wo-charges")).ToBeVisibleAsync(Slow);

        // Finance records half of the annual fee; the rest shows in the ageing as due.
        var finance = await app.SignedInAsync(locale, "finance@steadfast.local");
        await finance.GotoAsync("/receivables");
        await Assertions.Expect(finance.GetByTestId("ageing-table")).ToBeVisibleAsync(Slow);
        await BrowserApp.ClickUntilVisibleAsync(finance, finance.GetByTestId("receipt-new"), finance.GetByTestId("receipt-dialog").Last);
        var receipt = finance.GetByTestId("receipt-dialog").Last;
        await PickAsync(finance, finance.GetByTestId("receipt-customer").Last, customerName);
        await BrowserApp.CloseListsAsync(finance, receipt);
        await Assertions
            .Expect(finance.GetByTestId("receipt-instalments").Last)
            .ToContainTextAsync(contract.Number, new() { Timeout = 30_000 });
        await finance.GetByTestId("receipt-amount").Last.FillAsync("6000");
        await finance.GetByTestId("receipt-amount").Last.PressAsync("Tab");
        await finance.GetByTestId("receipt-save").Last.ClickAsync();
        await Assertions.Expect(receipt).ToBeHiddenAsync(new() { Timeout = 30_000 });
        var open = await app.DbAsync(db => db.Set<Instalment>().Where(i => i.ContractId == contract.Id).Select(i => i.Open).SingleAsync());
        Assert.Equal(6_000_00, open);
        await finance.GotoAsync($"/receivables?customerId={customerId}");
        await Assertions.Expect(finance.GetByTestId("ageing-table")).ToContainTextAsync(customerName, new() { Timeout = 30_000 });
        // The export is this customer's open instalments, fetched with finance's own session.
        var exportUrl = $"/api/v1/receivables/ageing/export?customerId={customerId}";
        await Assertions.Expect(finance.GetByTestId("receivables-export")).ToHaveAttributeAsync("href", exportUrl);
        var export = await finance.APIRequest.GetAsync(exportUrl);
        Assert.Equal(200, export.Status);
        Assert.StartsWith("application/vnd.openxmlformats", export.Headers["content-type"], StringComparison.Ordinal);
        await finance.GotoAsync("/receivables");
        await Assertions.Expect(finance.GetByTestId("ageing-table").Locator("tbody tr").First).ToBeVisibleAsync(Slow);
        // Loaded, not the loading row: amounts are in the table.
        await Assertions.Expect(finance.GetByTestId("ageing-table")).ToContainTextAsync("¥", new() { Timeout = 30_000 });
        await Assertions.Expect(finance.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await finance.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"receivables-{suffix}.png"), FullPage = true }
        );

        // Profitability by customer, the money-losers first; a row opens the orders behind it.
        await finance.GotoAsync("/profitability");
        var first = finance.GetByTestId("profit-table").Locator("tbody tr").First;
        await Assertions.Expect(first).ToBeVisibleAsync(Slow);
        await first.Locator("td").Nth(1).ClickAsync();
        await Assertions.Expect(finance.GetByTestId("profit-orders")).ToBeVisibleAsync(Slow);
        await finance.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"profitability-{suffix}.png"), FullPage = true }
        );
    }

    /// <summary>An active machine out of warranty, with no open order and no service contract, at a customer with none either.</summary>
    [Theory]
    [InlineData("zh-CN", "草稿")]
    [InlineData("en-US", "Draft")]
    public async Task A_won_opportunity_becomes_a_draft_contract_with_its_lines(string locale, string draft)
    {
        // An opportunity of a demo customer, won through the API as the rep's own screen would move it.
        using var api = await app.ApiAsync("admin@steadfast.local");
        var customerId = await app.DbAsync(db =>
            db.Set<Steadfast.Customers.Customers.Customer>().OrderBy(c => c.Name).Select(c => c.Id).FirstAsync()
        );
        var title = $"注塑机 250T × 2 {Guid.NewGuid():N}"[..20];
        var created = await (
            await api.PostAsJsonAsync(
                "/api/v1/opportunities",
                new
                {
                    title,
                    expectedCloseOn = DateOnly
                        .FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)
                        .AddDays(30)
                        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    customerId,
                    lines = new[]
                    {
                        new
                        {
                            description = "注塑机 250T",
                            quantity = 2,
                            unitPrice = 300_000_00,
                        },
                    },
                }
            )
        ).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var stages = await api.GetFromJsonAsync<JsonElement>("/api/v1/opportunity-stages");
        var wonStage = stages.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "won").GetProperty("id").GetString();
        (
            await api.PostAsJsonAsync(
                $"/api/v1/opportunities/{created.GetProperty("id").GetString()}/move",
                new { stageId = wonStage, version = created.GetProperty("version").GetInt64() }
            )
        ).EnsureSuccessStatusCode();
        var won = new { Id = created.GetProperty("id").GetGuid(), Title = title };
        var page = await app.SignedInAsync(locale, "admin@steadfast.local");
        await page.GotoAsync($"/opportunities/{won.Id}");
        // The click can land before the circuit is live: clicked until the contract page opens.
        for (var i = 0; i < 20 && !page.Url.Contains("/contracts/", StringComparison.Ordinal); i++)
        {
            if (await page.GetByTestId("opportunity-draft-contract").IsVisibleAsync())
                await page.GetByTestId("opportunity-draft-contract").ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await Assertions.Expect(page.GetByTestId("contract-status")).ToHaveTextAsync(draft, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("contract-heading")).ToContainTextAsync(won.Title);
        var contract = await app.DbAsync(db => db.Set<Contract>().Include(c => c.Lines).SingleAsync(c => c.OpportunityId == won.Id));
        Assert.Equal(ContractKind.Sales, contract.Kind);
        Assert.NotEmpty(contract.Lines);
        // Back on the opportunity, the contract is linked instead of drafted twice.
        await page.GotoAsync($"/opportunities/{won.Id}");
        await Assertions.Expect(page.GetByTestId("opportunity-contract")).ToHaveTextAsync(contract.Number, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("opportunity-draft-contract")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"opportunity-contract-{locale[..2]}.png") }
        );
    }

    private Task<(Guid Id, string Serial, Guid CustomerId, string CustomerName)> UncoveredMachineAsync(int skip) =>
        app.DbAsync(async db =>
        {
            var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(8));
            var withContracts = db.Set<Contract>().Select(c => c.CustomerId);
            var open = db.Set<Steadfast.Service.WorkOrders.WorkOrder>()
                .Where(w =>
                    w.Status != Steadfast.Service.WorkOrders.WorkOrderStatus.Closed
                    && w.Status != Steadfast.Service.WorkOrders.WorkOrderStatus.Cancelled
                )
                .Select(w => w.MachineId);
            var pick = await (
                from m in db.Set<Steadfast.Customers.Equipment.Machine>()
                join c in db.Set<Steadfast.Customers.Customers.Customer>() on m.CustomerId equals c.Id
                where
                    m.Status != Steadfast.Customers.Equipment.MachineStatus.Scrapped
                    && m.WarrantyEndsOn < today
                    && !open.Contains(m.Id)
                    && !withContracts.Contains(m.CustomerId)
                orderby m.SerialNumber
                select new
                {
                    m.Id,
                    m.SerialNumber,
                    m.CustomerId,
                    c.Name,
                }
            )
                .Skip(skip)
                .FirstAsync();
            return (pick.Id, pick.SerialNumber, pick.CustomerId, pick.Name);
        });

    /// <summary>Types into an autocomplete until its list offers the text (typed before the circuit is up, it is lost).</summary>
    private static async Task PickAsync(IPage page, ILocator field, string text)
    {
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First;
        for (var i = 0; i < 10 && !await option.IsVisibleAsync(); i++)
        {
            await field.FillAsync("");
            await field.PressSequentiallyAsync(text[..Math.Min(6, text.Length)]);
            try
            {
                await option.WaitForAsync(new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                // Typed too early or the list was slow: type again.
            }
        }
        await option.ClickAsync();
    }
}
