using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Ui;

/// <summary>Shows UTC times in the company's time zone (Asia/Shanghai by default).</summary>
public sealed class CompanyClock(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone());

    public TimeZoneInfo Zone() => cache.GetOrCreate("company-tz", e =>
    {
        e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
        using var scope = scopes.CreateScope();
        var id = scope.ServiceProvider.GetRequiredService<AppDbContext>().Company.AsNoTracking().Select(c => c.TimeZoneId).FirstOrDefault();
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz) ? tz : TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    })!;
}
