using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Maintenance;

internal static class MaintenanceKit
{
    /// <summary>A template of three tasks: quarterly by calendar with a checklist, oil by hours, overhaul whichever first.</summary>
    public static object ThreeTasks(string? partId = null) =>
        new
        {
            notes = "按说明书",
            tasks = new object[]
            {
                new
                {
                    name = "季度保养",
                    everyMonths = 3,
                    labourMinutes = 120,
                    checklist = new object[]
                    {
                        new { text = "外观无渗漏", kind = "passFail" },
                        new
                        {
                            text = "液压油温",
                            kind = "measure",
                            unit = "℃",
                            min = 20,
                            max = 60,
                        },
                    },
                    parts = partId is null ? Array.Empty<object>() : [new { partId, quantity = 2 }],
                },
                new { name = "更换液压油", everyHours = 500 },
                new
                {
                    name = "全面检修",
                    everyDays = 365,
                    everyHours = 2000,
                },
            },
        };

    public static async Task<JsonElement> TemplateAsync(
        this HttpClient admin,
        JsonElement product,
        object body,
        HttpStatusCode expect = HttpStatusCode.OK
    ) => await (await admin.PutAsJsonAsync($"/api/v1/maintenance/templates/{product.Id()}", body)).ExpectAsync(expect);

    public static async Task<JsonElement> PlanAsync(this HttpClient client, JsonElement machine) =>
        await (await client.GetAsync($"/api/v1/equipment/{machine.Id()}/maintenance-plan")).ExpectAsync(HttpStatusCode.OK);

    public static JsonElement Task(this JsonElement plan, string name) =>
        plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    public static string? Str(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    public static async Task ReadingAsync(this HttpClient client, JsonElement machine, double hours, string readAt) =>
        await (await client.PostAsJsonAsync($"/api/v1/equipment/{machine.Id()}/readings", new { hours, readAt })).ExpectAsync(
            HttpStatusCode.Created
        );

    public static async Task<JsonElement> GenerateAsync(this HttpClient admin) =>
        await (await admin.PostAsJsonAsync("/api/v1/maintenance/generate", new { })).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The customer's due tasks with the order each went to.</summary>
    public static async Task<List<JsonElement>> DueAsync(this HttpClient client, JsonElement customer, int days = 60) =>
        [
            .. (
                await (await client.GetAsync($"/api/v1/maintenance/due?days={days}&customerId={customer.Id()}&pageSize=100")).ExpectAsync(
                    HttpStatusCode.OK
                )
            )
                .GetProperty("items")
                .EnumerateArray(),
        ];
}
