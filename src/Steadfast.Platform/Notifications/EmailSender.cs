using System.Globalization;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Outbox;

namespace Steadfast.Platform.Notifications;

public sealed record DirectEmail(string To, string Subject, string Body);

/// <summary>Sends outbox mail through the configured SMTP server. Mail switched off is not an error: the message is dropped.</summary>
internal sealed class EmailSender : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Type => Notifier.EmailMessage;

    public async Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var settings = await db.Set<MailSettings>().AsNoTracking().SingleOrDefaultAsync(ct);
        if (settings is not { Enabled: true })
            return;
        var payload = JsonSerializer.Deserialize<EmailPayload>(message.Payload, Json)!;
        var n = await db.Set<Notification>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == payload.NotificationId, ct);
        if (n is null)
            return;
        var user = await db
            .Users.AsNoTracking()
            .Where(u => u.Id == n.UserId)
            .Select(u => new
            {
                u.Email,
                u.Culture,
                u.IsActive,
            })
            .SingleOrDefaultAsync(ct);
        if (user is not { IsActive: true } || string.IsNullOrWhiteSpace(user.Email))
            return;
        var text = NotificationText.Render(
            services.GetRequiredService<StringTables>(),
            n.Kind,
            n.Args,
            CultureInfo.GetCultureInfo(user.Culture ?? "zh-CN")
        );
        var link = NotificationText.Absolute(services.GetRequiredService<IConfiguration>(), n.Link);
        await SendAsync(settings, message.Id, user.Email, text.Title, $"{text.Body}\n\n{link}", ct);
    }

    public static async Task SendAsync(MailSettings settings, Guid messageId, string to, string subject, string body, CancellationToken ct)
    {
        var mail = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = body },
        };
        mail.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mail.To.Add(MailboxAddress.Parse(to));
        // A retried message keeps its id, so a receiving server or a person can tell it is the same mail.
        mail.MessageId = $"{messageId:N}@steadfast";
        using var smtp = new SmtpClient();
        var security = settings.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await smtp.ConnectAsync(settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
            await smtp.AuthenticateAsync(settings.UserName, settings.Password, ct);
        await smtp.SendAsync(mail, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}

/// <summary>Mail already written for someone outside the system, such as the customer's survey link.</summary>
internal sealed class DirectEmailSender : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public const string MessageType = "email.direct";
    public string Type => MessageType;

    public async Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct)
    {
        var settings = await services.GetRequiredService<AppDbContext>().Set<MailSettings>().AsNoTracking().SingleOrDefaultAsync(ct);
        if (settings is not { Enabled: true })
            return;
        var mail = JsonSerializer.Deserialize<DirectEmail>(message.Payload, Json)!;
        await EmailSender.SendAsync(settings, message.Id, mail.To, mail.Subject, mail.Body, ct);
    }
}

public static class NotificationText
{
    public sealed record Text(string Title, string Body);

    public static Text Render(StringTables tables, string kind, string argsJson, CultureInfo culture)
    {
        // An argument starting with @ is itself a string key, e.g. the SLA target's name in the reader's language.
        var args = (JsonSerializer.Deserialize<string[]>(argsJson) ?? [])
            .Select(a => a.StartsWith('@') ? tables.Find(a[1..], culture) ?? a : a)
            .ToArray();
        string Format(string key) => tables.Find(key, culture) is { } f ? string.Format(culture, f, args.Cast<object>().ToArray()) : key;
        return new Text(Format($"Notify.{kind}.Title"), Format($"Notify.{kind}.Body"));
    }

    /// <summary>Links in mail and chat must be absolute; the public address comes from configuration.</summary>
    public static string Absolute(IConfiguration config, string link) =>
        link.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? link
            : (config["App:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/') + link;
}
