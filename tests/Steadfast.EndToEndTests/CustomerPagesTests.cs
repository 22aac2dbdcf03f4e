using Microsoft.Playwright;
using MiniExcelLibs;

namespace Steadfast.EndToEndTests;

/// <summary>Customer 360, the machine record, QR pages and the Excel import, as people use them.</summary>
public sealed class CustomerPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("zh-CN", "zh", "客户", "联系人", "工单")]
    [InlineData("en-US", "en", "Customers", "Contacts", "Work orders")]
    public async Task Customer_360_and_the_machine_record_in_both_languages(
        string locale,
        string suffix,
        string listTitle,
        string contactsTab,
        string workOrders
    )
    {
        var page = await app.SignedInAsync(locale);
        var circuit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, ws) => ws.FrameReceived += (_, _) => circuit.TrySetResult();
        await page.GotoAsync("/customers");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(listTitle);
        // The prerendered rows are replaced when the circuit starts and loads them again: without waiting
        // for the circuit the screenshot caught the empty table in between (README showed "0-0 of 0").
        await circuit.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var table = page.GetByTestId("customers-table");
        await Assertions.Expect(table.Locator("tr.mud-table-row td[data-label]").First).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator(".mud-table-loading")).ToHaveCountAsync(0);
        await Assertions.Expect(table.Locator(".mud-table-pagination-caption").Last).Not.ToContainTextAsync("0-0");
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"customers-{suffix}.png"), FullPage = true }
        );

        // Search by a piece of the first customer's name (the trigram index): the list narrows to rows that contain it.
        var name = (await table.Locator("tr.mud-table-row td[data-label]").First.InnerTextAsync()).Split('\n')[0].Trim();
        var piece = name.Substring(2, 4);
        var caption = table.Locator(".mud-table-pagination-caption").Last;
        var unfiltered = await caption.InnerTextAsync();
        await page.Locator("input[data-testid=customer-search], [data-testid=customer-search] input").First.FillAsync(piece);
        await Assertions.Expect(caption).Not.ToHaveTextAsync(unfiltered);
        await Assertions.Expect(table.Locator(".mud-table-loading")).ToHaveCountAsync(0);
        var rows = table.Locator("tbody tr.mud-table-row");
        Assert.InRange(await rows.CountAsync(), 1, 25);
        foreach (var row in await rows.AllAsync())
            Assert.Contains(piece, await row.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"customers-search-{suffix}.png"), FullPage = true }
        );

        // The demo's first customer is the one with the most history: a strategic account with machines.
        await page.GotoAsync("/customers/00000000-0000-0000-0000-00000000c001");
        await Assertions.Expect(page.GetByTestId("customer-title")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("customer-tabs")).ToContainTextAsync(contactsTab);
        // The 360 timeline holds the customer's service beside its follow-ups: work orders, surveys, call-backs.
        var timeline = page.GetByTestId("customer-timeline");
        await Assertions.Expect(timeline.Locator("[data-kind^='workOrder.']").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"customer-360-{suffix}.png"), FullPage = true }
        );
        // Filtered by kind on the server: only work orders remain.
        await timeline.GetByTestId("timeline-kinds").Locator(".mud-chip").Filter(new() { HasText = workOrders }).ClickAsync();
        await Assertions.Expect(timeline.Locator("[data-kind]:not([data-kind^='workOrder.'])")).ToHaveCountAsync(0);
        await Assertions.Expect(timeline.Locator("[data-kind^='workOrder.']").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab).Nth(2).ClickAsync();
        var machine = page.Locator(".mud-tabs-panels tbody tr").First;
        await Assertions.Expect(machine).ToBeVisibleAsync();
        await BrowserApp.ClickUntilUrlAsync(page, machine, u => u.Contains("/equipment/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("machine-timeline")).ToBeVisibleAsync();

        // The machine file (一机一档) of a machine with a surveyed repair: its orders and the survey on one timeline, and
        // the orders again in their own tab.
        var surveyed = await app.DbAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                db.Set<Steadfast.Service.Surveys.Survey>()
                    .Where(x => x.MachineId != null)
                    .OrderByDescending(x => x.AnsweredAtUtc)
                    .Select(x => x.MachineId!.Value)
            )
        );
        await page.GotoAsync($"/equipment/{surveyed}");
        var file = page.GetByTestId("machine-timeline");
        await Assertions.Expect(file.Locator("[data-kind^='workOrder.']").First).ToBeVisibleAsync();
        await Assertions.Expect(file.Locator("[data-kind='survey']").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"machine-{suffix}.png"), FullPage = true }
        );
        await page.GetByTestId("machine-tabs").GetByRole(AriaRole.Tab).Filter(new() { HasText = workOrders }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("machine-service").Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"machine-orders-{suffix}.png"), FullPage = true }
        );
    }

    [Fact]
    public async Task A_follow_up_and_a_private_note_are_logged_on_the_customer_page()
    {
        var page = await app.SignedInAsync("zh-CN", "salesmgr@steadfast.local");
        await page.GotoAsync("/customers");
        await BrowserApp.ClickUntilUrlAsync(page, page.GetByTestId("customers-table").Locator("tbody tr").First, u =>
            u.Contains("/customers/", StringComparison.Ordinal)
        );
        for (var i = 0; i < 20 && !await page.GetByTestId("activity-dialog").IsVisibleAsync(); i++)
        {
            await page.ClickAsync("[data-testid=activity-new]");
            await page.WaitForTimeoutAsync(500);
        }
        var note = "只有我能看到的备注 " + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("[data-testid=activity-dialog] textarea", note);
        await page.ClickAsync("[data-testid=activity-private]");
        await page.ClickAsync("[data-testid=activity-save]");
        await Assertions.Expect(page.GetByTestId("activity-dialog")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Tab).Nth(3).ClickAsync();
        await Assertions.Expect(page.Locator(".sf-private").First).ToContainTextAsync(note);

        // Someone else, even an admin, opens the same customer and does not see it.
        var url = page.Url;
        var admin = await app.SignedInAsync("zh-CN");
        await admin.GotoAsync(url);
        await admin.GetByRole(AriaRole.Tab).Nth(3).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-tabs-panels")).Not.ToContainTextAsync(note);
    }

    [Fact]
    public async Task A_thousand_row_file_imports_through_the_browser_and_the_three_bad_rows_come_back()
    {
        var marker = Guid.NewGuid().ToString("N")[..5];
        var rows = Enumerable
            .Range(1, 1000)
            .Select(i => new Dictionary<string, object?>
            {
                ["客户名称"] = i == 500 ? null : $"浏览器导入{marker}-{i:0000}有限公司",
                ["客户等级"] =
                    i == 250 ? "钻石"
                    : i % 10 == 0 ? "重点"
                    : "普通",
                ["统一社会信用代码"] = i == 750 ? "91320500ABCDEFGH12" : null,
                ["省份"] = "江苏",
                ["城市"] = "苏州",
            })
            .ToList();
        var file = Path.Combine(Path.GetTempPath(), $"import-{marker}.xlsx");
        await using (var stream = File.Create(file))
            await stream.SaveAsAsync(rows);

        var page = await app.SignedInAsync("zh-CN");
        await page.GotoAsync("/imports");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Excel 导入");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        // Reading a thousand rows takes a while on a busy machine.
        await Assertions.Expect(page.Locator(".sf-mapping")).ToContainTextAsync("客户名称", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("import-zh.png"), FullPage = true });
        await page.ClickAsync("[data-testid=import-start]");
        await Assertions
            .Expect(page.GetByTestId("import-status"))
            .ToHaveTextAsync("已完成", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("import-message")).ToContainTextAsync("997");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=import-errors]"));
        var report = Path.Combine(Path.GetTempPath(), $"report-{marker}.xlsx");
        await download.SaveAsAsync(report);
        var bad = MiniExcel.Query(report, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(
            [250, 500, 750],
            bad.Select(r => Convert.ToInt32(r["行号"], System.Globalization.CultureInfo.InvariantCulture) - 1).ToArray()
        );
        Assert.Contains("统一社会信用代码", bad[2]["错误原因"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_qr_label_prints_and_the_scan_page_identifies_the_machine_on_a_phone()
    {
        var page = await app.SignedInAsync("zh-CN");
        await page.GotoAsync($"/equipment/{await app.MachineWithoutOpenOrderAsync()}");
        var serial = (await page.GetByTestId("machine-title").InnerTextAsync()).Split('·').Last().Trim();

        // An installation photo, uploaded on the machine's page.
        var photo = Path.Combine(Path.GetTempPath(), $"现场照片-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(
            photo,
            Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
        );
        // A file chosen before the page's circuit is up goes nowhere: choose it again until it lands.
        for (
            var i = 0;
            i < 10
                && !(await page.GetByTestId("machine-attachments").InnerTextAsync()).Contains(
                    Path.GetFileName(photo),
                    StringComparison.Ordinal
                );
            i++
        )
        {
            await page.GetByTestId("machine-attachments").Locator("input[type=file]").SetInputFilesAsync(photo);
            await page.WaitForTimeoutAsync(800);
        }
        await Assertions.Expect(page.GetByTestId("machine-attachments")).ToContainTextAsync(Path.GetFileName(photo));
        await page.GotoAsync(page.Url + "/label");
        await Assertions.Expect(page.GetByTestId("label")).ToContainTextAsync(serial);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("label-zh.png") });
        var scanUrl = await page.EvaluateAsync<string>(
            "() => { const svg = document.querySelector('.sf-label-qr svg'); return svg ? 'ok' : ''; }"
        );
        Assert.Equal("ok", scanUrl);

        var token = await app.QrTokenAsync(serial);
        var phone = await app.NewPageAsync("zh-CN", 390, 844);
        await phone.GotoAsync($"/q/{token}");
        await Assertions.Expect(phone.GetByTestId("scan-serial")).ToHaveTextAsync(serial);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("scan-phone-zh.png"), FullPage = true });

        // The person at the machine reports the fault and lands on a page that follows it.
        await phone.FillAsync("#description", "报警 E07，主轴停转");
        await phone.FillAsync("#contactName", "李班长");
        await phone.FillAsync("#contactPhone", "13912345678");
        await phone.ClickAsync("[data-testid=scan-submit]");
        await phone.WaitForURLAsync(u => u.Contains("/track/", StringComparison.Ordinal));
        var number = await phone.GetByTestId("track-number").InnerTextAsync();
        Assert.Matches(@"^WO-\d{6}-\d{4}$", number);
        await Assertions.Expect(phone.GetByTestId("track-status")).ToHaveTextAsync("新建");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("track-phone-zh.png"), FullPage = true });

        // A colleague scans the same machine: the report joins the open order, no duplicate.
        await phone.GotoAsync($"/q/{token}");
        await phone.FillAsync("#description", "同一台设备，再次报修");
        await phone.FillAsync("#contactName", "张工");
        await phone.FillAsync("#contactPhone", "13900000000");
        await phone.ClickAsync("[data-testid=scan-submit]");
        await Assertions.Expect(phone.GetByTestId("track-joined")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("track-number")).ToHaveTextAsync(number);
        await phone.GotoAsync("/q/this-token-does-not-exist-1234");
        await Assertions.Expect(phone.GetByTestId("scan-unknown")).ToBeVisibleAsync();
    }
}
