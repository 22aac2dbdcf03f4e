using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Notifications;

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
