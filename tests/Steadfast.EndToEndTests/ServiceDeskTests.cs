using Microsoft.Playwright;

namespace Steadfast.EndToEndTests;

/// <summary>The dispatcher takes a call, opens a work order and dispatches it to an engineer.</summary>
public sealed class ServiceDeskTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_phone_call_becomes_a_dispatched_work_order()
    {
        var page = await app.NewPageAsync("zh-CN");
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "dispatcher@steadfast.local");
        await page.FillAsync("#password", "Steadfast1!");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync("/service");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("售后工单");

        for (var i = 0; i < 20 && !await page.GetByTestId("wo-dialog").IsVisibleAsync(); i++)
        {
            await page.ClickAsync("[data-testid=wo-new]");
            await page.WaitForTimeoutAsync(400);
        }
        await page.Locator("[data-testid=wo-dialog] input").First.FillAsync("苏州");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.WaitForTimeoutAsync(500);
        await page.ClickAsync("[data-testid=wo-machine]");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        for (var i = 0; i < 10 && await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0; i++)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForTimeoutAsync(300);
        }
        await page.GetByLabel("故障类别").FillAsync("主轴");
        await page.GetByLabel("联系人").FillAsync("王主任");
        await page.GetByLabel("联系电话").FillAsync("13800001111");
        await page.GetByLabel("故障描述").FillAsync("主轴异响，已停机");
        await page.ClickAsync("[data-testid=wo-save]");
        try { await page.WaitForURLAsync(u => u.Contains("/service/", StringComparison.Ordinal)); }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wo-dialog-failure.png"), FullPage = true });
            throw;
        }
        await Assertions.Expect(page.GetByTestId("wo-status")).ToHaveTextAsync("新建");

        await page.ClickAsync("[data-testid=wo-to-Assigned]");
        await page.ClickAsync("[data-testid=wo-assignee]");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.ClickAsync("[data-testid=wo-confirm]");
        await Assertions.Expect(page.GetByTestId("wo-status")).ToHaveTextAsync("已派工");
        await Assertions.Expect(page.GetByTestId("wo-events")).ToContainTextAsync("已派工");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("work-order-zh.png"), FullPage = true });
        await page.GotoAsync("/service");
        await Assertions.Expect(page.GetByTestId("wo-table")).ToContainTextAsync("主轴异响");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("service-desk-zh.png"), FullPage = true });
    }
}
