using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Outbox;

namespace Steadfast.IntegrationTests;

/// <summary>Receivers the queue tests watch: one fails its first tries, one counts runs per item.</summary>
public sealed class TestReceivers
{
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();
    public ConcurrentDictionary<Guid, int> Failures { get; } = new();
    public ConcurrentDictionary<Guid, int> DueRuns { get; } = new();
    public int FailFirst { get; set; }
}

internal sealed class FlakyOutboxHandler(TestReceivers receivers) : IOutboxHandler
{
    public string Type => "test.flaky";

    public Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct)
    {
        if (receivers.Failures.AddOrUpdate(message.Id, 1, (_, n) => n + 1) <= receivers.FailFirst)
            throw new HttpRequestException("receiver is down");
        receivers.Deliveries.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

internal sealed class CountingDueHandler(TestReceivers receivers) : IDueItemHandler
{
    public string Kind => "test.due";

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        receivers.DueRuns.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
        await Task.Yield();
    }
}

public static class QueueTestServices
{
    public static void Add(IWebHostBuilder builder) =>
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<TestReceivers>();
            s.AddSingleton<IOutboxHandler, FlakyOutboxHandler>();
            s.AddSingleton<IDueItemHandler, CountingDueHandler>();
        });
}

public sealed class QueueSqliteFactory : SqliteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        QueueTestServices.Add(builder);
    }
}

public sealed class QueuePostgresFactory : PostgresFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        QueueTestServices.Add(builder);
    }
}

public abstract class QueueTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private TestReceivers Receivers => app.Services.GetRequiredService<TestReceivers>();
    private QueueTicker Ticker => app.Services.GetRequiredService<QueueTicker>();

    [Fact]
    public async Task A_failing_receiver_gets_each_message_once_it_recovers()
    {
        Receivers.FailFirst = 2;
        var ids = await app.DbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var messages = Enumerable.Range(0, 5).Select(i => db.Enqueue("test.flaky", new { n = i }, now)).ToList();
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });

        await Ticker.DrainAsync(default);
        Assert.DoesNotContain(ids, Receivers.Deliveries.ContainsKey);
        app.Clock.Advance(ClaimTiming.Backoff(1));
        await Ticker.DrainAsync(default);
        app.Clock.Advance(ClaimTiming.Backoff(2));
        await Ticker.DrainAsync(default);
        await Ticker.DrainAsync(default);

        Assert.All(ids, id => Assert.Equal(1, Receivers.Deliveries[id]));
        var rows = await app.DbAsync(db => db.OutboxMessages.Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(rows, m =>
        {
            Assert.NotNull(m.ProcessedAtUtc);
            Assert.Equal(2, m.Attempts);
            Assert.Null(m.LockedBy);
        });
    }

    [Fact]
    public async Task A_message_of_a_rolled_back_change_is_never_sent()
    {
        var id = await app.DbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var m = db.Enqueue("test.flaky", new { lost = true }, app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
            return m.Id;
        });
        await Ticker.DrainAsync(default);
        Assert.False(Receivers.Deliveries.ContainsKey(id));
        Assert.False(await app.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == id)));
    }

    [Fact]
    public async Task Two_nodes_draining_at_once_run_each_due_item_exactly_once()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (due, later, cancelled) = await app.DbAsync(async db =>
        {
            var d = Enumerable.Range(0, 120).Select(i => db.Schedule("test.due", $"wo-{i}", now.AddMinutes(-1))).ToList();
            var l = db.Schedule("test.due", "later", now.AddHours(1));
            var c = db.Schedule("test.due", "cancel-me", now.AddMinutes(-1));
            await db.SaveChangesAsync();
            await db.CancelDueAsync("test.due", "cancel-me", now, default);
            return (d.Select(x => x.Id).ToList(), l.Id, c.Id);
        });

        var nodeA = app.Services.GetRequiredService<ClaimQueue<DueItem>>();
        var nodeB = ClaimQueues.DueItems(app.Services);
        async Task Drain(ClaimQueue<DueItem> node)
        {
            while (
                await node.DrainOnceAsync(
                    (sp, item, ct) => sp.GetServices<IDueItemHandler>().Single(h => h.Kind == item.Kind).HandleAsync(item, sp, ct),
                    7,
                    default
                ) > 0
            ) { }
        }
        await Task.WhenAll(Drain(nodeA), Drain(nodeB), Drain(nodeA), Drain(nodeB));

        Assert.All(due, id => Assert.Equal(1, Receivers.DueRuns.GetValueOrDefault(id)));
        Assert.False(Receivers.DueRuns.ContainsKey(later));
        Assert.False(Receivers.DueRuns.ContainsKey(cancelled));

        app.Clock.Advance(TimeSpan.FromHours(2));
        await Drain(nodeB);
        Assert.Equal(1, Receivers.DueRuns[later]);
    }
}

public sealed class QueueTests_Sqlite(QueueSqliteFactory app) : QueueTests<QueueSqliteFactory>(app);

public sealed class QueueTests_Postgres(QueuePostgresFactory app) : QueueTests<QueuePostgresFactory>(app);
