using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
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

internal static class ProjectKit
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>An open sales order of one product model for the customer.</summary>
    public static async Task<JsonElement> OrderAsync(this HttpClient client, JsonElement customer, JsonElement product, DateTime now) =>
        await (
            await client.PostAsJsonAsync(
                "/api/v1/sales-orders",
                new
                {
                    customerId = customer.Id(),
                    orderedOn = DateOnly.FromDateTime(now.AddHours(8)).ToString("yyyy-MM-dd"),
                    lines = new object[]
                    {
                        new
                        {
                            productId = product.Id(),
                            quantity = 1,
                            unitPrice = 380_000_00,
                        },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    public static async Task<HttpResponseMessage> UploadAsync(
        this HttpClient client,
        JsonElement project,
        JsonElement stage,
        JsonElement deliverable
    )
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, "file", "图纸.pdf");
        return await client.PostAsync($"/api/v1/projects/{project.Id()}/stages/{stage.Id()}/deliverables/{deliverable.Id()}", form);
    }

    public static JsonElement Stage(this JsonElement project, int position) => project.GetProperty("stages")[position];

    /// <summary>Files every deliverable of the stage and completes it; returns the project after.</summary>
    public static async Task<JsonElement> PassAsync(this HttpClient client, JsonElement project, int position)
    {
        foreach (var d in project.Stage(position).GetProperty("deliverables").EnumerateArray())
            project = await (await client.UploadAsync(project, project.Stage(position), d)).ExpectAsync(HttpStatusCode.OK);
        var stage = project.Stage(position);
        return await (
            await client.PostAsJsonAsync($"/api/v1/projects/{project.Id()}/stages/{stage.Id()}/complete", new { version = stage.Version() })
        ).ExpectAsync(HttpStatusCode.OK);
    }
}
