using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Data;
using Steadfast.Platform.Ui;

namespace Steadfast.Platform.Jobs;

/// <summary>A due-item handler that runs once a day at a company-local time (reminders, the daily digest).</summary>
public interface IDailyJob : IDueItemHandler
{
    TimeOnly At { get; }
}

/// <summary>
/// Keeps one pending due item per daily job: at start-up for a new database, and after each run for the next day
/// (<see cref="ScheduleNext"/>). The due-item ticker claims it, so with several nodes a day's run happens once.
/// </summary>
public sealed class DailyJobs(IServiceScopeFactory scopes, ILogger<DailyJobs> log) : IHostedService
{
    public const string Subject = "daily";

    /// <summary>Locks the check-then-insert so two nodes starting at once schedule one item, not two.</summary>
    private const long LockKey = 0x5F_DA_11_70B5;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureScheduledAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database not yet migrated (the CLI verbs) has no due items; the next start schedules them.
            log.LogWarning(e, "Daily jobs not scheduled");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task EnsureScheduledAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var company = scope.ServiceProvider.GetRequiredService<CompanyClock>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var job in scope.ServiceProvider.GetServices<IDueItemHandler>().OfType<IDailyJob>())
            await db.InTransactionAsync(
                async () =>
                {
                    await db.LockUntilCommitAsync(LockKey, ct);
                    if (await db.DueItems.AnyAsync(d => d.Kind == job.Kind && d.ProcessedAtUtc == null && d.CancelledAtUtc == null, ct))
                        return false;
                    ScheduleNext(db, job, company, clock.GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync(ct);
                    return true;
                },
                ct
            );
    }

    /// <summary>The job's next run: today at its time if that is still ahead, else tomorrow (company time).</summary>
    public static void ScheduleNext(AppDbContext db, IDailyJob job, CompanyClock company, DateTime nowUtc) =>
        db.Schedule(job.Kind, Subject, NextAt(company, nowUtc, job.At));

    /// <summary>
    /// The next moment (UTC) it is <paramref name="at"/> in the company's time zone: today if still ahead, else
    /// tomorrow.
    /// </summary>
    public static DateTime NextAt(CompanyClock company, DateTime nowUtc, TimeOnly at)
    {
        var local = company.ToLocal(nowUtc);
        var next = local.Date + at.ToTimeSpan();
        if (next <= local)
            next = next.AddDays(1);
        return nowUtc + (next - local);
    }
}

/// <summary>One module's lines of a user's daily digest: follow-ups due, orders waiting, approvals, warranty ends.</summary>
public interface IDigestSection
{
    Task<DigestLine?> ForAsync(Guid userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken ct);
}

/// <summary>
/// A digest line: Key names the string <c>Digest.{Key}</c> (with {0} the count); Detail a few names to go with it. A
/// count of zero leaves the line out.
/// </summary>
public sealed record DigestLine(string Key, int Count, string Detail = "");
