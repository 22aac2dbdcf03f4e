using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Opportunities;

namespace Steadfast.EndToEndTests;

/// <summary>
/// The front half of a customer's life, in both languages: a lead arrives by the website's form with its own token, is
/// assigned by the rules, turns red when nobody called it for a day, is converted into a customer and an opportunity, and
/// the opportunity is moved to won on the board, which makes the won order.
/// </summary>
public sealed class SalesWalkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en-US", "en")]
    public async Task A_web_form_lead_is_assigned_turns_red_is_converted_and_won_on_the_board(string locale, string suffix)
    {
        var phone = $"1398{Random.Shared.Next(1_000_000, 9_999_999)}";
        var company = suffix == "zh" ? "杭州博锐精密机械有限公司" : "宁波博锐精密机械有限公司";
        var created = await PostFromWebsiteAsync(company, phone);

        var page = await app.SignedInAsync(locale, "salesmgr@steadfast.local");
        await page.GotoAsync($"/leads/{created}");
        await Assertions.Expect(page.GetByTestId("lead-assignment")).ToContainTextAsync("华东区", new() { Timeout = 30_000 });

        // Nobody calls for a day: the lead is red in the list and on its page.
        await app.DbAsync(async db =>
        {
            var lead = await db.Set<Lead>().SingleAsync(l => l.Id == created);
            lead.AssignedAtUtc = lead.AssignedAtUtc!.Value.AddHours(-25);
            lead.CreatedAtUtc = lead.CreatedAtUtc.AddHours(-25);
            return await db.SaveChangesAsync();
        });
        await page.GotoAsync("/leads?overdue=true");
        var row = page.GetByTestId("leads-table").Locator("tr", new() { HasText = company });
        await Assertions.Expect(row).ToBeVisibleAsync(Slow);
        await Assertions.Expect(row.GetByTestId("lead-red")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"leads-{suffix}.png") });

        await page.GotoAsync($"/leads/{created}");
        await Assertions.Expect(page.GetByTestId("lead-red")).ToBeVisibleAsync(Slow);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"lead-{suffix}.png") });
        await BrowserApp.ClickUntilVisibleAsync(page, page.GetByTestId("lead-convert"), page.GetByTestId("convert-dialog"));
        await page.GetByTestId("convert-ok").ClickAsync();
        await Assertions
            .Expect(page)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/opportunities/"), new() { Timeout = 30_000 });
        var opportunityId = Guid.Parse(page.Url.Split('/').Last());
        var number = await app.DbAsync(db => db.Set<Opportunity>().Where(o => o.Id == opportunityId).Select(o => o.Number).SingleAsync());

        // A quote at 15 % off waits for the sales managers; its A4 page is in Chinese with the amount in capitals.
        await page.GetByTestId("quote-new").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quote-dialog")).ToBeVisibleAsync(Slow);
        await page.GetByTestId("quote-discount").FillAsync("15");
        await page.GetByTestId("quote-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quote-dialog")).ToBeHiddenAsync();
        await page.GetByTestId("quote-submit").ClickAsync();
        await Assertions
            .Expect(page.GetByTestId("quote-row"))
            .ToContainTextAsync(suffix == "zh" ? "审批中" : "In approval", new() { Timeout = 30_000 });
        var print = await page.GetByTestId("quote-row").Locator("a[href$='/print']").GetAttributeAsync("href");
        var quotePage = await app.SignedInAsync(locale, "salesmgr@steadfast.local");
        await quotePage.GotoAsync(print!);
        await Assertions.Expect(quotePage.GetByTestId("quote-words")).ToContainTextAsync("捌拾壹万陆仟元整");
        await quotePage.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"quote-{suffix}.png"), FullPage = true }
        );

        // On the board: the card moves to won through its stage menu (the drag does the same move).
        await page.GotoAsync("/pipeline");
        var card = page.Locator($"[data-testid=deal-card][data-number='{number}']");
        await Assertions.Expect(card).ToBeVisibleAsync(Slow);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"pipeline-{suffix}.png") });
        await BrowserApp.ClickUntilVisibleAsync(page, card.GetByTestId("deal-menu"), page.GetByTestId("move-won"));
        await page.GetByTestId("move-won").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lane-won").Locator($"[data-number='{number}']")).ToBeVisibleAsync(Slow);
        var won = await app.DbAsync(db =>
            db.Set<Opportunity>().Where(o => o.Id == opportunityId).Select(o => new { o.Status, o.SalesOrderId }).SingleAsync()
        );
        Assert.Equal(StageKind.Won, won.Status);
        Assert.NotNull(won.SalesOrderId);

        // The won order becomes a custom project; its first stage passes once its deliverable is on file.
        await page.GotoAsync($"/sales-orders?q={won.SalesOrderId}");
        await BrowserApp.ClickUntilVisibleAsync(page, page.GetByTestId("order-start-project"), page.GetByTestId("project-dialog"));
        await page.GetByTestId("project-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects/"), new() { Timeout = 30_000 });
        var first = page.Locator("[data-testid=project-stage][data-current=true]");
        await Assertions.Expect(first).ToHaveAttributeAsync("data-stage", "需求确认", new() { Timeout = 30_000 });
        await first.GetByTestId("stage-complete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deliverables-missing")).ToContainTextAsync("需求确认书", new() { Timeout = 30_000 });
        await first
            .GetByTestId("deliverable")
            .First.Locator("input[type=file]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "需求确认书.pdf",
                    MimeType = "application/pdf",
                    Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
                }
            );
        await Assertions
            .Expect(first.GetByTestId("deliverable").First.Locator("a"))
            .ToContainTextAsync("需求确认书.pdf", new() { Timeout = 30_000 });
        await first.GetByTestId("stage-complete").ClickAsync();
        await Assertions
            .Expect(page.Locator("[data-testid=project-stage][data-current=true]"))
            .ToHaveAttributeAsync("data-stage", "方案设计", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"project-{suffix}.png"), FullPage = true }
        );

        // R&D publishes an ECN on a part fitted to a model in open orders: each affected customer's account manager gets a
        // confirmation task.
        var part = await app.DbAsync(db =>
            db.Set<Steadfast.Inventory.Parts.Part>()
                .Where(p =>
                    db.Set<Steadfast.Inventory.Parts.PartProduct>()
                        .Any(f =>
                            f.PartId == p.Id
                            && db.Set<Steadfast.Sales.Orders.SalesOrderLine>()
                                .Any(l =>
                                    l.ProductId == f.ProductId
                                    && db.Set<Steadfast.Sales.Orders.SalesOrder>()
                                        .Any(o => o.Id == l.SalesOrderId && o.Status == Steadfast.Sales.Orders.SalesOrderStatus.Open)
                                )
                        )
                )
                .OrderBy(p => p.Number)
                .Select(p => p.Number)
                .FirstAsync()
        );
        var rd = await app.SignedInAsync(locale, "rd@steadfast.local");
        await rd.GotoAsync("/ecn");
        await BrowserApp.ClickUntilVisibleAsync(rd, rd.GetByTestId("ecn-new"), rd.GetByTestId("ecn-dialog"));
        var ecnNumber = $"ECN-E2E-{suffix.ToUpperInvariant()}{Random.Shared.Next(1000, 9999)}";
        await rd.GetByTestId("ecn-number").FillAsync(ecnNumber);
        await rd.GetByTestId("ecn-title").FillAsync(suffix == "zh" ? "液压站油冷器加大" : "Larger hydraulic oil cooler");
        await rd.GetByTestId("ecn-parts").FillAsync(part);
        await rd.GetByTestId("ecn-save").ClickAsync();
        await Assertions.Expect(rd).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ecn/"), new() { Timeout = 30_000 });
        await rd.GetByTestId("ecn-publish").ClickAsync();
        await Assertions.Expect(rd.GetByTestId("ecn-progress")).ToBeVisibleAsync(Slow);
        await Assertions.Expect(rd.GetByTestId("ecn-confirmations").Locator("tbody tr").First).ToBeVisibleAsync(Slow);
        await Assertions.Expect(rd.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await rd.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"ecn-{suffix}.png") });
        var ecnId = Guid.Parse(rd.Url.Split('/').Last());
        var manager = await app.DbAsync(db =>
            db.Set<Steadfast.Sales.Ecn.EcnConfirmation>()
                .Where(c => c.EcnId == ecnId && c.AccountManagerId != null)
                .Join(db.Users, c => c.AccountManagerId, u => u.Id, (c, u) => u.Email)
                .FirstAsync()
        );
        var tasks = await app.SignedInAsync(locale, manager!);
        await tasks.GotoAsync($"/tasks?recordId={ecnId}");
        await Assertions.Expect(tasks.GetByText(ecnNumber).First).ToBeVisibleAsync(Slow);
    }

    /// <summary>What the website does: the sales manager issues a key of the lead-form scope; the form posts with it.</summary>
    private async Task<Guid> PostFromWebsiteAsync(string company, string phone)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var session = await http.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { email = "salesmgr@steadfast.local", password = "Steadfast1!" }
        );
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var key = await (
            await http.PostAsJsonAsync(
                "/api/v1/me/tokens",
                new
                {
                    name = "官网表单",
                    scope = "leads.intake",
                    days = 30,
                }
            )
        ).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("token").GetString());
        var response = await http.PostAsJsonAsync(
            "/api/v1/leads",
            new
            {
                companyName = company,
                contactName = "沈工",
                phone,
                province = "浙江",
                industry = "汽车零部件",
                estimatedAmount = 960_000_00,
                notes = "询价两台加工中心",
            }
        );
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
