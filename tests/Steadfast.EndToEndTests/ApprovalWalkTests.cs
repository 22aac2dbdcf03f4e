using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Steadfast.Platform.Notifications;

namespace Steadfast.EndToEndTests;

/// <summary>
/// A strategic customer's credit terms, in both languages: the sales manager approves on the approvals page, finance
/// approves from the mail's signed link on a phone without signing in, and the process monitor shows where approvals
/// wait, the bottleneck step marked.
/// </summary>
public sealed class ApprovalWalkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Theory]
    [InlineData("zh-CN", "zh", "财务会签")]
    [InlineData("en-US", "en", "财务会签")]
    public async Task The_manager_approves_on_the_page_finance_from_the_link_and_the_monitor_shows_the_bottleneck(
        string locale,
        string suffix,
        string financeStep
    )
    {
        var page = await app.SignedInAsync(locale, "salesmgr@steadfast.local");
        await page.GotoAsync("/approvals");
        var row = page.GetByTestId("approval-row").First;
        await Assertions.Expect(row).ToBeVisibleAsync(Slow);
        var title = (await row.Locator("strong").InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"approvals-{suffix}.png") });
        for (var i = 0; i < 20 && !await page.GetByTestId("approval-dialog").IsVisibleAsync(); i++)
        {
            await row.ClickAsync();
            await page.WaitForTimeoutAsync(400);
        }
        await Assertions.Expect(page.GetByTestId("approval-approve")).ToBeVisibleAsync(Slow);
        await page.GetByTestId("approval-comment").FillAsync("账期 60 天可以，请财务确认额度");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"approval-dialog-{suffix}.png") });
        await page.GetByTestId("approval-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("approval-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("approval-row").Filter(new() { HasText = title })).ToBeHiddenAsync();

        // Finance's mail carries a signed link: decided on a phone, no sign-in.
        var link = await app.DbAsync(async db =>
        {
            var finance = await db.Users.Where(u => u.Email == "finance@steadfast.local").Select(u => u.Id).SingleAsync();
            return await db.Set<Notification>()
                .Where(n => n.UserId == finance && n.Kind == "Approval")
                .OrderByDescending(n => n.CreatedAtUtc)
                .Select(n => n.Link)
                .FirstAsync();
        });
        var phone = await app.NewPageAsync(locale, 390, 844, phone: true);
        await phone.GotoAsync(link);
        await Assertions.Expect(phone.GetByTestId("approval-link")).ToContainTextAsync(title);
        await Assertions.Expect(phone.GetByTestId("approval-link")).ToContainTextAsync(financeStep);
        await phone.GetByTestId("link-comment").FillAsync("额度内，同意");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"approval-link-{suffix}.png") });
        await phone.GetByTestId("link-approve").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("link-done")).ToBeVisibleAsync(Slow);
        // Spent: the same link opens to say so.
        await phone.GotoAsync(link);
        await Assertions.Expect(phone.GetByTestId("link-problem")).ToBeVisibleAsync();

        // The monitor: finance's all-of step is the slow one; a click lists who waits there.
        var manager = await app.SignedInAsync(locale, "servicemgr@steadfast.local");
        await manager.GotoAsync("/automation/monitor");
        var bottleneck = manager.GetByTestId("monitor-step").Filter(new() { Has = manager.GetByTestId("monitor-bottleneck") });
        await Assertions.Expect(bottleneck).ToContainTextAsync(financeStep, new() { Timeout = 30_000 });
        for (var i = 0; i < 20 && !await manager.GetByTestId("monitor-drill").IsVisibleAsync(); i++)
        {
            await bottleneck.ClickAsync();
            await manager.WaitForTimeoutAsync(400);
        }
        await Assertions.Expect(manager.GetByTestId("monitor-drill").GetByTestId("approval-row").First).ToBeVisibleAsync();
        await manager.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"process-monitor-{suffix}.png"), FullPage = true }
        );

        await manager.GotoAsync("/automation/approvals");
        await Assertions.Expect(manager.GetByTestId("process-list")).ToContainTextAsync("备件申领审批", new() { Timeout = 30_000 });
        await manager.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"processes-{suffix}.png") });
        await BrowserApp.ClickUntilUrlAsync(
            manager,
            manager.GetByTestId("process-row").Filter(new() { HasText = "战略客户账期审批" }).Locator("a").First,
            u => u.Contains("/automation/approvals/", StringComparison.Ordinal)
        );
        await Assertions.Expect(manager.GetByTestId("process-summary")).ToContainTextAsync(financeStep, new() { Timeout = 30_000 });
        await manager.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"process-editor-{suffix}.png"), FullPage = true }
        );
    }
}
