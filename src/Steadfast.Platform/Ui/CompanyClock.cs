using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Ui;

/// <summary>Shows UTC times in the company's time zone (Asia/Shanghai by default).</summary>
public sealed class CompanyClock(IServiceScopeFactory scopes, ConfigCache settings)
{
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone());

    // From ConfigCache like the calendar, so a saved company profile moves both at once.
    public TimeZoneInfo Zone() => settings.Get("company-tz", () =>
        {
            using var scope = scopes.CreateScope();
            var id = scope
                .ServiceProvider.GetRequiredService<AppDbContext>()
                .Company.AsNoTracking()
                .Select(c => c.TimeZoneId)
                .FirstOrDefault();
            return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz)
                ? tz
                : TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        });
}
