using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Steadfast.EndToEndTests;

/// <summary>The app on real Kestrel with demo data, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steadfast-e2e", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public BrowserApp()
    {
        Directory.CreateDirectory(_dir);
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_dir, "e2e.db")}");
        builder.UseSetting("Demo:SeedIfEmpty", "true");
        builder.UseSetting("Auth:SignInPermitsPerMinute", "1000");
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's chromium (./test.sh does so when run as root)."
            );
        StartServer();
        BaseUrl = Services
            .GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            }
        );
    }

    public async Task<IPage> NewPageAsync(string locale, int width = 1366, int height = 860, Geolocation? at = null, bool phone = false)
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                Locale = locale,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                BaseURL = BaseUrl,
                Geolocation = at,
                Permissions = at is null ? [] : ["geolocation"],
                IsMobile = phone,
                HasTouch = phone,
            }
        );
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as a demo user (every demo password is the same).</summary>
    public async Task<IPage> SignedInAsync(
        string locale,
        string email = "admin@steadfast.local",
        int width = 1366,
        int height = 860,
        Geolocation? at = null
    )
    {
        var page = await NewPageAsync(locale, width, height, at, phone: width < 500);
        await SignInAsync(page, email);
        return page;
    }

    /// <summary>
    /// Signs an open page in as a demo user. It polls the address instead of waiting for the landing page's
    /// load event: on a busy machine that wait ran out after the sign-in had worked.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Steadfast1!");
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    /// <summary>Runs work against the app's database in its own scope: test set-up and checks behind the pages.</summary>
    public async Task<T> DbAsync<T>(Func<Steadfast.Platform.Data.AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Steadfast.Platform.Data.AppDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException) { }
    }

    /// <summary>A click before the Blazor circuit is up is lost: click until the page moves on.</summary>
    public static async Task ClickUntilUrlAsync(IPage page, ILocator target, Func<string, bool> arrived)
    {
        for (var attempt = 0; attempt < 20 && !arrived(page.Url); attempt++)
        {
            await target.ClickAsync();
            try
            {
                await page.WaitForURLAsync(u => arrived(u), new PageWaitForURLOptions { Timeout = 1000 });
            }
            catch (TimeoutException) { }
        }
        if (!arrived(page.Url))
            throw new TimeoutException($"Clicking never left {page.Url}");
    }

    /// <summary>A click before the Blazor circuit is up is lost: click until what it opens shows.</summary>
    public static async Task ClickUntilVisibleAsync(IPage page, ILocator target, ILocator opened)
    {
        for (var attempt = 0; attempt < 20 && !await opened.IsVisibleAsync(); attempt++)
        {
            await target.ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await Assertions.Expect(opened).ToBeVisibleAsync();
    }

    /// <summary>The QR token printed on a machine's label, as the scanner would read it.</summary>
    public async Task<string> QrTokenAsync(string serial)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Steadfast.Platform.Data.AppDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Steadfast.Customers.Equipment.Machine>().Where(m => m.SerialNumber == serial).Select(m => m.QrToken)
        );
    }

    /// <summary>An API client signed in as a demo user (the desk taking an order while a page watches).</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var token = await (
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(
                http,
                "/api/v1/auth/token",
                new { email, password = "Steadfast1!" }
            )
        ).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        return http;
    }

    /// <summary>A click on the dialog's own corner closes a lingering list; Escape could close the dialog itself.</summary>
    public static async Task CloseListsAsync(IPage page, ILocator dialog)
    {
        var box = await dialog.BoundingBoxAsync() ?? throw new InvalidOperationException("the dialog is not open");
        for (var i = 0; i < 20 && await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0; i++)
        {
            await page.Mouse.ClickAsync(box.X + 8, box.Y + 8);
            await page.WaitForTimeoutAsync(300);
        }
    }

    /// <summary>A machine with no open work order, so a QR report opens a new one rather than joining the demo history's.</summary>
    public async Task<Guid> MachineWithoutOpenOrderAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Steadfast.Platform.Data.AppDbContext>();
        var open = db.Set<Steadfast.Service.WorkOrders.WorkOrder>()
            .Where(w =>
                w.Status != Steadfast.Service.WorkOrders.WorkOrderStatus.Closed
                && w.Status != Steadfast.Service.WorkOrders.WorkOrderStatus.Cancelled
            )
            .Select(w => w.MachineId);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Set<Steadfast.Customers.Equipment.Machine>()
                .Where(m => m.Status != Steadfast.Customers.Equipment.MachineStatus.Scrapped && !open.Contains(m.Id))
                .OrderBy(m => m.SerialNumber)
                .Select(m => m.Id)
        );
    }

    /// <summary>
    /// Screenshots land in the ignored TestResults/screenshots, so a test run leaves the work tree clean;
    /// scripts/screenshots.sh copies the ones the README shows into docs/ when a page's look changed.
    /// </summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steadfast.slnx")))
            dir = dir.Parent;
        var target = Path.Combine(dir!.FullName, "TestResults", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }
}
