using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

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

public enum MailSecurity { None = 0, StartTls = 1, SslOnConnect = 2 }

/// <summary>The company's outgoing mail server; one row.</summary>
[RecordType("mailsettings")]
public class MailSettings : IVersioned, IAudited
{
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-0000000000e1");
    public Guid Id { get; set; } = SingletonId;
    public bool Enabled { get; set; }
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public MailSecurity Security { get; set; }
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "Steadfast";
    public long Version { get; set; } = 1;
}

public enum WebhookFormat { Json = 0, WeCom = 1, DingTalk = 2, Feishu = 3 }

/// <summary>A chat robot or system that receives events: WeCom, DingTalk, Feishu, or signed JSON.</summary>
[RecordType("webhook")]
public class WebhookEndpoint : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public WebhookFormat Format { get; set; }
    /// <summary>HMAC key for JSON; the robot's signing secret for DingTalk and Feishu.</summary>
    public string Secret { get; set; } = "";
    /// <summary>Comma-separated notification kinds it receives; empty for all.</summary>
    public string Events { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public long Version { get; set; } = 1;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<MailSettings>, IEntityTypeConfiguration<WebhookEndpoint>
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
