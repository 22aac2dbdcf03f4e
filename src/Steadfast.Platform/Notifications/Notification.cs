using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Platform.Notifications;

/// <summary>
/// One message in a user's in-app notification centre. The text is rendered when read, from the kind
/// and its arguments, so each reader sees it in their own language.
/// </summary>
public class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>A string-table key prefix: Notify.{Kind}.Title / .Body.</summary>
    public string Kind { get; set; } = "";

    /// <summary>JSON array of strings, the placeholders of the title and body.</summary>
    public string Args { get; set; } = "[]";
    public string Link { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}

public enum MailSecurity
{
    None = 0,
    StartTls = 1,
    SslOnConnect = 2,
}

public enum WebhookFormat
{
    Json = 0,
    WeCom = 1,
    DingTalk = 2,
    Feishu = 3,
}

internal sealed class NotificationConfiguration
    : IEntityTypeConfiguration<Notification>,
        IEntityTypeConfiguration<MailSettings>,
        IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Kind).HasMaxLength(100);
        b.Property(n => n.Args).HasMaxLength(4000);
        b.Property(n => n.Link).HasMaxLength(500);
        b.HasIndex(n => new { n.UserId, n.CreatedAtUtc });
        b.HasIndex(n => new { n.UserId, n.ReadAtUtc });
    }

    public void Configure(EntityTypeBuilder<MailSettings> b)
    {
        b.ToTable("MailSettings");
        b.Property(m => m.Host).HasMaxLength(200);
        b.Property(m => m.UserName).HasMaxLength(200);
        b.Property(m => m.Password).HasMaxLength(200);
        b.Property(m => m.FromAddress).HasMaxLength(200);
        b.Property(m => m.FromName).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(w => w.Name).HasMaxLength(100);
        b.Property(w => w.Url).HasMaxLength(1000);
        b.Property(w => w.Secret).HasMaxLength(200);
        b.Property(w => w.Events).HasMaxLength(1000);
    }
}
