using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.Notifications;

/// <summary>The signed-in user's notification centre, and the admin's mail and robot settings.</summary>
public sealed class NotificationService(
    AppDbContext db,
    CurrentActor actor,
    StringTables tables,
    IStringLocalizer<Strings> t,
    TimeProvider clock
)
{
    public static readonly string[] Kinds =
    [
        "Assigned",
        "SlaWarning",
        "SlaBreached",
        "Escalated",
        "QrReport",
        "CallbackDue",
        "PartsReorder",
        "PartRequest",
        "PartRequestDecided",
        "AutoDispatchFailed",
        "FollowUpDue",
        "WarrantyEnding",
        "DailyDigest",
        "Rule",
        "RuleFailed",
        "Approval",
        "ApprovalEscalated",
        "ApprovalOverdue",
        "ApprovalDecided",
        "LeadAssigned",
        "LeadPooled",
        "EcnConfirm",
        "EcnOverdue",
        "EntitlementExhausted",
        "PartsCapReached",
        "MaintenanceProposed",
        "MaintenanceNewDate",
    ];

    private Guid Me => actor.UserId ?? throw new AppNotFoundException(t["Common.NotFound"]);

    public async Task<NotificationPreferences> PreferencesAsync(CancellationToken ct)
    {
        var me = Me;
        return new NotificationPreferences(await db.Users.Where(u => u.Id == me).Select(u => u.DailyDigest).SingleAsync(ct));
    }

    public async Task<NotificationPreferences> SavePreferencesAsync(NotificationPreferences input, CancellationToken ct)
    {
        if (input.DailyDigest is not { } digest)
            throw AppValidationException.For("dailyDigest", t["Common.Error.Required"]);
        var me = Me;
        var user = await db.Users.SingleAsync(u => u.Id == me, ct);
        user.DailyDigest = digest;
        await db.SaveChangesAsync(ct);
        return new NotificationPreferences(user.DailyDigest);
    }

    public async Task<PagedResult<NotificationDto>> ListAsync(bool unreadOnly, PageRequest page, CancellationToken ct)
    {
        var q = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == Me);
        if (unreadOnly)
            q = q.Where(n => n.ReadAtUtc == null);
        var result = await q.ToPageAsync(x => x.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id), x => x, page, ct);
        return new PagedResult<NotificationDto>(
            [
                .. result.Items.Select(n =>
                {
                    var text = NotificationText.Render(tables, n.Kind, n.Args, CultureInfo.CurrentUICulture);
                    return new NotificationDto(n.Id, n.Kind, text.Title, text.Body, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null);
                }),
            ],
            result.Total
        );
    }

    public Task<int> UnreadCountAsync(CancellationToken ct) =>
        db.Set<Notification>().CountAsync(n => n.UserId == Me && n.ReadAtUtc == null, ct);

    /// <summary>Marks one notification read, or all of the user's when id is null.</summary>
    public Task<int> MarkReadAsync(Guid? id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Set<Notification>().Where(n => n.UserId == Me && n.ReadAtUtc == null);
        if (id is { } one)
            q = q.Where(n => n.Id == one);
        return q.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
    }

    public async Task<MailSettingsDto> MailAsync(CancellationToken ct)
    {
        var m = await db.Set<MailSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new MailSettings();
        return new MailSettingsDto(
            m.Enabled,
            m.Host,
            m.Port,
            m.Security,
            m.UserName,
            m.Password.Length > 0,
            m.FromAddress,
            m.FromName,
            m.Version
        );
    }

    public async Task<MailSettingsDto> SaveMailAsync(SaveMailSettings input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var enabled = input.Enabled ?? false;
        if (enabled && string.IsNullOrWhiteSpace(input.Host))
            errors.Add("host", t["Common.Error.Required"]);
        if (input.Host is { Length: > 200 })
            errors.Add("host", t["Common.Error.MaxLength", 200]);
        if (input.Port is { } p && (p < 1 || p > 65535))
            errors.Add("port", t["Common.Error.Range", 1, 65535]);
        if (input.Security is { } s && !Enum.IsDefined(s))
            errors.Add("security", t["Common.Error.Choice"]);
        if (enabled && !IsEmail(input.FromAddress))
            errors.Add("fromAddress", t["Notify.Error.Email"]);
        if (input.UserName is { Length: > 200 })
            errors.Add("userName", t["Common.Error.MaxLength", 200]);
        if (input.Password is { Length: > 200 })
            errors.Add("password", t["Common.Error.MaxLength", 200]);
        if (input.FromName is { Length: > 100 })
            errors.Add("fromName", t["Common.Error.MaxLength", 100]);
        errors.ThrowIfAny();
        var m = await db.Set<MailSettings>().SingleOrDefaultAsync(ct);
        if (m is null)
            db.Add(m = new MailSettings());
        else if (input.Version is { } v)
            db.ExpectVersion(m, v);
        m.Enabled = enabled;
        m.Host = input.Host?.Trim() ?? "";
        m.Port = input.Port ?? 25;
        m.Security = input.Security ?? MailSecurity.None;
        m.UserName = input.UserName?.Trim() ?? "";
        // An empty password in the form means "keep the stored one": it is never sent back to the browser.
        if (!string.IsNullOrEmpty(input.Password))
            m.Password = input.Password;
        m.FromAddress = input.FromAddress?.Trim() ?? "";
        m.FromName = string.IsNullOrWhiteSpace(input.FromName) ? "Steadfast" : input.FromName.Trim();
        await db.SaveChangesAsync(ct);
        return await MailAsync(ct);
    }

    /// <summary>Sends a test mail now (not through the outbox): the admin wants to see it work or fail at once.</summary>
    public async Task SendTestAsync(string? to, CancellationToken ct)
    {
        if (!IsEmail(to))
            throw AppValidationException.For("to", t["Notify.Error.Email"]);
        var m = await db.Set<MailSettings>().AsNoTracking().SingleOrDefaultAsync(ct);
        if (m is not { Enabled: true })
            throw new AppConflictException(t["Notify.Error.MailOff"]);
        try
        {
            await EmailSender.SendAsync(m, Guid.CreateVersion7(), to!, t["Notify.TestSubject"], t["Notify.TestBody"], ct);
        }
        catch (Exception ex)
            when (ex
                    is IOException
                        or MailKit.ProtocolException
                        or MailKit.CommandException
                        or System.Net.Sockets.SocketException
                        or MailKit.Security.AuthenticationException
            )
        {
            throw new AppConflictException(t["Notify.Error.MailFailed", ex.Message]);
        }
    }

    public Task<List<WebhookDto>> WebhooksAsync(CancellationToken ct) =>
        db.Set<WebhookEndpoint>()
            .AsNoTracking()
            .OrderBy(w => w.Name)
            .Select(w => new WebhookDto(w.Id, w.Name, w.Url, w.Format, w.Secret != "", w.Events, w.IsActive, w.Version))
            .ToListAsync(ct);

    public async Task<WebhookDto> SaveWebhookAsync(Guid? id, SaveWebhook input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add("name", t["Common.Error.Required"]);
        else if (input.Name.Trim().Length > 100)
            errors.Add("name", t["Common.Error.MaxLength", 100]);
        if (
            !Uri.TryCreate(input.Url?.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || input.Url!.Length > 1000
        )
            errors.Add("url", t["Notify.Error.Url"]);
        if (input.Format is not { } format || !Enum.IsDefined(format))
            errors.Add("format", t["Common.Error.Choice"]);
        if (input.Secret is { Length: > 200 })
            errors.Add("secret", t["Common.Error.MaxLength", 200]);
        var events = (input.Events ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (events.Any(e => !Kinds.Contains(e, StringComparer.Ordinal)))
            errors.Add("events", t["Notify.Error.Events", string.Join(", ", Kinds)]);
        errors.ThrowIfAny();
        WebhookEndpoint hook;
        if (id is { } existing)
        {
            hook = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(w => w.Id == existing, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"]);
            if (input.Version is { } v)
                db.ExpectVersion(hook, v);
        }
        else
            db.Add(hook = new WebhookEndpoint { Id = Guid.CreateVersion7() });
        hook.Name = input.Name!.Trim();
        hook.Url = input.Url!.Trim();
        hook.Format = input.Format!.Value;
        if (!string.IsNullOrEmpty(input.Secret))
            hook.Secret = input.Secret;
        hook.Events = string.Join(",", events);
        hook.IsActive = input.IsActive ?? true;
        await db.SaveChangesAsync(ct);
        return (await WebhooksAsync(ct)).Single(w => w.Id == hook.Id);
    }

    public async Task DeleteWebhookAsync(Guid id, CancellationToken ct)
    {
        var hook = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(w => w.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Remove(hook);
        await db.SaveChangesAsync(ct);
    }

    private static bool IsEmail(string? s) =>
        !string.IsNullOrWhiteSpace(s)
        && s.Length <= 200
        && MimeKit.MailboxAddress.TryParse(s.Trim(), out var a)
        && a.Address.Contains('@', StringComparison.Ordinal);
}
