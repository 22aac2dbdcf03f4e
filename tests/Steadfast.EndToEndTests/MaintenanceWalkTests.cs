using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Steadfast.Service.Maintenance;
using Steadfast.Service.WorkOrders;

namespace Steadfast.EndToEndTests;

/// <summary>
/// Preventive maintenance in both languages: a due visit is proposed, the customer confirms its date in the portal, the engineer
/// answers the checklist on the phone with one value out of limits and opens the corrective order from it.
/// </summary>
public sealed class MaintenanceWalkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [Theory]
    [InlineData("zh-CN", "zh", "已确认")]
    [InlineData("en-US", "en", "Confirmed")]
    public async Task A_due_visit_is_confirmed_by_the_customer_and_a_finding_on_the_phone_opens_a_repair(
        string locale,
        string suffix,
        string confirmed
    )
    {
        using var admin = await app.ApiAsync("admin@steadfast.local");
        var code = $"E2E-{suffix}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await OkAsync(
            admin.PostAsJsonAsync(
                "/api/v1/products",
                new
                {
                    code,
                    name = "HL-200T 伺服注塑机",
                    category = "注塑机",
                    warrantyMonths = 12,
                }
            )
        );
        var productId = product.GetProperty("id").GetString();
        await OkAsync(
            admin.PutAsJsonAsync(
                $"/api/v1/maintenance/templates/{productId}",
                new
                {
                    tasks = new object[]
                    {
                        new
                        {
                            name = "月度点检",
                            everyDays = 30,
                            checklist = new object[]
                            {
                                new { text = "安全门联锁有效", kind = "passFail" },
                                new
                                {
                                    text = "液压油温",
                                    kind = "measure",
                                    unit = "℃",
                                    max = 60,
                                },
                            },
                        },
                    },
                }
            )
        );
        var customer = await OkAsync(
            admin.PostAsJsonAsync(
                "/api/v1/customers",
                new
                {
                    name = $"保养演示{suffix}{Guid.NewGuid():N}"[..14] + "有限公司",
                    province = "江苏",
                    city = "苏州",
                }
            )
        );
        var customerId = customer.GetProperty("id").GetString();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8));
        var machine = await OkAsync(
            admin.PostAsJsonAsync(
                "/api/v1/equipment",
                new
                {
                    serialNumber = code,
                    productId,
                    customerId,
                    siteName = "1号车间",
                    installedOn = today.AddDays(-29).ToString("yyyy-MM-dd"),
                }
            )
        );
        await OkAsync(admin.PostAsJsonAsync("/api/v1/maintenance/generate", new { }));
        var due = await OkAsync(admin.GetAsync($"/api/v1/maintenance/due?customerId={customerId}"));
        var orderId = due.GetProperty("items")[0].GetProperty("workOrderId").GetString()!;

        // The customer confirms the proposed date in the portal.
        var email = $"maint-{suffix}-{Guid.NewGuid():N}"[..20] + "@customer.local";
        await OkAsync(
            admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    email,
                    displayName = "李经理",
                    password = "Steadfast1!",
                    roles = new[] { "Customer" },
                    customerId,
                }
            )
        );
        var portal = await app.SignedInAsync(locale, email);
        await portal.GotoAsync("/my-maintenance");
        await Assertions.Expect(portal.GetByTestId("my-visit")).ToBeVisibleAsync(Slow);
        await portal.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"portal-maintenance-{suffix}.png") });
        for (var i = 0; i < 10 && (await portal.GetByTestId("my-visit-status").InnerTextAsync()).Trim() != confirmed; i++)
        {
            await portal.GetByTestId("my-visit-confirm").ClickAsync();
            await portal.WaitForTimeoutAsync(700);
        }
        await Assertions.Expect(portal.GetByTestId("my-visit-status")).ToHaveTextAsync(confirmed);
        Assert.Equal(
            VisitStatus.Confirmed,
            await app.DbAsync(db => db.Set<MaintenanceVisit>().Where(v => v.Id == Guid.Parse(orderId)).Select(v => v.Status).SingleAsync())
        );

        // The engineer goes; on site the phone shows the checklist.
        var engineerId = await app.DbAsync(db =>
            db.Users.Where(u => u.Email == "engineer@steadfast.local").Select(u => u.Id).SingleAsync()
        );
        await OkAsync(
            admin.PostAsJsonAsync($"/api/v1/work-orders/{orderId}/transitions", new { to = "assigned", assigneeId = engineerId })
        );
        using var engineerApi = await app.ApiAsync("engineer@steadfast.local");
        foreach (var to in new[] { "accepted", "enRoute" })
            await OkAsync(engineerApi.PostAsJsonAsync($"/api/v1/work-orders/{orderId}/transitions", new { to }));
        await OkAsync(engineerApi.PostAsJsonAsync($"/api/v1/work-orders/{orderId}/check-ins", new { }));

        var phone = await app.SignedInAsync(locale, "engineer@steadfast.local", 390, 844);
        await phone.GotoAsync($"/m/orders/{orderId}");
        await Assertions.Expect(phone.GetByTestId("checklist")).ToBeVisibleAsync(Slow);
        await BrowserApp.ClickUntilVisibleAsync(phone, phone.GetByTestId("check-pass").First, phone.Locator(".sf-check-ok").First);
        var value = phone.GetByTestId("check-value").First;
        for (var i = 0; i < 10 && await phone.GetByTestId("check-finding").CountAsync() == 0; i++)
        {
            await value.FillAsync("75");
            await value.PressAsync("Tab");
            await phone.GetByTestId("check-save").First.ClickAsync();
            await phone.WaitForTimeoutAsync(700);
        }
        await Assertions.Expect(phone.GetByTestId("check-finding")).ToBeVisibleAsync(Slow);
        await BrowserApp.ClickUntilVisibleAsync(phone, phone.GetByTestId("check-open-corrective"), phone.GetByTestId("check-corrective"));
        await phone.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"phone-checklist-{suffix}.png"), FullPage = true }
        );

        var repair = await app.DbAsync(db =>
            db.Set<WorkOrder>()
                .Where(w => w.MachineId == Guid.Parse(machine.GetProperty("id").GetString()!) && w.Source == WorkOrderSource.Inspection)
                .Select(w => new { w.Type, w.FaultDescription })
                .SingleAsync()
        );
        Assert.Equal(WorkOrderType.Repair, repair.Type);
        Assert.Contains("75", repair.FaultDescription, StringComparison.Ordinal);
        await Assertions.Expect(phone.GetByTestId("checklist-left")).ToHaveCountAsync(0);

        // The back office's views: the machine's plan, the most replaced part's life, a worn machine's health report.
        var desk = await app.SignedInAsync(locale, "servicemgr@steadfast.local");
        await desk.GotoAsync($"/equipment/{machine.GetProperty("id").GetString()}");
        await BrowserApp.ClickUntilVisibleAsync(
            desk,
            desk.GetByText(suffix == "zh" ? "保养计划" : "Maintenance plan", new() { Exact = true }).First,
            desk.GetByTestId("plan-tasks")
        );
        await Assertions.Expect(desk.GetByTestId("machine-health")).ToBeVisibleAsync(Slow);
        await desk.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"maintenance-plan-{suffix}.png"), FullPage = true }
        );
        var part = await app.DbAsync(db =>
            db.Set<PartFitting>()
                .Where(f => f.ReplacedLifeDays != null)
                .GroupBy(f => f.PartId)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstAsync()
        );
        await desk.GotoAsync($"/service/maintenance/parts/{part}");
        await Assertions.Expect(desk.GetByTestId("life-median")).ToBeVisibleAsync(Slow);
        await desk.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"part-life-{suffix}.png"), FullPage = true }
        );
        var worn = await app.DbAsync(db =>
            db.Set<PartFitting>()
                .Where(f => f.RemovedOn == null && f.ExpectedEndOn < today)
                .OrderBy(f => f.ExpectedEndOn)
                .Select(f => f.MachineId)
                .FirstAsync()
        );
        await desk.GotoAsync($"/health/machines/{worn}");
        await Assertions.Expect(desk.GetByTestId("health-score")).ToBeVisibleAsync(Slow);
        await desk.ScreenshotAsync(
            new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"health-report-{suffix}.png"), FullPage = true }
        );
        await desk.GotoAsync("/service/maintenance");
        await Assertions.Expect(desk.GetByTestId("maintenance-due")).ToBeVisibleAsync(Slow);
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"maintenance-{suffix}.png") });
    }
}
