using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;

namespace Steadfast.Web.Home;

/// <summary>The home page's figures, counted by the database.</summary>
public sealed class HomeService(AppDbContext db, TimeProvider clock)
{
    public async Task<HomeSummary> GetAsync(bool includeActivity, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var since = today.AddDays(-13).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var company = await db.Company.AsNoTracking().Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "Steadfast";
        var activeUsers = await db.Users.CountAsync(u => u.IsActive, ct);
        var teams = await db.Teams.CountAsync(ct);
        var fields = await db.CustomFieldDefinitions.CountAsync(d => d.IsActive, ct);
        var next = await db
            .CalendarDays.AsNoTracking()
            .Where(d => d.Date >= today && d.Kind == CalendarDayKind.Holiday)
            .OrderBy(d => d.Date)
            .Select(d => new CalendarDayInfo(d.Date, d.Name, d.Kind))
            .FirstOrDefaultAsync(ct);

        List<DayCount> byDay = [];
        List<RecentChange> recent = [];
        var changes7 = 0;
        if (includeActivity)
        {
            var grouped = await db
                .AuditEntries.AsNoTracking()
                .Where(a => a.AtUtc >= since)
                .GroupBy(a => a.AtUtc.Date)
                .Select(g => new { Day = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            byDay =
            [
                .. Enumerable
                    .Range(0, 14)
                    .Select(i => today.AddDays(i - 13))
                    .Select(d => new DayCount(d, grouped.Where(g => DateOnly.FromDateTime(g.Day) == d).Sum(g => g.Count))),
            ];
            changes7 = byDay.TakeLast(7).Sum(d => d.Count);
            recent = await db
                .AuditEntries.AsNoTracking()
                .OrderByDescending(a => a.AtUtc)
                .Take(8)
                .Select(a => new RecentChange(a.AtUtc, a.UserName, a.EntityType, a.Action.ToString()))
                .ToListAsync(ct);
        }
        return new HomeSummary(company, activeUsers, teams, fields, changes7, byDay, next, recent);
    }
}
