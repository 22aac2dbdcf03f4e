using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Outbox;

namespace Steadfast.Platform.Notifications;

/// <summary>
/// Posts one event to one robot or endpoint in its own message format. Any failure (network, non-2xx,
/// a robot's non-zero errcode) throws, and the outbox retries with back-off.
/// </summary>
internal sealed class WebhookSender : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Type => Notifier.WebhookMessage;

    public async Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var payload = JsonSerializer.Deserialize<WebhookPayload>(message.Payload, Json)!;
        var hook = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == payload.EndpointId, ct);
        if (hook is not { IsActive: true })
            return;
        var config = services.GetRequiredService<IConfiguration>();
        var culture = CultureInfo.GetCultureInfo(config["App:RobotCulture"] ?? "zh-CN");
        var text = NotificationText.Render(
            services.GetRequiredService<StringTables>(),
            payload.Kind,
            JsonSerializer.Serialize(payload.Args),
            culture
        );
        var link = NotificationText.Absolute(config, payload.Link);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        using var request = Build(hook, message.Id, payload, text, link, now);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{hook.Name}: HTTP {(int)response.StatusCode} {Trim(body)}");
        if (hook.Format != WebhookFormat.Json && RobotError(body) is { } error)
            throw new HttpRequestException($"{hook.Name}: {error}");
    }

    internal static HttpRequestMessage Build(
        WebhookEndpoint hook,
        Guid deliveryId,
        WebhookPayload payload,
        NotificationText.Text text,
        string link,
        DateTimeOffset now
    )
    {
        var markdown = $"**{text.Title}**\n\n{text.Body}\n\n[{link}]({link})";
        switch (hook.Format)
        {
            case WebhookFormat.WeCom:
                return Post(
                    hook.Url,
                    new JsonObject
                    {
                        ["msgtype"] = "markdown",
                        ["markdown"] = new JsonObject { ["content"] = markdown },
                    }
                );
            case WebhookFormat.DingTalk:
            {
                var url = hook.Url;
                if (hook.Secret.Length > 0)
                {
                    var ts = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    var sign = Convert.ToBase64String(
                        HMACSHA256.HashData(Encoding.UTF8.GetBytes(hook.Secret), Encoding.UTF8.GetBytes($"{ts}\n{hook.Secret}"))
                    );
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"timestamp={ts}&sign={Uri.EscapeDataString(sign)}";
                }
                return Post(
                    url,
                    new JsonObject
                    {
                        ["msgtype"] = "markdown",
                        ["markdown"] = new JsonObject { ["title"] = text.Title, ["text"] = markdown },
                    }
                );
            }
            case WebhookFormat.Feishu:
            {
                var body = new JsonObject
                {
                    ["msg_type"] = "text",
                    ["content"] = new JsonObject { ["text"] = $"{text.Title}\n{text.Body}\n{link}" },
                };
                if (hook.Secret.Length > 0)
                {
                    var ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    // Feishu signs an empty message with "timestamp\nsecret" as the key.
                    body["timestamp"] = ts;
                    body["sign"] = Convert.ToBase64String(
                        HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{ts}\n{hook.Secret}"), Array.Empty<byte>())
                    );
                }
                return Post(hook.Url, body);
            }
            default:
            {
                var json = new JsonObject
                {
                    ["id"] = deliveryId,
                    ["event"] = payload.Kind,
                    ["title"] = text.Title,
                    ["body"] = text.Body,
                    ["link"] = link,
                    ["args"] = new JsonArray([.. payload.Args.Select(a => (JsonNode?)a)]),
                    ["at"] = payload.AtUtc,
                }.ToJsonString();
                var ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Steadfast-Event", payload.Kind);
                // Receivers drop a delivery id they have seen: the outbox delivers at least once.
                request.Headers.Add("X-Steadfast-Delivery", deliveryId.ToString());
                request.Headers.Add("X-Steadfast-Timestamp", ts);
                request.Headers.Add("X-Steadfast-Signature", "sha256=" + Signature(hook.Secret, ts, json));
                return request;
            }
        }
    }

    /// <summary>HMAC-SHA256 over "timestamp.body", hex: what a receiver recomputes to trust the call.</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private static HttpRequestMessage Post(string url, JsonObject body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };

    /// <summary>WeCom and DingTalk answer 200 with errcode, Feishu with code; anything but 0 is a failure.</summary>
    private static string? RobotError(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var code = node?["errcode"] ?? node?["code"] ?? node?["StatusCode"];
            return code is not null && code.GetValueKind() == JsonValueKind.Number && code.GetValue<int>() != 0 ? Trim(body) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;
}
