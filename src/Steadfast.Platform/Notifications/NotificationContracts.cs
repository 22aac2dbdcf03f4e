namespace Steadfast.Platform.Notifications;

public sealed record NotificationDto(Guid Id, string Kind, string Title, string Body, string Link, DateTime CreatedAt, bool Read);

public sealed record MailSettingsDto(
    bool Enabled,
    string Host,
    int Port,
    MailSecurity Security,
    string UserName,
    bool HasPassword,
    string FromAddress,
    string FromName,
    long Version
);

public sealed record SaveMailSettings(
    bool? Enabled,
    string? Host,
    int? Port,
    MailSecurity? Security,
    string? UserName,
    string? Password,
    string? FromAddress,
    string? FromName,
    long? Version
);

public sealed record WebhookDto(
    Guid Id,
    string Name,
    string Url,
    WebhookFormat Format,
    bool HasSecret,
    string Events,
    bool IsActive,
    long Version
);

public sealed record SaveWebhook(
    string? Name,
    string? Url,
    WebhookFormat? Format,
    string? Secret,
    string? Events,
    bool? IsActive,
    long? Version
);

public sealed record TestMail(string? To);

/// <summary>DailyDigest: the morning summary of follow-ups due, orders and approvals waiting, warranty ends.</summary>
public sealed record NotificationPreferences(bool? DailyDigest);
