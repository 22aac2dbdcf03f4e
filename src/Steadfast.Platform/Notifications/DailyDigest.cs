using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Ui;

namespace Steadfast.Platform.Notifications;

/// <summary>
/// Every morning, each member of staff who has not opted out gets one notification (bell, and mail when mail is on,
/// both in the user's language when read) summing up what waits for them, from every module's digest section. Nothing
/// waiting, no digest.
/// </summary>
internal sealed class DailyDigest : IDailyJob
{
    public string Kind => "platform.digest";
    public TimeOnly At => new(7, 30);

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var company = services.GetRequiredService<CompanyClock>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        var sections = services.GetServices<IDigestSection>().ToList();
        var notifier = services.GetRequiredService<Notifier>();
        var users = await db.ActiveInRoles([.. Roles.Internal]).Where(u => u.DailyDigest).Select(u => u.Id).ToListAsync(ct);
        var roles = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where users.Contains(ur.UserId)
            select new { ur.UserId, r.Name }
        ).ToListAsync(ct);
        foreach (var user in users)
        {
            var mine = roles.Where(r => r.UserId == user).Select(r => r.Name!).ToList();
            var lines = new List<DigestLine>();
            foreach (var section in sections)
                if (await section.ForAsync(user, mine, today, ct) is { Count: > 0 } line)
                    lines.Add(line);
            if (lines.Count == 0)
                continue;
            string Count(string key) =>
                lines.FirstOrDefault(l => l.Key == key)?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
            await notifier.NotifyAsync(
                "DailyDigest",
                [user],
                "/",
                [
                    today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    Count("followUps"),
                    Count("orders"),
                    Count("approvals"),
                    Count("warranty"),
                    string.Join(" · ", lines.Where(l => l.Detail.Length > 0).Select(l => l.Detail)),
                ],
                ct
            );
        }
        DailyJobs.ScheduleNext(db, this, company, now);
    }
}
