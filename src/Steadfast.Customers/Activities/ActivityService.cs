using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Activities;

/// <summary>Follow-ups and private notes. A private note is visible to its author only, whoever else asks.</summary>
internal sealed class ActivityService(AppDbContext db, CustomerScope scope, TimeProvider clock, IStringLocalizer<Strings> t)
{
    private IQueryable<Activity> Visible()
    {
        var me = scope.UserId;
        return db.Set<Activity>().Where(a => !a.IsPrivate || a.AuthorId == me);
    }

    public async Task<PagedResult<ActivityDto>> ListAsync(Guid customerId, PageRequest page, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        var q = Visible().AsNoTracking().Where(a => a.CustomerId == customerId);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.AtUtc)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Select(a => new ActivityDto(
                a.Id,
                a.CustomerId,
                a.ContactId,
                db.Set<Contact>().Where(c => c.Id == a.ContactId).Select(c => c.Name).FirstOrDefault(),
                a.Type,
                a.AtUtc,
                a.Summary,
                a.NextFollowUpOn,
                a.AuthorId,
                db.Users.Where(u => u.Id == a.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                a.IsPrivate,
                a.Version
            ))
            .ToListAsync(ct);
        return new PagedResult<ActivityDto>(items, total);
    }

    public async Task<ActivityDto> CreateAsync(Guid customerId, SaveActivity input, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            AuthorId = scope.UserId ?? Guid.Empty,
            AtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await ApplyAsync(activity, input, ct);
        db.Add(activity);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(customerId, PageRequest.From(1, 500), ct)).Items.Single(a => a.Id == activity.Id);
    }

    public async Task<ActivityDto> UpdateAsync(Guid customerId, Guid id, SaveActivity input, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        // Only the author edits a follow-up: it is their account of what happened.
        var activity = await Visible().SingleOrDefaultAsync(a => a.Id == id && a.CustomerId == customerId && a.AuthorId == scope.UserId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(activity, input.Version.Value);
        await ApplyAsync(activity, input, ct);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(customerId, PageRequest.From(1, 500), ct)).Items.Single(a => a.Id == activity.Id);
    }

    public async Task DeleteAsync(Guid customerId, Guid id, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        var activity = await Visible().SingleOrDefaultAsync(a => a.Id == id && a.CustomerId == customerId && a.AuthorId == scope.UserId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Remove(activity);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>My follow-ups due on or before a day (today by default), for the home page and reminders.</summary>
    public Task<List<ActivityDto>> DueAsync(DateOnly until, CancellationToken ct)
    {
        var me = scope.UserId;
        var visible = scope.Customers().Select(c => c.Id);
        return db.Set<Activity>()
            .AsNoTracking()
            .Where(a => a.AuthorId == me && a.NextFollowUpOn != null && a.NextFollowUpOn <= until && visible.Contains(a.CustomerId))
            .OrderBy(a => a.NextFollowUpOn)
            .Take(50)
            .Select(a => new ActivityDto(
                a.Id,
                a.CustomerId,
                a.ContactId,
                null,
                a.Type,
                a.AtUtc,
                a.Summary,
                a.NextFollowUpOn,
                a.AuthorId,
                null,
                a.IsPrivate,
                a.Version
            ))
            .ToListAsync(ct);
    }

    private async Task ApplyAsync(Activity a, SaveActivity input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var summary = input.Summary?.Trim() ?? a.Summary;
        if (summary.Length is 0 or > 4000)
            errors.Add("summary", t["Activities.Error.Summary"]);
        if (input.Type is { } type && !Enum.IsDefined(type))
            errors.Add("type", t["Common.Error.Choice"]);
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.At is { } at && at.ToUniversalTime() > now.AddMinutes(5))
            errors.Add("at", t["Activities.Error.Future"]);
        if (input.NextFollowUpOn is { } next && next < DateOnly.FromDateTime(now.AddDays(-1)))
            errors.Add("nextFollowUpOn", t["Activities.Error.NextPast"]);
        if (input.ContactId is { } contact && !await db.Set<Contact>().AnyAsync(c => c.Id == contact && c.CustomerId == a.CustomerId, ct))
            errors.Add("contactId", t["Activities.Error.Contact"]);
        errors.ThrowIfAny();
        a.Type = input.Type ?? a.Type;
        a.AtUtc = input.At?.ToUniversalTime() ?? a.AtUtc;
        a.Summary = summary;
        a.NextFollowUpOn = input.NextFollowUpOn ?? a.NextFollowUpOn;
        a.ContactId = input.ContactId ?? a.ContactId;
        a.IsPrivate = input.IsPrivate ?? a.IsPrivate;
        if (a.IsPrivate)
            a.Type = ActivityType.Note;
    }

    private async Task EnsureVisibleAsync(Guid customerId, CancellationToken ct)
    {
        if (!await scope.Customers().AnyAsync(c => c.Id == customerId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
    }
}
