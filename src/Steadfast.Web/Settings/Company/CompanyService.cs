using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Settings;

public sealed record CompanyDto(
    string Name,
    string CurrencyCode,
    string TimeZoneId,
    string WorkdayStart,
    string WorkdayEnd,
    IReadOnlyList<DayOfWeek> WorkingDays,
    string ServicePhone,
    long Version
);

public sealed record UpdateCompany(
    string? Name,
    string? CurrencyCode,
    string? TimeZoneId,
    string? WorkdayStart,
    string? WorkdayEnd,
    List<DayOfWeek>? WorkingDays,
    string? ServicePhone,
    long? Version
);

public sealed record CalendarDayDto(Guid Id, DateOnly Date, CalendarDayKind Kind, string Name);

public sealed record SaveCalendarDay(DateOnly? Date, CalendarDayKind? Kind, string? Name);

/// <summary>The company profile and its calendar of holidays and 调休 working days.</summary>
public sealed class CompanyService(AppDbContext db, IStringLocalizer<Strings> t)
{
    public static readonly string[] Currencies = ["CNY", "USD", "EUR", "HKD", "JPY"];

    public async Task<CompanyDto> GetAsync(CancellationToken ct) => ToDto(await LoadAsync(ct));

    public async Task<CompanyDto> UpdateAsync(UpdateCompany input, CancellationToken ct)
    {
        var profile = await LoadAsync(ct);
        var errors = new ValidationErrors();
        if (input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
            errors.Add("name", t["Company.Error.Name"]);
        if (input.CurrencyCode is null || !Currencies.Contains(input.CurrencyCode, StringComparer.Ordinal))
            errors.Add("currencyCode", t["Company.Error.Currency", string.Join(", ", Currencies)]);
        if (input.TimeZoneId is null || !TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZoneId, out _))
            errors.Add("timeZoneId", t["Company.Error.TimeZone"]);
        if (!TimeOnly.TryParse(input.WorkdayStart, System.Globalization.CultureInfo.InvariantCulture, out var start))
            errors.Add("workdayStart", t["Company.Error.Time"]);
        if (!TimeOnly.TryParse(input.WorkdayEnd, System.Globalization.CultureInfo.InvariantCulture, out var end))
            errors.Add("workdayEnd", t["Company.Error.Time"]);
        else if (end <= start)
            errors.Add("workdayEnd", t["Company.Error.EndBeforeStart"]);
        if (input.WorkingDays is null || input.WorkingDays.Count == 0 || input.WorkingDays.Any(d => !Enum.IsDefined(d)))
            errors.Add("workingDays", t["Company.Error.WorkingDays"]);
        if (input.ServicePhone is { Length: > 40 })
            errors.Add("servicePhone", t["Company.Error.Phone"]);
        errors.ThrowIfAny();

        db.ExpectVersion(profile, input.Version!.Value);
        profile.Name = input.Name!.Trim();
        profile.CurrencyCode = input.CurrencyCode!;
        profile.TimeZoneId = input.TimeZoneId!;
        profile.WorkdayStart = start;
        profile.WorkdayEnd = end;
        profile.WorkingDays = input.WorkingDays!.Aggregate(WorkWeek.None, (w, d) => w | ToFlag(d));
        profile.ServicePhone = input.ServicePhone?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return ToDto(profile);
    }

    public Task<List<CalendarDayDto>> DaysAsync(int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return db
            .CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .Select(d => new CalendarDayDto(d.Id, d.Date, d.Kind, d.Name))
            .ToListAsync(ct);
    }

    public async Task<CalendarDayDto> AddDayAsync(SaveCalendarDay input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.Date is null)
            errors.Add("date", t["Company.Error.Date"]);
        else if (await db.CalendarDays.AnyAsync(d => d.Date == input.Date, ct))
            errors.Add("date", t["Company.Error.DateTaken"]);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
            errors.Add("kind", t["Company.Error.Kind"]);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100)
            errors.Add("name", t["Company.Error.DayName"]);
        errors.ThrowIfAny();
        var day = new CalendarDay
        {
            Id = Guid.CreateVersion7(),
            Date = input.Date!.Value,
            Kind = input.Kind!.Value,
            Name = input.Name!.Trim(),
        };
        db.CalendarDays.Add(day);
        await db.SaveChangesAsync(ct);
        return new CalendarDayDto(day.Id, day.Date, day.Kind, day.Name);
    }

    public async Task DeleteDayAsync(Guid id, CancellationToken ct)
    {
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(ct);
    }

    private async Task<CompanyProfile> LoadAsync(CancellationToken ct)
    {
        var profile = await db.CompanyProfiles.SingleOrDefaultAsync(ct);
        if (profile is not null)
            return profile;
        profile = new CompanyProfile { Name = "Steadfast" };
        db.CompanyProfiles.Add(profile);
        await db.SaveChangesAsync(ct);
        return profile;
    }

    public static WorkWeek ToFlag(DayOfWeek d) => (WorkWeek)(1 << (int)d);

    private static CompanyDto ToDto(CompanyProfile p) =>
        new(
            p.Name,
            p.CurrencyCode,
            p.TimeZoneId,
            p.WorkdayStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            p.WorkdayEnd.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            [.. Enum.GetValues<DayOfWeek>().Where(d => p.WorkingDays.HasFlag(ToFlag(d)))],
            p.ServicePhone,
            p.Version
        );
}
