using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Notifications;

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
