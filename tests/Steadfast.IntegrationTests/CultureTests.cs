using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public sealed class CultureTests(SqliteFactory app) : IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "登录", "zh-CN")]
    [InlineData("zh-TW", "登录", "zh-CN")]
    [InlineData("en-US,en;q=0.9", "Sign in", "en")]
    [InlineData("de-DE", "Sign in", "en")]
    public async Task Sign_in_page_speaks_the_browsers_language(string acceptLanguage, string expected, string lang)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_language_is_remembered_over_the_browsers()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var set = await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        Assert.Contains("登录", await client.GetStringAsync("/account/login"), StringComparison.Ordinal);

        var offsite = await client.GetAsync("/culture/set?culture=en&redirectUri=https%3A%2F%2Fevil.example");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_users_saved_language_follows_them_to_a_new_browser()
    {
        if (app.Clock.GetUtcNow() < TimeProvider.System.GetUtcNow())
            app.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        var user = await app.CreateAsync("Dispatcher");
        using (var admin = await app.AdminAsync())
            await (
                await admin.PutAsJsonAsync($"/api/v1/users/{user.GetProperty("id").GetString()}", new { culture = "zh-CN", version = 1 })
            ).ExpectAsync(HttpStatusCode.OK);

        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        await AccessTests<SqliteFactory>.SignInAsync(browser, user.GetProperty("email").GetString()!);
        Assert.Contains("<html lang=\"zh-CN\"", await browser.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
