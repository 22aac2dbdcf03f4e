using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Jobs;

namespace Steadfast.IntegrationTests.Automation;

/// <summary>What the automation tests share: a chat robot to receive messages, rules and orders made through the API.</summary>
internal static class RuleTestKit
{
    /// <summary>A local stand-in for a WeCom group robot: it records each message and answers errcode 0.</summary>
    public sealed class Robot : IAsyncDisposable
    {
        private readonly WebApplication _web;
        public ConcurrentBag<string> Messages { get; } = [];
        public string Url { get; }

        private Robot(WebApplication web, string url)
        {
            _web = web;
            Url = url;
        }

        public static async Task<Robot> StartAsync()
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
            var web = builder.Build();
            var robot = new Robot(web, $"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=test");
            web.MapPost("/cgi-bin/webhook/send", async (HttpRequest req) =>
            {
                using var reader = new StreamReader(req.Body);
                robot.Messages.Add(await reader.ReadToEndAsync());
                return Results.Json(new { errcode = 0, errmsg = "ok" });
            });
            await web.StartAsync();
            return robot;
        }

        public async ValueTask DisposeAsync() => await _web.DisposeAsync();
    }

    public static async Task<Guid> RobotEndpointAsync(this HttpClient admin, string url, string name = "服务经理群") => (
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/settings/webhooks",
                    new
                    {
                        name = $"{name}-{Guid.NewGuid():N}"[..20],
                        url,
                        format = "weCom",
                        events = "Rule",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created)
        ).GetProperty("id").GetGuid();

    public static async Task<JsonElement> RuleAsync(this HttpClient client, object body, HttpStatusCode expect = HttpStatusCode.Created) =>
        await (await client.PostAsJsonAsync("/api/v1/automation/rules", body)).ExpectAsync(expect);

    public static async Task<JsonElement> OrderAsync(
        this HttpClient client,
        JsonElement customer,
        JsonElement machine,
        string severity,
        string category
    ) =>
        await (
            await client.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.GetProperty("id").GetGuid(),
                    machineId = machine.GetProperty("id").GetGuid(),
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "主轴异响，已停机",
                    category,
                    severity,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    public static Task DrainAsync(this AppFactory app) => app.Services.GetRequiredService<QueueTicker>().DrainAsync(default);

    public static async Task<List<JsonElement>> RunsAsync(this HttpClient client, JsonElement rule) =>
        [
            .. (await (await client.GetAsync($"/api/v1/automation/rules/{rule.Id()}/runs?pageSize=200")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray(),
        ];

    public static async Task<int> UnreadAsync(this AppFactory app, string email)
    {
        using var client = await app.ClientForAsync(email);
        return (await (await client.GetAsync("/api/v1/notifications/unread-count")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("count")
            .GetInt32();
    }

    public static string Email(this JsonElement user) => user.GetProperty("email").GetString()!;

    public static string Marker() => $"规则{Guid.NewGuid():N}"[..10];
}
