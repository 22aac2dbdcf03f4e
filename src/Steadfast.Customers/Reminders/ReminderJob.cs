using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;

namespace Steadfast.Customers.Reminders;

/// <summary>
/// Each morning: the owner of every customer whose planned follow-up is today is told (the author, if the customer has no
/// owner), and every machine whose warranty ends within the notice period is announced once to its customer's owner and
/// the service managers, the hook for offering a maintenance package or a service contract.
/// </summary>
internal sealed class ReminderJob : IDailyJob
{
    public string Kind => "customers.reminders";
    public TimeOnly At => new(8, 0);

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var company = services.GetRequiredService<CompanyClock>();
        var notifier = services.GetRequiredService<Notifier>();
        var reminders = services.GetRequiredService<ReminderService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));

        var activities = db.Set<Activity>().Where(a => !a.IsPrivate);
        var planned = await (
            from a in activities
            where a.NextFollowUpOn == today && !activities.Any(b => b.CustomerId == a.CustomerId && b.AtUtc > a.AtUtc)
            join c in db.Set<Customer>() on a.CustomerId equals c.Id
            where c.Status != Public.CustomerStatus.Lost
            select new
            {
                c.Id,
                c.Name,
                To = c.OwnerId ?? a.AuthorId,
                a.Summary,
            }
        ).ToListAsync(ct);
        foreach (var p in planned)
            await notifier.NotifyAsync("FollowUpDue", [p.To], $"/customers/{p.Id}", [p.Name, Short(p.Summary)], ct);

        var until = today.AddDays((await reminders.SettingsAsync(ct)).WarrantyNoticeDays);
        var ending = await (
            from m in db.Set<Machine>()
            where
                m.Status != MachineStatus.Scrapped
                && m.WarrantyEndsOn >= today
                && m.WarrantyEndsOn <= until
                && (m.WarrantyNoticeFor == null || m.WarrantyNoticeFor != m.WarrantyEndsOn)
            join c in db.Set<Customer>() on m.CustomerId equals c.Id
            join pr in db.Set<Product>() on m.ProductId equals pr.Id
            select new
            {
                m.Id,
                m.SerialNumber,
                Ends = m.WarrantyEndsOn!.Value,
                Customer = c.Name,
                c.OwnerId,
                Product = pr.Name,
            }
        ).ToListAsync(ct);
        var managers = ending.Count == 0 ? [] : await notifier.UsersInRolesAsync([Roles.ServiceManager], ct);
        foreach (var m in ending)
        {
            await notifier.NotifyAsync(
                "WarrantyEnding",
                [.. managers, .. m.OwnerId is { } o ? new[] { o } : []],
                $"/equipment/{m.Id}",
                [m.SerialNumber, m.Ends.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), m.Customer, m.Product],
                ct
            );
            // Set in place, committed with the notifications: "once per machine" survives a crash between the two.
            await db.Set<Machine>().Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.WarrantyNoticeFor, m.Ends), ct);
        }
        DailyJobs.ScheduleNext(db, this, company, now);
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>The digest's customer lines: follow-ups due for the customers one owns, and warranties ending among them.</summary>
internal sealed class ReminderDigest(AppDbContext db, ReminderService reminders, TimeProvider clock) : IDigestSection
{
    public async Task<DigestLine?> ForAsync(Guid userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken ct)
    {
        var settings = await reminders.SettingsAsync(ct);
        var mine = db.Set<Customer>().Where(c => c.OwnerId == userId);
        var due = await ReminderService.Due(db, mine, settings, today, clock.GetUtcNow().UtcDateTime).CountAsync(ct);
        var names =
            due == 0
                ? []
                : await ReminderService
                    .Due(db, mine, settings, today, clock.GetUtcNow().UtcDateTime)
                    .OrderBy(c => c.Name)
                    .Select(c => c.Name)
                    .Take(3)
                    .ToListAsync(ct);
        return new DigestLine("followUps", due, string.Join("、", names));
    }
}

/// <summary>Warranties ending within the notice period: the owner's customers' machines, or all of them for a service manager.</summary>
internal sealed class WarrantyDigest(AppDbContext db, ReminderService reminders) : IDigestSection
{
    public async Task<DigestLine?> ForAsync(Guid userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken ct)
    {
        var until = today.AddDays((await reminders.SettingsAsync(ct)).WarrantyNoticeDays);
        var machines = db.Set<Machine>()
            .Where(m => m.Status != MachineStatus.Scrapped && m.WarrantyEndsOn >= today && m.WarrantyEndsOn <= until);
        if (!roles.Contains(Roles.ServiceManager))
            machines = machines.Where(m => db.Set<Customer>().Any(c => c.Id == m.CustomerId && c.OwnerId == userId));
        return new DigestLine("warranty", await machines.CountAsync(ct));
    }
}
