using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steadfast.EndToEndTests;

/// <summary>A person signs in, finds the modules, switches language, and is kept out of what is not theirs.</summary>
public sealed partial class ShellTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A click before the Blazor circuit is up is lost, so click until what it opens appears.</summary>
    private static async Task ClickUntilAsync(IPage page, string selector, string appears)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await page.ClickAsync(selector);
            try
            {
                await page.WaitForSelectorAsync(appears, new PageWaitForSelectorOptions { Timeout = 1000 });
                return;
            }
            catch (TimeoutException) { }
        }
        var shot = Path.Combine(Path.GetTempPath(), $"steadfast-e2e-{Guid.NewGuid():N}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        throw new TimeoutException($"{appears} never appeared after clicking {selector} (screenshot: {shot})");
    }

    [Fact]
    public async Task Admin_signs_in_sees_the_shell_and_switches_to_chinese_and_back()
    {
        var page = await app.NewPageAsync("en-US");
        await BrowserApp.SignInAsync(page, "admin@steadfast.local");

        await Assertions.Expect(page.GetByTestId("home-title")).ToContainTextAsync("Welcome");
        foreach (
            var module in new[]
            {
                "Customers",
                "Equipment",
                "Service",
                "Spare parts",
                "Service dashboard",
                "My tasks",
                "Automation rules",
                "Leads",
                "Pipeline",
                "Contracts",
                "Receivables",
                "Users",
                "Audit log",
            }
        )
            await Assertions.Expect(page.Locator(".mud-drawer")).ToContainTextAsync(module);
        // The menu lists installed modules only: no entries for modules still to come.
        foreach (var missing in new[] { "Insights", "Report builder" })
            await Assertions.Expect(page.Locator(".mud-drawer")).Not.ToContainTextAsync(missing);
        await page.WaitForSelectorAsync(".mud-chart");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("shell-en.png"), FullPage = true });

        await ClickUntilAsync(page, "[data-testid=language-button]", "[data-testid=lang-zh]");
        await page.ClickAsync("[data-testid=lang-zh]");
        await Assertions.Expect(page.GetByTestId("home-title")).ToContainTextAsync("欢迎");
        foreach (var module in new[] { "客户", "设备档案", "售后服务", "备件", "服务看板", "线索", "销售漏斗", "用户", "审计日志" })
            await Assertions.Expect(page.Locator(".mud-drawer")).ToContainTextAsync(module);
        await page.WaitForSelectorAsync(".mud-chart");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("shell-zh.png"), FullPage = true });

        // The choice is remembered: a new visit stays in Chinese although the browser asks for English.
        await page.GotoAsync("/settings/users");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("用户管理");
        await Assertions.Expect(page.GetByTestId("users-table")).ToContainTextAsync("admin@steadfast.local");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("users-zh.png"), FullPage = true });

        await ClickUntilAsync(page, "[data-testid=language-button]", "[data-testid=lang-en]");
        await page.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Users");
    }

    [Fact]
    public async Task Admin_creates_a_user_in_the_dialog_and_finds_it_in_the_audit_log()
    {
        var page = await app.NewPageAsync("en-US");
        await BrowserApp.SignInAsync(page, "admin@steadfast.local");
        await page.GotoAsync("/settings/users");
        await ClickUntilAsync(page, "[data-testid=user-new]", "[data-testid=user-dialog]");

        var email = $"eng.{Guid.NewGuid():N}"[..16] + "@steadfast.local";
        await page.FillAsync("input[data-testid=user-email]", email);
        await page.FillAsync("[data-testid=user-dialog] input[type=password]", "Engineer123");
        await page.FillAsync("input[data-testid=user-name-input]", "赵工程师");
        await page.ClickAsync("[data-testid=user-roles]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Field engineer')");
        // A multi-select stays open after a pick; close it before reaching for the save button underneath.
        for (var i = 0; i < 10 && await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0; i++)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForTimeoutAsync(300);
        }
        await Assertions.Expect(page.GetByTestId("user-dialog")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=user-save]");

        await Assertions.Expect(page.GetByTestId("user-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("users-table")).ToContainTextAsync("赵工程师");
        await page.GotoAsync("/settings/audit");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("赵工程师");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("audit-en.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_is_told_plainly_in_the_browsers_language()
    {
        var page = await app.NewPageAsync("zh-CN");
        await page.GotoAsync("/account/login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("login-zh.png") });
        await page.FillAsync("#email", "admin@steadfast.local");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("邮箱或密码不正确。");
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync("admin@steadfast.local");
    }

    [Fact]
    public async Task A_customer_user_cannot_open_internal_pages_and_signs_out()
    {
        var page = await app.NewPageAsync("en-US");
        await BrowserApp.SignInAsync(page, "customer@steadfast.local");
        await Assertions.Expect(page.Locator(".mud-drawer")).Not.ToContainTextAsync("Customers");
        // The portal's home links what the portal modules offer this user, nothing more.
        var welcome = page.GetByTestId("portal-welcome");
        await Assertions.Expect(welcome.Locator("a[href='/equipment']")).ToBeVisibleAsync();
        await Assertions.Expect(welcome.Locator("a[href='/service']")).ToBeVisibleAsync();
        await Assertions.Expect(welcome.Locator("a[href='/my-projects']")).ToBeVisibleAsync();
        await Assertions.Expect(welcome.Locator("a[href='/my-contracts']")).ToBeVisibleAsync();
        await Assertions.Expect(welcome.Locator("a[href='/my-maintenance']")).ToBeVisibleAsync();
        await Assertions.Expect(welcome.Locator("a")).ToHaveCountAsync(5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("portal-home-en.png"), FullPage = true });
        // Their custom projects as steps, or the empty state: the page is made for them, not the back office's board.
        await page.GotoAsync("/my-projects");
        await Assertions
            .Expect(page.Locator("[data-testid=project-progress], .sf-empty").First)
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Their signed contracts and what is due, or the empty state; the back office's contracts stay closed.
        await page.GotoAsync("/my-contracts");
        await Assertions.Expect(page.Locator("[data-testid=my-contracts], .sf-empty").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("/contracts");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GotoAsync("/projects");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GotoAsync("/settings/users");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();

        await page.GotoAsync("/");
        await ClickUntilAsync(page, "[data-testid=user-menu-button]", "[data-testid=sign-out]");
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(LoginPage());
        await page.GotoAsync("/");
        await page.WaitForURLAsync(LoginPage());
    }

    [Fact]
    public async Task The_shell_works_on_a_phone()
    {
        var page = await app.NewPageAsync("zh-CN", 390, 844);
        await BrowserApp.SignInAsync(page, "engineer@steadfast.local");
        await Assertions.Expect(page.GetByTestId("home-title")).ToContainTextAsync("欢迎");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The page scrolls sideways on a phone ({width}px).");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("home-phone-zh.png") });
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPage();
}
