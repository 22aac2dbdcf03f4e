using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Equipment;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Hostile input (issue 6): script stored through the API comes back on every page that shows it as
/// text, never as markup — on the desk's pages and on the anonymous QR and tracking pages alike.
/// </summary>
public abstract class StoredScriptTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private const string Script = "<script>alert('sf')</script>";
    private const string Image = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task Script_in_names_and_descriptions_renders_as_text_on_every_page_that_shows_it()
    {
        if (app.Clock.GetUtcNow() < TimeProvider.System.GetUtcNow())
            app.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync(name: Script + "有限公司", extra: new { address = Image, tags = new[] { Script } });
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(), extra: new { siteName = Image });
        var order = await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.Id(),
                    machineId = machine.Id(),
                    contactName = Script,
                    contactPhone = "13800000000",
                    faultDescription = Image + Script,
                    category = "电气",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var part = await (
            await admin.PostAsJsonAsync(
                "/api/v1/parts",
                new
                {
                    number = "XSS-" + Guid.NewGuid().ToString("N")[..8],
                    name = Script,
                    specification = Image,
                    unit = "pcs",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var qr = await app.DbAsync(db =>
            db.Set<Machine>().Where(m => m.Id == machine.GetProperty("id").GetGuid()).Select(m => m.QrToken).SingleAsync()
        );
        var tracking = order.GetProperty("trackingToken").GetString()!;

        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await AccessTests<TApp>.SignInAsync(browser, AppFactory.AdminEmail);
        string[] pages =
        [
            $"/customers/{customer.Id()}",
            $"/equipment/{machine.Id()}",
            $"/service/{order.Id()}",
            $"/parts/{part.Id()}",
            $"/q/{qr}",
            $"/r/{tracking}",
        ];
        var shown = 0;
        foreach (var page in pages)
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Script, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Image, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("<[a-z]+[^>]*\\sonerror=alert", html);
            if (html.Contains("&lt;script&gt;", StringComparison.Ordinal) || html.Contains("&lt;img", StringComparison.Ordinal))
                shown++;
        }
        // The pages render the stored values (escaped) on the server, so the check above looked at real data.
        Assert.True(shown >= 4, $"only {shown} of {pages.Length} pages showed the stored text at all");
    }
}

public sealed class StoredScriptTests_Sqlite(SqliteFactory app) : StoredScriptTests<SqliteFactory>(app);

public sealed class StoredScriptTests_Postgres(PostgresFactory app) : StoredScriptTests<PostgresFactory>(app);
