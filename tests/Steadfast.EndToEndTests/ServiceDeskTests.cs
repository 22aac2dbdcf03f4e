using Microsoft.Playwright;

namespace Steadfast.EndToEndTests;

/// <summary>The dispatcher takes a call, opens a work order and dispatches it to an engineer.</summary>
public sealed class ServiceDeskTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("zh-CN", "zh", "售后工单", "故障类别", "联系人", "联系电话", "故障描述", "新建", "已派工")]
    [InlineData("en-US", "en", "Service work orders", "Fault category", "Contact", "Phone", "Fault", "New", "Assigned")]
    public async Task A_phone_call_becomes_a_dispatched_work_order(
        string locale,
        string suffix,
        string title,
        string category,
        string contact,
        string phone,
        string fault,
        string statusNew,
        string statusAssigned
    )
    {
        var page = await app.NewPageAsync(locale);
        await BrowserApp.SignInAsync(page, "dispatcher@steadfast.local");
        await page.GotoAsync("/service");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);

        for (var i = 0; i < 20 && !await page.GetByTestId("wo-dialog").IsVisibleAsync(); i++)
        {
            await page.ClickAsync("[data-testid=wo-new]");
            await page.WaitForTimeoutAsync(400);
        }
        await page.Locator("[data-testid=wo-dialog] input").First.FillAsync("苏州");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        // The customer's list can linger over the machine field on a busy machine and take its click.
        await BrowserApp.CloseListsAsync(page, page.GetByTestId("wo-dialog"));
        await page.ClickAsync("[data-testid=wo-machine]");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await BrowserApp.CloseListsAsync(page, page.GetByTestId("wo-dialog"));
        var exact = new PageGetByLabelOptions { Exact = true };
        await page.GetByLabel(category, exact).FillAsync("主轴");
        await page.GetByLabel(contact, exact).FillAsync("王主任");
        await page.GetByLabel(phone, exact).FillAsync("13800001111");
        await page.GetByLabel(fault, exact).FillAsync($"主轴异响，已停机 ({suffix})");
        await page.ClickAsync("[data-testid=wo-save]");
        // Polls the address rather than waiting for a load event: Blazor moves to the order in the same
        // document, and under a busy CI machine the wait for "load" missed that move (the order was open).
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/service/[0-9a-f-]{36}$"));
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(
                new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"wo-dialog-failure-{suffix}.png"), FullPage = true }
            );
            throw;
        }
        await Assertions.Expect(page.GetByTestId("wo-status")).ToHaveTextAsync(statusNew);

        await page.ClickAsync("[data-testid=wo-to-Assigned]");
        await page.ClickAsync("[data-testid=wo-assignee]");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.ClickAsync("[data-testid=wo-confirm]");
        await Assertions.Expect(page.GetByTestId("wo-status")).ToHaveTextAsync(statusAssigned);
        await Assertions.Expect(page.GetByTestId("wo-events")).ToContainTextAsync(statusAssigned);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"work-order-{suffix}.png"), FullPage = true }
        );
        await page.GotoAsync("/service");
        await Assertions.Expect(page.GetByTestId("wo-table")).ToContainTextAsync("主轴异响");
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"service-desk-{suffix}.png"), FullPage = true }
        );
    }
}
