using Microsoft.Playwright;

namespace Steadfast.EndToEndTests;

/// <summary>Every admin and service set-up page opens in both languages, shows its title, and raises no Blazor error.</summary>
public sealed class SettingsPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("zh-CN", "/settings/teams", "团队与区域", "teams")]
    [InlineData("zh-CN", "/settings/company", "公司与日历", "company")]
    [InlineData("zh-CN", "/settings/custom-fields", "自定义字段", "custom-fields")]
    [InlineData("zh-CN", "/settings/audit", "审计日志", "audit")]
    [InlineData("zh-CN", "/settings/tokens", "API 令牌", "tokens")]
    [InlineData("en-US", "/settings/teams", "Teams & regions", "teams")]
    [InlineData("en-US", "/settings/company", "Company & calendar", "company")]
    [InlineData("en-US", "/settings/custom-fields", "Custom fields", "custom-fields")]
    [InlineData("en-US", "/settings/tokens", "API tokens", "tokens")]
    [InlineData("zh-CN", "/settings/notifications", "通知渠道", "notification-settings")]
    [InlineData("en-US", "/settings/notifications", "Notification channels", "notification-settings")]
    [InlineData("zh-CN", "/service/sla", "时效策略", "sla-policies")]
    [InlineData("en-US", "/service/sla", "SLA policies", "sla-policies")]
    [InlineData("zh-CN", "/service/engineers", "工程师", "engineers")]
    [InlineData("en-US", "/service/engineers", "Engineers", "engineers")]
    [InlineData("zh-CN", "/service/callbacks", "回访任务", "callbacks")]
    [InlineData("en-US", "/service/callbacks", "Call-backs", "callbacks")]
    [InlineData("zh-CN", "/notifications", "通知", "notifications")]
    public async Task Page_opens_in_the_language_of_the_browser(string locale, string path, string title, string name)
    {
        var page = await app.NewPageAsync(locale);
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                errors.Add(m.Text);
        };
        await BrowserApp.SignInAsync(page, "admin@steadfast.local");

        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Empty(errors);
        var suffix = locale.StartsWith("zh", StringComparison.Ordinal) ? "zh" : "en";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"{name}-{suffix}.png"), FullPage = true });
    }
}
