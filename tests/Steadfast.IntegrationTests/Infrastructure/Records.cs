using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steadfast.IntegrationTests.Infrastructure;

/// <summary>Makes business records through the API, as a user would.</summary>
public static class Records
{
    private static int _serial;

    /// <summary>A valid 统一社会信用代码 that no other test uses.</summary>
    public static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "9132" + string.Concat(Guid.NewGuid().ToByteArray().Take(13).Select(b => alphabet[b % alphabet.Length]));
        return body + Steadfast.Customers.Customers.CreditCode.CheckCharacter(body);
    }

    public static async Task<JsonElement> CustomerAsync(this HttpClient client, string? name = null, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name ?? $"测试客户{Guid.NewGuid():N}"[..12] + "有限公司",
            ["province"] = "江苏",
            ["city"] = "苏州",
        };
        if (extra is not null)
            foreach (var p in JsonSerializer.SerializeToElement(extra, Json.Web).EnumerateObject())
                body[p.Name] = p.Value;
        return await (await client.PostAsJsonAsync("/api/v1/customers", body)).ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> ProductAsync(this HttpClient admin, int warrantyMonths = 12)
    {
        var code = $"T-{Interlocked.Increment(ref _serial)}-{Guid.NewGuid():N}"[..20];
        return await (
            await admin.PostAsJsonAsync(
                "/api/v1/products",
                new
                {
                    code,
                    name = "测试注塑机 " + code,
                    category = "注塑机",
                    warrantyMonths,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> MachineAsync(
        this HttpClient client,
        JsonElement customer,
        JsonElement product,
        object? extra = null
    )
    {
        var body = new Dictionary<string, object?>
        {
            ["serialNumber"] = $"SN-{Guid.NewGuid():N}"[..14],
            ["productId"] = product.GetProperty("id").GetGuid(),
            ["customerId"] = customer.GetProperty("id").GetGuid(),
            ["siteName"] = "1号车间",
            ["installedOn"] = "2025-03-05",
        };
        if (extra is not null)
            foreach (var p in JsonSerializer.SerializeToElement(extra, Json.Web).EnumerateObject())
                body[p.Name] = p.Value;
        return await (await client.PostAsJsonAsync("/api/v1/equipment", body)).ExpectAsync(HttpStatusCode.Created);
    }

    public static string Id(this JsonElement e) => e.GetProperty("id").GetString()!;
}
