using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Crash, nothing lost (issue 6): the real server as its own process, creates with Idempotency-Key from
/// eight clients, killed with SIGKILL three times at random moments and restarted; clients retry what was
/// not acknowledged with the same key. Every acknowledged order then exists exactly once with its audit
/// row, and a webhook sink received each outbox message exactly once after de-duplication by delivery id.
/// CI runs 400 creates; STEADFAST_CRASH_CREATES=5000 is the full size (bench/reliability.sh).
/// </summary>
public abstract class CrashTests
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract Task<string> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    [Fact]
    public async Task Acknowledged_creates_survive_three_kills_exactly_once_and_each_webhook_arrives_once()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("STEADFAST_CRASH_CREATES"), out var n) ? n : 400;
        var connectionString = await CreateDatabaseAsync();
        await using var sink = await WebhookSink.StartAsync();
        var deliveries = sink.Deliveries;
        using var server = new ServerProcess(connectionString, Provider);
        try
        {
            await server.StartAsync();
            using var admin = await server.AdminAsync();
            var customer = await admin.CustomerAsync();
            var machine = await admin.MachineAsync(customer, await admin.ProductAsync(), new { installedOn = "2026-01-10" });
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/settings/webhooks",
                    new
                    {
                        name = "sink",
                        url = sink.Url,
                        format = "json",
                        secret = "s",
                        events = "QrReport",
                    }
                )
            ).ExpectAsync(HttpStatusCode.Created);

            var acknowledged = new ConcurrentDictionary<string, string>(); // key → work-order number
            var next = -1;
            async Task ClientAsync()
            {
                using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(10) };
                http.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
                int i;
                while ((i = Interlocked.Increment(ref next)) < total)
                {
                    var key = $"crash-{i:00000}";
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/work-orders")
                            {
                                Content = JsonContent.Create(
                                    new
                                    {
                                        customerId = customer.Id(),
                                        machineId = machine.Id(),
                                        contactName = "王主任",
                                        contactPhone = "13800000000",
                                        faultDescription = $"停机报警 {key}",
                                        category = "电气",
                                        severity = "degraded",
                                        source = "portal",
                                    }
                                ),
                            };
                            request.Headers.Add("Idempotency-Key", key);
                            using var response = await http.SendAsync(request);
                            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                            {
                                acknowledged[key] = (await response.Content.ReadFromJsonAsync<JsonElement>())
                                    .GetProperty("number")
                                    .GetString()!;
                                break;
                            }
                            // 409 means "the same key is still in flight": wait for the first attempt to settle.
                            Assert.True(
                                response.StatusCode is HttpStatusCode.Conflict or >= HttpStatusCode.InternalServerError,
                                $"{key}: {response.StatusCode}"
                            );
                        }
                        catch (HttpRequestException) { }
                        catch (TaskCanceledException) { }
                        Assert.True(attempt < 400, $"{key} was never acknowledged");
                        await Task.Delay(100);
                    }
                }
            }

            var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(ClientAsync)).ToList();
            var rng = new Random(42);
            foreach (var share in new[] { 0.2, 0.45, 0.7 })
            {
                var at = (int)(total * (share + rng.NextDouble() * 0.1));
                while (acknowledged.Count < at && clients.Any(c => !c.IsCompleted))
                    await Task.Delay(10);
                server.Kill();
                await Task.Delay(rng.Next(100, 600));
                await server.StartAsync();
            }
            await Task.WhenAll(clients);
            Assert.Equal(4, server.Starts);
            Assert.Equal(total, acknowledged.Count);

            // Every acknowledged create is there exactly once, each with its audit row.
            var options = new DbContextOptionsBuilder<AppDbContext>();
            new DatabaseSettings(Provider, connectionString).Apply(options);
            await using (var db = new AppDbContext(options.Options))
            {
                var orders = await db.Set<WorkOrder>()
                    .AsNoTracking()
                    .Where(w => w.FaultDescription.StartsWith("停机报警 crash-"))
                    .Select(w => new
                    {
                        w.Id,
                        w.Number,
                        w.FaultDescription,
                    })
                    .ToListAsync();
                Assert.Equal(total, orders.Count);
                Assert.Equal(total, orders.Select(o => o.FaultDescription).Distinct().Count());
                Assert.Equal(acknowledged.Values.Order(), orders.Select(o => o.Number).Order());
                var ids = orders.Select(o => o.Id.ToString()).ToList();
                var audits = await db.Set<AuditEntry>()
                    .CountAsync(a =>
                        a.EntityType == WorkOrderService.RecordType && a.Action == AuditAction.Created && ids.Contains(a.EntityId)
                    );
                Assert.Equal(total, audits);
            }

            // At-least-once delivery with ids: retries may repeat a call, never a message.
            for (var i = 0; i < 400 && deliveries.Count < total; i++)
                await Task.Delay(250);
            Assert.Equal(total, deliveries.Count);
            var numbers = deliveries
                .Values.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("args")[0].GetString())
                .ToList();
            Assert.Equal(acknowledged.Values.Order(), numbers.Order());
            Assert.True(sink.Calls >= total);
        }
        finally
        {
            server.Dispose();
            await DropDatabaseAsync();
        }
    }
}

public sealed class CrashTests_Sqlite : CrashTests
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steadfast-crash", Guid.NewGuid().ToString("N"));
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.FromResult($"Data Source={Path.Combine(_dir, "steadfast.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException) { }
        return Task.CompletedTask;
    }
}

public sealed class CrashTests_Postgres : CrashTests
{
    private string _database = "";
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> CreateDatabaseAsync()
    {
        (_database, var connectionString) = await PostgresFactory.CreateDatabaseAsync("sf_crash_");
        return connectionString;
    }

    protected override Task DropDatabaseAsync() => PostgresFactory.DropDatabaseAsync(_database);
}
