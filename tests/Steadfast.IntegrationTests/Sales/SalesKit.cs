using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

internal static class SalesKit
{
    /// <summary>A province of the test's own, so assignment rules of other tests never match its leads.</summary>
    public static string Province() => $"测{Guid.NewGuid():N}"[..12];

    public static async Task<JsonElement> LeadAsync(this HttpClient client, object body, HttpStatusCode expect = HttpStatusCode.Created) =>
        await (await client.PostAsJsonAsync("/api/v1/leads", body)).ExpectAsync(expect);

    public static async Task<JsonElement> AssignmentRuleAsync(this HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/lead-assignment-rules", body)).ExpectAsync(HttpStatusCode.Created);

    public static async Task SetCapAsync(this HttpClient admin, int cap)
    {
        var s = await (await admin.GetAsync("/api/v1/sales/settings")).ExpectAsync(HttpStatusCode.OK);
        await (
            await admin.PutAsJsonAsync("/api/v1/sales/settings", new { openLeadCap = cap, version = s.GetProperty("version").GetInt64() })
        ).ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<List<JsonElement>> NotificationsAsync(this AppFactory app, string email)
    {
        using var c = await app.ClientForAsync(email);
        return
        [
            .. (await (await c.GetAsync("/api/v1/notifications?pageSize=100")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray(),
        ];
    }

    public static async Task<List<JsonElement>> StagesAsync(this HttpClient client) =>
        [.. (await (await client.GetAsync("/api/v1/opportunity-stages")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()];

    public static string Owner(this JsonElement e) =>
        e.GetProperty("ownerId").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("ownerId").GetString()!;

    public static long Version(this JsonElement e) => e.GetProperty("version").GetInt64();
}
