using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using netDumbster.smtp;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Notifications;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Notifications leave through the outbox: to a real SMTP sink and to a webhook receiver that fails
/// twice before it recovers. Delivered once each, retried with back-off, signed.
/// </summary>
public abstract class NotificationDeliveryTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>A receiver that answers 500 to the first <paramref name="failures"/> calls, then 200, and checks each signature.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _web;
        private int _calls;
        public ConcurrentBag<(string Delivery, bool SignatureOk, string Event)> Accepted { get; } = [];
        public int Calls => _calls;
        public string Url { get; }

        public Receiver(int failures, string secret)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/hook";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            _web = builder.Build();
            _web.MapPost("/hook", async (HttpRequest req) =>
            {
                if (Interlocked.Increment(ref _calls) <= failures)
                    return Results.StatusCode(500);
                using var reader = new StreamReader(req.Body);
                var body = await reader.ReadToEndAsync();
                var ts = req.Headers["X-Steadfast-Timestamp"].ToString();
                var ok = req.Headers["X-Steadfast-Signature"].ToString() == "sha256=" + WebhookSender.Signature(secret, ts, body);
                Accepted.Add((req.Headers["X-Steadfast-Delivery"].ToString(), ok, req.Headers["X-Steadfast-Event"].ToString()));
                return Results.Ok();
            });
        }

        public Task StartAsync() => _web.StartAsync();

        public async ValueTask DisposeAsync() => await _web.DisposeAsync();
    }

    [Fact]
    public async Task An_assignment_reaches_the_engineer_by_mail_and_the_robot_after_it_recovers_exactly_once()
    {
        using var smtp = SimpleSmtpServer.Start(FreePort());
        await using var receiver = new Receiver(failures: 2, secret: "hook-secret");
        await receiver.StartAsync();
        using var admin = await app.AdminAsync();
        await (
            await admin.PutAsJsonAsync(
                "/api/v1/settings/mail",
                new
                {
                    enabled = true,
                    host = "127.0.0.1",
                    port = smtp.Configuration.Port,
                    security = "none",
                    fromAddress = "service@steadfast.test",
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(
            "url",
            (
                await (
                    await admin.PostAsJsonAsync(
                        "/api/v1/settings/webhooks",
                        new
                        {
                            name = "ERP",
                            url = "ftp://x",
                            format = "json",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Contains(
            "events",
            (
                await (
                    await admin.PostAsJsonAsync(
                        "/api/v1/settings/webhooks",
                        new
                        {
                            name = "ERP",
                            url = receiver.Url,
                            format = "json",
                            events = "Nope",
                        }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        var hook = await (
            await admin.PostAsJsonAsync(
                "/api/v1/settings/webhooks",
                new
                {
                    name = "ERP",
                    url = receiver.Url,
                    format = "json",
                    secret = "hook-secret",
                    events = "Assigned",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.True(hook.GetProperty("hasSecret").GetBoolean());
        Assert.False(hook.TryGetProperty("secret", out _));

        var engineer = await app.CreateAsync("Engineer");
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync());
        var order = await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.GetProperty("id").GetGuid(),
                    machineId = machine.GetProperty("id").GetGuid(),
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    faultDescription = "液压站漏油",
                    category = "液压",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await admin.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/transitions",
                new { to = "assigned", assigneeId = engineer.GetProperty("id").GetGuid() }
            )
        ).ExpectAsync(HttpStatusCode.OK);

        var ticker = app.Services.GetRequiredService<QueueTicker>();
        await ticker.DrainAsync(default);
        Assert.Equal(1, receiver.Calls);
        Assert.Empty(receiver.Accepted);
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Contains(engineer.GetProperty("email").GetString()!, mail.ToAddresses.Select(a => a.Address));
        Assert.Contains(order.GetProperty("number").GetString()!, mail.Subject, StringComparison.Ordinal);

        // Back-off: 5 s, then 10 s. Nothing is retried before its time.
        await ticker.DrainAsync(default);
        Assert.Equal(1, receiver.Calls);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await ticker.DrainAsync(default);
        Assert.Equal(2, receiver.Calls);
        app.Clock.Advance(TimeSpan.FromSeconds(11));
        await ticker.DrainAsync(default);
        Assert.Equal(3, receiver.Calls);
        var delivered = Assert.Single(receiver.Accepted);
        Assert.True(delivered.SignatureOk);
        Assert.Equal("Assigned", delivered.Event);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await ticker.DrainAsync(default);
        Assert.Equal(3, receiver.Calls);
        Assert.Single(smtp.ReceivedEmail);

        // The engineer's bell shows it, in the engineer's language.
        using var client = await app.ClientForAsync(engineer.GetProperty("email").GetString()!);
        Assert.Equal(
            1,
            (await (await client.GetAsync("/api/v1/notifications/unread-count")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("count")
                .GetInt32()
        );
        await (await client.PostAsync("/api/v1/notifications/read-all", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            0,
            (await (await client.GetAsync("/api/v1/notifications/unread-count")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("count")
                .GetInt32()
        );
    }

    [Fact]
    public async Task Mail_settings_are_validated_and_the_password_never_comes_back()
    {
        using var admin = await app.AdminAsync();
        var bad = await (await admin.PutAsJsonAsync("/api/v1/settings/mail", new { enabled = true, port = 70000 })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Superset(new HashSet<string> { "host", "port", "fromAddress" }, bad.ErrorFields().ToHashSet());
        var saved = await (
            await admin.PutAsJsonAsync(
                "/api/v1/settings/mail",
                new
                {
                    enabled = false,
                    host = "smtp.example.com",
                    port = 587,
                    userName = "u",
                    password = "p4ss",
                    fromAddress = "a@b.cn",
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.True(saved.GetProperty("hasPassword").GetBoolean());
        Assert.DoesNotContain("p4ss", saved.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new { to = "x@y.cn" })).StatusCode
        );
        var audit = await (await admin.GetAsync("/api/v1/audit?entity=mailsettings&pageSize=50")).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(audit.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("p4ss", audit.GetRawText(), StringComparison.Ordinal);
    }
}

public sealed class NotificationDeliveryTests_Sqlite(SqliteFactory app) : NotificationDeliveryTests<SqliteFactory>(app);

public sealed class NotificationDeliveryTests_Postgres(PostgresFactory app) : NotificationDeliveryTests<PostgresFactory>(app);
