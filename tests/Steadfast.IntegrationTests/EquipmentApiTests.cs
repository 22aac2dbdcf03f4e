using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public abstract class EquipmentApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_machine_gets_its_warranty_from_installation_and_the_model()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync(warrantyMonths: 18);
        var m = await admin.MachineAsync(await admin.CustomerAsync(), product, new { installedOn = "2025-03-05" });
        Assert.Equal("2026-09-05", m.GetProperty("warrantyEndsOn").GetString());
        Assert.True(m.GetProperty("inWarranty").GetBoolean()); // the test clock is 2026-03-02

        var extended = await admin.MachineAsync(
            await admin.CustomerAsync(),
            product,
            new { installedOn = "2025-03-05", warrantyEndsOn = "2028-03-05" }
        );
        Assert.Equal("2028-03-05", extended.GetProperty("warrantyEndsOn").GetString());
    }

    [Fact]
    public async Task Serial_numbers_are_unique_per_model_and_dates_are_checked()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var (p1, p2) = (await admin.ProductAsync(), await admin.ProductAsync());
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..8];
        await admin.MachineAsync(customer, p1, new { serialNumber = serial });
        var dup = await (
            await admin.PostAsJsonAsync(
                "/api/v1/equipment",
                new
                {
                    serialNumber = serial.ToLowerInvariant(),
                    productId = p1.GetProperty("id").GetGuid(),
                    customerId = customer.GetProperty("id").GetGuid(),
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["serialNumber"], dup.ErrorFields());
        await admin.MachineAsync(customer, p2, new { serialNumber = serial });

        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/equipment",
                new
                {
                    serialNumber = "X-" + Guid.NewGuid().ToString("N")[..6],
                    productId = Guid.NewGuid(),
                    customerId = Guid.NewGuid(),
                    installedOn = "2025-05-01",
                    commissionedOn = "2025-04-01",
                    latitude = 95.0,
                    longitude = 10.0,
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Superset(new HashSet<string> { "productId", "customerId", "commissionedOn", "latitude" }, bad.ErrorFields().ToHashSet());
    }

    [Fact]
    public async Task Readings_never_go_backwards_unless_the_meter_was_replaced()
    {
        using var admin = await app.AdminAsync();
        var m = await admin.MachineAsync(await admin.CustomerAsync(), await admin.ProductAsync());
        await (await admin.PostAsJsonAsync($"/api/v1/equipment/{m.Id()}/readings", new { hours = 1200.5 })).ExpectAsync(
            HttpStatusCode.Created
        );
        app.Clock.Advance(TimeSpan.FromHours(1));
        var lower = await (await admin.PostAsJsonAsync($"/api/v1/equipment/{m.Id()}/readings", new { hours = 900 })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["hours"], lower.ErrorFields());
        await (await admin.PostAsJsonAsync($"/api/v1/equipment/{m.Id()}/readings", new { hours = -1 })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        await (
            await admin.PostAsJsonAsync($"/api/v1/equipment/{m.Id()}/readings", new { hours = 15, isMeterReplacement = true })
        ).ExpectAsync(HttpStatusCode.Created);

        var machine = await (await admin.GetAsync($"/api/v1/equipment/{m.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(15, machine.GetProperty("lastReadingHours").GetDouble());
        var timeline = await (await admin.GetAsync($"/api/v1/equipment/{m.Id()}/timeline")).ExpectAsync(HttpStatusCode.OK);
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("reading.meterReplaced", kinds);
        Assert.Contains("reading", kinds);
        Assert.Contains("lifecycle.installed", kinds);
    }

    [Fact]
    public async Task The_qr_token_identifies_a_machine_without_an_account_and_a_wrong_one_reveals_nothing()
    {
        using var admin = await app.AdminAsync();
        var m = await admin.MachineAsync(await admin.CustomerAsync("扫码客户有限公司"), await admin.ProductAsync());
        var token = await app.DbAsync(async db =>
            (await db.Set<Steadfast.Customers.Equipment.Machine>().FindAsync(m.GetProperty("id").GetGuid()))!.QrToken
        );
        Assert.True(token.Length >= 20);

        using var anon = app.CreateClient();
        var found = await (await anon.GetAsync($"/api/v1/public/equipment/{token}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(m.GetProperty("serialNumber").GetString(), found.GetProperty("serialNumber").GetString());
        Assert.False(found.TryGetProperty("id", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/public/equipment/{token[..^1]}x")).StatusCode);

        var page = await anon.GetAsync($"/q/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(m.GetProperty("serialNumber").GetString()!, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await anon.GetAsync("/q/not-a-real-token-at-all-xyz");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.DoesNotContain("扫码客户", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("scan-unknown", unknownHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_user_sees_only_its_own_machines()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var mine = await admin.CustomerAsync();
        var myMachine = await admin.MachineAsync(mine, product);
        var other = await admin.MachineAsync(await admin.CustomerAsync(), product);
        var user = await app.CreateAsync("Customer", extra: new { customerId = mine.GetProperty("id").GetGuid() });
        using var client = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        var list = await (await client.GetAsync("/api/v1/equipment")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(myMachine.Id(), Assert.Single(list.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/equipment/{other.Id()}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync($"/api/v1/equipment/{myMachine.Id()}/readings", new { hours = 5 })).StatusCode
        );
    }

    [Fact]
    public async Task Attachments_are_checked_by_their_bytes_and_size_and_follow_the_machines_visibility()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var m = await admin.MachineAsync(customer, await admin.ProductAsync());
        async Task<HttpResponseMessage> Upload(HttpClient client, byte[] bytes, string name, string kind)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(bytes), "file", name },
                { new StringContent(kind), "kind" },
            };
            return await client.PostAsync($"/api/v1/equipment/{m.Id()}/attachments", form);
        }
        byte[] pdf = [.. "%PDF-1.4\n%安装报告\n"u8.ToArray(), .. new byte[100]];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        var report = await (await Upload(admin, pdf, "安装报告.pdf", "InstallationReport")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("application/pdf", report.GetProperty("contentType").GetString());
        await (await Upload(admin, png, "现场.png", "Photo")).ExpectAsync(HttpStatusCode.Created);

        var exe = await (await Upload(admin, "MZ\u0090\0 not a picture"u8.ToArray(), "photo.jpg", "Photo")).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["file"], exe.ErrorFields());
        await (await Upload(admin, pdf, "report.pdf", "Photo")).ExpectAsync(HttpStatusCode.BadRequest);
        var big = new byte[10 * 1024 * 1024 + 1];
        big[0] = 0xFF;
        big[1] = 0xD8;
        big[2] = 0xFF;
        Assert.Contains(
            (await Upload(admin, big, "huge.jpg", "Photo")).StatusCode,
            new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge }
        );

        var list = await (await admin.GetAsync($"/api/v1/equipment/{m.Id()}/attachments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetArrayLength());
        var download = await admin.GetAsync($"/api/v1/equipment/{m.Id()}/attachments/{report.Id()}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        var stranger = await app.CreateAsync(
            "Customer",
            extra: new { customerId = (await admin.CustomerAsync()).GetProperty("id").GetGuid() }
        );
        using var strangerClient = await app.ClientForAsync(stranger.GetProperty("email").GetString()!);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await strangerClient.GetAsync($"/api/v1/equipment/{m.Id()}/attachments/{report.Id()}")).StatusCode
        );
        var owner = await app.CreateAsync("Customer", extra: new { customerId = customer.GetProperty("id").GetGuid() });
        using var ownerClient = await app.ClientForAsync(owner.GetProperty("email").GetString()!);
        await (await ownerClient.GetAsync($"/api/v1/equipment/{m.Id()}/attachments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(ownerClient, png, "x.png", "Photo")).StatusCode);
    }

    [Fact]
    public async Task Machine_product_dealer_and_user_lists_export_to_excel()
    {
        using var admin = await app.AdminAsync();
        var product = await admin.ProductAsync();
        var m = await admin.MachineAsync(await admin.CustomerAsync(), product);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        static List<IDictionary<string, object>> Rows(byte[] bytes) =>
            [.. MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>()];
        var machines = Rows(await admin.GetByteArrayAsync($"/api/v1/equipment/export?q={m.GetProperty("serialNumber").GetString()}"));
        Assert.Equal(m.GetProperty("serialNumber").GetString(), Assert.Single(machines)["序列号"]);
        var products = Rows(await admin.GetByteArrayAsync($"/api/v1/products/export?q={product.GetProperty("code").GetString()}"));
        Assert.Equal(product.GetProperty("code").GetString(), Assert.Single(products)["型号编码"]);
        Assert.Contains(Rows(await admin.GetByteArrayAsync("/api/v1/users/export")), r => (string)r["邮箱"] == AppFactory.AdminEmail);
        Assert.NotNull(Rows(await admin.GetByteArrayAsync("/api/v1/dealers/export")));
    }

    [Fact]
    public async Task A_machine_cannot_become_part_of_its_own_component()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var product = await admin.ProductAsync();
        var line = await admin.MachineAsync(customer, product);
        var unit = await admin.MachineAsync(customer, product, new { parentId = line.GetProperty("id").GetGuid() });
        var loop = await (
            await admin.PutAsJsonAsync($"/api/v1/equipment/{line.Id()}", new { parentId = unit.GetProperty("id").GetGuid(), version = 1 })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["parentId"], loop.ErrorFields());
    }
}

public sealed class EquipmentApiTests_Sqlite(SqliteFactory app) : EquipmentApiTests<SqliteFactory>(app);

public sealed class EquipmentApiTests_Postgres(PostgresFactory app) : EquipmentApiTests<PostgresFactory>(app);
