using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Two nodes (issue 6): two app processes on one PostgreSQL both take orders; the SLA due items
/// (warning, breach, escalation) and the outbox are worked exactly once across the pair, also when one
/// node is killed mid-way and its claimed rows pass to the other after the lease.
/// </summary>
public sealed class TwoNodeTests
{
    [Fact]
    public async Task Two_nodes_share_the_work_and_each_event_is_sent_once_even_when_one_dies()
    {
        var (database, connectionString) = await PostgresFactory.CreateDatabaseAsync("sf_nodes_");
        await using var sink = await WebhookSink.StartAsync();
        using var a = new ServerProcess(connectionString, DatabaseProvider.Postgres);
        using var b = new ServerProcess(connectionString, DatabaseProvider.Postgres);
        try
        {
            await a.StartAsync();
            await b.StartAsync();
            using var adminA = await a.AdminAsync();
            using var adminB = await b.AdminAsync();
            var customer = await adminA.CustomerAsync();
            var machine = await adminB.MachineAsync(customer, await adminA.ProductAsync(), new { installedOn = "2026-01-10" });
            // Around the clock, a minute to respond, warned at half time: the ticker's work arrives within the test.
            await (
                await adminA.PostAsJsonAsync(
                    "/api/v1/sla-policies",
                    new
                    {
                        name = "测试 1 分钟",
                        severity = "degraded",
                        clock = "calendarHours",
                        firstResponseMinutes = 1,
                        arrivalMinutes = 600,
                        resolutionMinutes = 6000,
                        warnAtPercent = 50,
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);
            await (
                await adminB.PostAsJsonAsync(
                    "/api/v1/settings/webhooks",
                    new
                    {
                        name = "sink",
                        url = sink.Url,
                        format = "json",
                        secret = "s",
                        events = "QrReport,SlaWarning,SlaBreached,Escalated",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);

            const int orders = 30;
            var numbers = new List<string>();
            for (var i = 0; i < orders; i++)
            {
                var node = i % 2 == 0 ? adminA : adminB; // both nodes serve
                var order = await (
                    await node.PostAsJsonAsync(
                        "/api/v1/work-orders",
                        new
                        {
                            customerId = customer.Id(),
                            machineId = machine.Id(),
                            contactName = "王主任",
                            contactPhone = "13800000000",
                            faultDescription = $"双节点 {i}",
                            category = "电气",
                            severity = "degraded",
                            source = "portal",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.Created);
                numbers.Add(order.GetProperty("number").GetString()!);
            }

            // Kill node B once the warnings are going out: what it held passes to A after the lease.
            for (var i = 0; i < 240 && !sink.Deliveries.Values.Any(d => d.Contains("\"SlaWarning\"", StringComparison.Ordinal)); i++)
                await Task.Delay(250);
            b.Kill();

            var expected = new[] { "QrReport", "SlaWarning", "SlaBreached", "Escalated" };
            List<(string Kind, string Number)> Events() =>
                [
                    .. sink
                        .Deliveries.Values.Select(body => JsonDocument.Parse(body).RootElement)
                        .Select(e => (e.GetProperty("event").GetString()!, e.GetProperty("args")[0].GetString()!)),
                ];
            for (var i = 0; i < 600 && Events().Count < orders * expected.Length; i++)
                await Task.Delay(250);
            var events = Events();
            foreach (var number in numbers)
            foreach (var kind in expected)
                Assert.True(
                    events.Count(e => e.Kind == kind && e.Number == number) == 1,
                    $"{kind} for {number}: {events.Count(e => e.Kind == kind && e.Number == number)} deliveries"
                );
            Assert.Equal(orders * expected.Length, events.Count);
        }
        finally
        {
            a.Dispose();
            b.Dispose();
            await PostgresFactory.DropDatabaseAsync(database);
        }
    }
}
