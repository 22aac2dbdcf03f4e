using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;

namespace Steadfast.Customers.Reminders;

/// <summary>
/// Reminders that exist as data reaching people: follow-up dates that have come, customers past their tier's contact
/// frequency, warranties ending. Lists are counted and paged by the database.
/// </summary>
internal sealed class ReminderService(
    AppDbContext db,
    CustomerScope scope,
    TimeProvider clock,
    CompanyClock company,
    ConfigCache config,
    IStringLocalizer<Strings> t
)
{
    public Task<ReminderSettings> SettingsAsync(CancellationToken ct) =>
        config.GetAsync("reminder-settings", async () =>
            await db.Set<ReminderSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new ReminderSettings()
        );

    public async Task<ReminderSettingsDto> GetSettingsAsync(CancellationToken ct) => Dto(await SettingsAsync(ct));

    public async Task<ReminderSettingsDto> SaveSettingsAsync(SaveReminderSettings input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        foreach (
            var (field, days) in new[]
            {
                ("strategicContactDays", input.StrategicContactDays),
                ("keyContactDays", input.KeyContactDays),
                ("normalContactDays", input.NormalContactDays),
            }
        )
            if (days is < 1 or > 3650)
                errors.Add(field, t["Common.Error.Range", 1, 3650]);
        if (input.WarrantyNoticeDays is < 1 or > 365)
            errors.Add("warrantyNoticeDays", t["Common.Error.Range", 1, 365]);
        errors.ThrowIfAny();
        var s = await db.Set<ReminderSettings>().SingleOrDefaultAsync(ct);
        if (s is null)
            db.Add(s = new ReminderSettings());
        else if (input.Version is { } v)
            db.ExpectVersion(s, v);
        (s.StrategicContactDays, s.KeyContactDays, s.NormalContactDays) = (
            input.StrategicContactDays,
            input.KeyContactDays,
            input.NormalContactDays
        );
        s.WarrantyNoticeDays = input.WarrantyNoticeDays ?? s.WarrantyNoticeDays;
        await db.SaveChangesAsync(ct);
        return Dto(s);
    }

    public DateOnly Today() => DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Customers to contact now: the last follow-up planned a date that has come, or the tier's frequency has passed
    /// since the last contact (or since the customer was registered, if never contacted). Lost customers are left alone.
    /// </summary>
    public static IQueryable<Customer> Due(AppDbContext db, IQueryable<Customer> q, ReminderSettings s, DateOnly today, DateTime nowUtc)
    {
        var activities = db.Set<Activity>().Where(a => !a.IsPrivate);
        var contacts = activities.Where(a => a.Type != ActivityType.Note);
        var (strategic, key, normal) = (s.StrategicContactDays, s.KeyContactDays, s.NormalContactDays);
        var (hasS, hasK, hasN) = (strategic is not null, key is not null, normal is not null);
        var (cutS, cutK, cutN) = (nowUtc.AddDays(-(strategic ?? 0)), nowUtc.AddDays(-(key ?? 0)), nowUtc.AddDays(-(normal ?? 0)));
        return q.Where(c =>
            c.Status != CustomerStatus.Lost
            && (
                activities.Where(a => a.CustomerId == c.Id).OrderByDescending(a => a.AtUtc).Select(a => a.NextFollowUpOn).FirstOrDefault()
                    <= today
                || (
                    hasS
                    && c.Tier == CustomerTier.Strategic
                    && (contacts.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc) ?? c.CreatedAtUtc) < cutS
                )
                || (
                    hasK
                    && c.Tier == CustomerTier.Key
                    && (contacts.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc) ?? c.CreatedAtUtc) < cutK
                )
                || (
                    hasN
                    && c.Tier == CustomerTier.Normal
                    && (contacts.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc) ?? c.CreatedAtUtc) < cutN
                )
            )
        );
    }

    /// <summary>The customers due for a follow-up that the reader may see; <paramref name="ownerId"/> narrows to one owner's.</summary>
    public async Task<PagedResult<FollowUpDueDto>> FollowUpsDueAsync(Guid? ownerId, PageRequest page, CancellationToken ct)
    {
        var (settings, today, now) = (await SettingsAsync(ct), Today(), clock.GetUtcNow().UtcDateTime);
        var q = scope.Customers().AsNoTracking();
        if (ownerId is { } o)
            q = q.Where(c => c.OwnerId == o);
        var activities = db.Set<Activity>().Where(a => !a.IsPrivate);
        var contacts = activities.Where(a => a.Type != ActivityType.Note);
        var result = await Due(db, q, settings, today, now)
            .ToPageAsync(
                x => x.OrderBy(c => c.Name).ThenBy(c => c.Id),
                x =>
                    x.Select(c => new
                    {
                        c.Id,
                        c.Name,
                        c.Tier,
                        c.OwnerId,
                        Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                        Planned = activities
                            .Where(a => a.CustomerId == c.Id)
                            .OrderByDescending(a => a.AtUtc)
                            .Select(a => a.NextFollowUpOn)
                            .FirstOrDefault(),
                        Last = contacts.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc),
                    }),
                page,
                ct
            );
        return new PagedResult<FollowUpDueDto>(
            [
                .. result.Items.Select(c => new FollowUpDueDto(
                    c.Id,
                    c.Name,
                    c.Tier,
                    c.OwnerId,
                    c.Owner,
                    c.Planned <= today ? "scheduled" : "frequency",
                    c.Planned,
                    c.Last
                )),
            ],
            result.Total
        );
    }

    /// <summary>Machines the reader may see whose warranty ends within the notice period (or <paramref name="days"/>).</summary>
    public async Task<PagedResult<WarrantyEndingDto>> WarrantyEndingAsync(Guid? ownerId, int? days, PageRequest page, CancellationToken ct)
    {
        var today = Today();
        var until = today.AddDays(days ?? (await SettingsAsync(ct)).WarrantyNoticeDays);
        var machines = scope.Machines().AsNoTracking().Where(m => m.Status != MachineStatus.Scrapped);
        if (ownerId is { } o)
            machines = machines.Where(m => db.Set<Customer>().Any(c => c.Id == m.CustomerId && c.OwnerId == o));
        var q =
            from m in machines
            where m.WarrantyEndsOn >= today && m.WarrantyEndsOn <= until
            join p in db.Set<Product>() on m.ProductId equals p.Id
            join c in db.Set<Customer>() on m.CustomerId equals c.Id
            orderby m.WarrantyEndsOn, m.SerialNumber
            select new
            {
                m.Id,
                m.SerialNumber,
                Product = p.Name,
                CustomerId = c.Id,
                Customer = c.Name,
                Ends = m.WarrantyEndsOn!.Value,
            };
        var page1 = await q.ToPageAsync(page, ct);
        return new PagedResult<WarrantyEndingDto>(
            [
                .. page1.Items.Select(x => new WarrantyEndingDto(
                    x.Id,
                    x.SerialNumber,
                    x.Product,
                    x.CustomerId,
                    x.Customer,
                    x.Ends,
                    x.Ends.DayNumber - today.DayNumber
                )),
            ],
            page1.Total
        );
    }

    private static ReminderSettingsDto Dto(ReminderSettings s) =>
        new(s.StrategicContactDays, s.KeyContactDays, s.NormalContactDays, s.WarrantyNoticeDays, s.Version);
}
