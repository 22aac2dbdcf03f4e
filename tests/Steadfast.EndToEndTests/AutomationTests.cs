using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Steadfast.Platform.Notifications;

namespace Steadfast.EndToEndTests;

/// <summary>
/// The operations manager's walk: the "停产 → WeCom" rule from its template, tried on the demo history in the simulator,
/// narrowed, switched on; a stopped line reported by QR reaches the (local) group robot, and the run log shows it.
/// </summary>
public sealed class AutomationTests(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    /// <summary>The editor reads record types, targets and templates before it shows: on a busy machine that outlasts 5 s.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private WebApplication? _robot;
    private string _robotName = "";
    private readonly ConcurrentBag<string> _messages = [];

    public async Task InitializeAsync()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _robot = builder.Build();
        _robot.MapPost("/send", async (HttpRequest req) =>
        {
            using var reader = new StreamReader(req.Body);
            _messages.Add(System.Text.RegularExpressions.Regex.Unescape(await reader.ReadToEndAsync()));
            return Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await _robot.StartAsync();
        await app.DbAsync(async db =>
        {
            db.Add(
                new WebhookEndpoint
                {
                    Id = Guid.NewGuid(),
                    Name = _robotName = $"服务经理群 {port}",
                    Url = $"http://127.0.0.1:{port}/send",
                    Format = WebhookFormat.WeCom,
                    Events = "Rule",
                }
            );
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync()
    {
        if (_robot is not null)
            await _robot.DisposeAsync();
    }

    /// <summary>Chooses an item of a select and checks it took: a pick while the circuit is busy can be lost.</summary>
    private static async Task PickAsync(IPage page, ILocator select, string text)
    {
        // A select shows its choice in an input, or (for some value types) as the text of a div.
        async Task<string> Shown() => ((await select.EvaluateAsync<string?>("e => e.value ?? e.innerText")) ?? "").Trim();
        var exact = new System.Text.RegularExpressions.Regex($@"^\s*{System.Text.RegularExpressions.Regex.Escape(text)}\s*$");
        for (var attempt = 0; attempt < 5 && await Shown() != text; attempt++)
        {
            await select.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = exact }).First.ClickAsync();
            for (var i = 0; i < 10 && await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0; i++)
            {
                await page.Keyboard.PressAsync("Escape");
                await page.WaitForTimeoutAsync(200);
            }
            await page.WaitForTimeoutAsync(300);
        }
        Assert.Equal(text, await Shown());
    }

    [Theory]
    [InlineData("zh-CN", "zh", "故障描述", "包含", "停产")]
    [InlineData("en-US", "en", "Fault", "contains", "Production stopped")]
    public async Task An_operations_manager_builds_simulates_and_switches_on_the_stopped_line_rule(
        string locale,
        string suffix,
        string faultField,
        string containsOp,
        string stoppedWord
    )
    {
        var marker = $"E2E{Guid.NewGuid():N}"[..9];
        var page = await app.SignedInAsync(locale, "servicemgr@steadfast.local");
        await page.GotoAsync("/automation/rules");
        await BrowserApp.ClickUntilUrlAsync(page, page.GetByTestId("template-stopped-line").Locator("a"), u =>
            u.Contains("template=stopped-line", StringComparison.Ordinal)
        );
        await Assertions.Expect(page.GetByTestId("rule-summary")).ToContainTextAsync(stoppedWord, Slow);
        await PickAsync(page, page.GetByTestId("robot-select"), _robotName);

        // Try it on the demo history first: the last 30 days' stopped lines.
        await page.GetByTestId("rule-simulate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sim-summary")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("sim-results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("rule-simulator").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"rule-simulator-{suffix}.png") });

        // Narrow it to this test's reports, switch it on, save.
        await page.GetByTestId("cond-add").ClickAsync();
        await PickAsync(page, page.GetByTestId("cond-field").Last, faultField);
        await PickAsync(page, page.GetByTestId("cond-op").Last, containsOp);
        await page.GetByTestId("cond-value").Last.FillAsync(marker);
        await page.GetByTestId("rule-name").FillAsync($"停产 → 企业微信 {marker}");
        var enabled = page.Locator("[data-testid=rule-enabled]").Locator("xpath=descendant-or-self::input[@type='checkbox']").First;
        await enabled.CheckAsync();
        try
        {
            await BrowserApp.ClickUntilUrlAsync(page, page.GetByTestId("rule-save"), u =>
                System.Text.RegularExpressions.Regex.IsMatch(u, "/automation/rules/[0-9a-f-]{36}$")
            );
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(
                new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"rule-save-failure-{suffix}.png"), FullPage = true }
            );
            var errors = await page.Locator(".mud-input-helper-text, .mud-snackbar, .sf-danger").AllInnerTextsAsync();
            throw new InvalidOperationException("The rule was not saved: " + string.Join(" | ", errors.Where(e => e.Trim().Length > 0)));
        }
        await Assertions.Expect(page.GetByTestId("rule-summary")).ToContainTextAsync(marker, Slow);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"rule-editor-{suffix}.png") });

        // A stopped line reported at the machine.
        var machine = await app.MachineWithoutOpenOrderAsync();
        var token = await app.DbAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<Steadfast.Customers.Equipment.Machine>().Where(m => m.Id == machine).Select(m => m.QrToken)
            )
        );
        var reporter = await app.NewPageAsync(locale, 390, 844);
        await reporter.GotoAsync($"/q/{token}");
        await reporter.Locator(".sf-scan-urgency input[type=radio]").First.CheckAsync();
        await reporter.FillAsync("#description", $"主轴抱死，整线停产 {marker}");
        await reporter.FillAsync("#contactName", "李班长");
        await reporter.FillAsync("#contactPhone", "13912345678");
        await reporter.ClickAsync("[data-testid=scan-submit]");
        await reporter.WaitForURLAsync(u => u.Contains("/track/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        var number = (await reporter.GetByTestId("track-number").InnerTextAsync()).Trim();

        // The robot hears of it within seconds (the outbox ticks every two).
        for (var i = 0; i < 60 && !_messages.Any(m => m.Contains(number, StringComparison.Ordinal)); i++)
            await Task.Delay(500);
        var message = Assert.Single(_messages, m => m.Contains(number, StringComparison.Ordinal));
        Assert.Contains("停产", message, StringComparison.Ordinal);

        // And the run log says what the rule saw and did.
        for (
            var i = 0;
            i < 20
                && !(
                    await page.GetByTestId("run-log").IsVisibleAsync()
                    && (await page.GetByTestId("run-log").InnerTextAsync()).Contains(number, StringComparison.Ordinal)
                );
            i++
        )
        {
            await page.GetByTestId("run-log-refresh").ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await Assertions.Expect(page.GetByTestId("run-log")).ToContainTextAsync(number);
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
        await page.GetByTestId("run-log").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"rule-run-log-{suffix}.png") });

        await page.GotoAsync("/automation/rules");
        await Assertions.Expect(page.GetByTestId("rules-table")).ToContainTextAsync(marker, Slow);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"rules-{suffix}.png"), FullPage = true });
    }

    [Theory]
    [InlineData("zh-CN", "zh", "放入角色池", "客服调度")]
    [InlineData("en-US", "en", "A role's pool", "Dispatcher")]
    public async Task A_task_made_in_the_dialog_is_taken_from_the_pool_and_done(string locale, string suffix, string toPool, string role)
    {
        var title = $"回访确认 {Guid.NewGuid():N}"[..14];
        var desk = await app.SignedInAsync(locale, "servicemgr@steadfast.local");
        await desk.GotoAsync("/tasks");
        for (var i = 0; i < 20 && !await desk.GetByTestId("task-dialog").IsVisibleAsync(); i++)
        {
            await desk.GetByTestId("task-new").ClickAsync();
            await desk.WaitForTimeoutAsync(400);
        }
        await desk.GetByTestId("task-title").FillAsync(title);
        // A click on the radio while the circuit is still wiring the dialog can be lost: click until the pool select shows.
        for (var i = 0; i < 20 && !await desk.GetByTestId("task-pool").IsVisibleAsync(); i++)
        {
            await desk.GetByText(toPool).ClickAsync();
            await desk.WaitForTimeoutAsync(400);
        }
        await PickAsync(desk, desk.GetByTestId("task-pool"), role);
        await desk.GetByTestId("task-save").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("task-dialog")).ToBeHiddenAsync();

        var dispatcher = await app.SignedInAsync(locale, "dispatcher@steadfast.local");
        await dispatcher.GotoAsync("/tasks?scope=pool");
        var row = dispatcher.GetByTestId("task-row").Filter(new() { HasText = title });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await dispatcher.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"tasks-{suffix}.png") });
        await row.GetByTestId("task-take").ClickAsync();
        // Taken: it leaves the pool and is the dispatcher's own.
        await Assertions.Expect(row).ToBeHiddenAsync();
        await dispatcher.GotoAsync("/tasks");
        row = dispatcher.GetByTestId("task-row").Filter(new() { HasText = title });
        for (var i = 0; i < 20 && !await dispatcher.GetByTestId("task-close-dialog").IsVisibleAsync(); i++)
        {
            await row.GetByTestId("task-complete").ClickAsync();
            await dispatcher.WaitForTimeoutAsync(400);
        }
        await dispatcher.GetByTestId("task-outcome").FillAsync("客户确认已恢复");
        await dispatcher.GetByTestId("task-close-save").ClickAsync();
        await Assertions.Expect(dispatcher.GetByTestId("task-close-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(dispatcher.GetByTestId("task-row").Filter(new() { HasText = title })).ToBeHiddenAsync();
    }
}
