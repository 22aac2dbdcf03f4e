using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Steadfast.Platform.Notifications;

namespace Steadfast.UnitTests;

/// <summary>Each robot gets its own message format and signature.</summary>
public sealed class WebhookFormatTests
{
    private static readonly NotificationText.Text Text = new("工单 WO-260302-0001 已派给您", "苏州精工：主轴异响");
    private static readonly WebhookPayload Payload = new(
        Guid.NewGuid(),
        "Assigned",
        ["WO-260302-0001"],
        "/m/orders/1",
        new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc)
    );
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static async Task<JsonElement> BodyAsync(HttpRequestMessage r) =>
        JsonDocument.Parse(await r.Content!.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task WeCom_gets_markdown()
    {
        using var r = WebhookSender.Build(
            new WebhookEndpoint { Url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", Format = WebhookFormat.WeCom },
            Guid.NewGuid(),
            Payload,
            Text,
            "http://x/m",
            Now
        );
        var body = await BodyAsync(r);
        Assert.Equal("markdown", body.GetProperty("msgtype").GetString());
        Assert.Contains("工单 WO-260302-0001", body.GetProperty("markdown").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DingTalk_signs_the_url_with_timestamp_and_secret()
    {
        using var r = WebhookSender.Build(
            new WebhookEndpoint
            {
                Url = "https://oapi.dingtalk.com/robot/send?access_token=t",
                Format = WebhookFormat.DingTalk,
                Secret = "SECabc",
            },
            Guid.NewGuid(),
            Payload,
            Text,
            "http://x/m",
            Now
        );
        var query = System.Web.HttpUtility.ParseQueryString(r.RequestUri!.Query);
        var ts = Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ts, query["timestamp"]);
        var expected = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes("SECabc"), Encoding.UTF8.GetBytes($"{ts}\nSECabc"))
        );
        Assert.Equal(expected, query["sign"]);
        Assert.Equal("t", query["access_token"]);
    }

    [Fact]
    public async Task Feishu_signs_the_body()
    {
        using var r = WebhookSender.Build(
            new WebhookEndpoint
            {
                Url = "https://open.feishu.cn/open-apis/bot/v2/hook/x",
                Format = WebhookFormat.Feishu,
                Secret = "s",
            },
            Guid.NewGuid(),
            Payload,
            Text,
            "http://x/m",
            Now
        );
        var body = await BodyAsync(r);
        var ts = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ts, body.GetProperty("timestamp").GetString());
        Assert.Equal(
            Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{ts}\ns"), Array.Empty<byte>())),
            body.GetProperty("sign").GetString()
        );
        Assert.Equal("text", body.GetProperty("msg_type").GetString());
    }

    [Fact]
    public async Task Generic_json_carries_an_hmac_a_receiver_can_check()
    {
        var delivery = Guid.NewGuid();
        using var r = WebhookSender.Build(
            new WebhookEndpoint
            {
                Url = "https://erp.example/hooks",
                Format = WebhookFormat.Json,
                Secret = "k",
            },
            delivery,
            Payload,
            Text,
            "http://x/m",
            Now
        );
        var raw = await r.Content!.ReadAsStringAsync();
        var ts = r.Headers.GetValues("X-Steadfast-Timestamp").Single();
        Assert.Equal("sha256=" + WebhookSender.Signature("k", ts, raw), r.Headers.GetValues("X-Steadfast-Signature").Single());
        Assert.Equal(delivery.ToString(), r.Headers.GetValues("X-Steadfast-Delivery").Single());
        Assert.Equal("Assigned", JsonDocument.Parse(raw).RootElement.GetProperty("event").GetString());
    }
}
