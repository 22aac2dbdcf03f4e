using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steadfast.Platform.Outbox;

namespace Steadfast.Platform.Jobs;

public sealed class QueueOptions
{
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a claimed row stays with its node: after a crash, the row waits this long before another node (or the restarted one) takes
    /// it.
    /// </summary>
    public TimeSpan Lease { get; set; } = ClaimTiming.Lease;

    /// <summary>Tests turn the ticker off and drain by hand.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>The drainer: on every tick works due items and outbox messages until none are left.</summary>
public sealed class QueueTicker(
    ClaimQueue<OutboxMessage> outbox,
    ClaimQueue<DueItem> due,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    ILogger<QueueTicker> log
) : BackgroundService
{
    /// <summary>One pass over both queues; returns the number of rows worked.</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        int n;
        do
        {
            n = await due.DrainOnceAsync((sp, item, c) => DueItemExtensions.Dispatch(sp, item, c), options.Value.BatchSize, ct);
            n += await outbox.DrainOnceAsync((sp, m, c) => OutboxExtensions.Dispatch(sp, m, c), options.Value.BatchSize, ct);
            total += n;
        } while (n > 0 && !ct.IsCancellationRequested);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        using var timer = new PeriodicTimer(options.Value.TickInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Queue tick failed; trying again next tick");
            }
        }
    }
}
