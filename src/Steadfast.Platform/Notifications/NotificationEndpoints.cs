using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Platform.Notifications;

public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/notifications").RequirePolicy(Policies.SignedIn).WithTags("Notifications");
        mine.MapGet("", (bool? unread, int? page, int? pageSize, NotificationService s, CancellationToken ct) =>
                s.ListAsync(unread == true, PageRequest.From(page, pageSize), ct)
            )
            .WithName("ListNotifications")
            .WithSummary("Your notifications, newest first, in your language.");
        mine.MapGet("/unread-count", async (NotificationService s, CancellationToken ct) => new { count = await s.UnreadCountAsync(ct) })
            .WithName("UnreadNotificationCount")
            .WithSummary("The number of unread notifications");
        mine.MapPost("/{id:guid}/read", async (Guid id, NotificationService s, CancellationToken ct) =>
                new { marked = await s.MarkReadAsync(id, ct) }
            )
            .WithName("MarkNotificationRead")
            .WithSummary("Mark a notification read");
        mine.MapGet("/preferences", (NotificationService s, CancellationToken ct) => s.PreferencesAsync(ct))
            .WithName("GetNotificationPreferences")
            .WithSummary("Your notification preferences: the daily digest on or off.");
        mine.MapPut("/preferences", (NotificationPreferences body, NotificationService s, CancellationToken ct) =>
                s.SavePreferencesAsync(body, ct)
            )
            .WithName("SaveNotificationPreferences")
            .WithSummary("Switch your daily digest (bell and mail, each morning) on or off.");
        mine.MapPost("/read-all", async (NotificationService s, CancellationToken ct) => new { marked = await s.MarkReadAsync(null, ct) })
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Mark every notification read");

        var settings = api.MapGroup("/settings").RequirePolicy(Policies.Admin).WithTags("Notification settings");
        settings
            .MapGet("/mail", (NotificationService s, CancellationToken ct) => s.MailAsync(ct))
            .WithName("GetMailSettings")
            .WithSummary("The outgoing mail settings (the password is never returned)");
        settings
            .MapPut("/mail", (SaveMailSettings body, HttpRequest req, NotificationService s, CancellationToken ct) =>
                s.SaveMailAsync(body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("SaveMailSettings")
            .WithSummary("SMTP server for notification mail; an empty password keeps the stored one.");
        settings
            .MapPost("/mail/test", async (TestMail body, NotificationService s, CancellationToken ct) =>
            {
                await s.SendTestAsync(body.To, ct);
                return TypedResults.NoContent();
            })
            .WithName("SendTestMail")
            .WithSummary("Send a test mail now; 409 with the server's answer if it fails.");
        settings
            .MapGet("/webhooks", (NotificationService s, CancellationToken ct) => s.WebhooksAsync(ct))
            .WithName("ListWebhooks")
            .WithSummary("List webhooks");
        settings
            .MapPost("/webhooks", async (SaveWebhook body, NotificationService s, CancellationToken ct) =>
            {
                var hook = await s.SaveWebhookAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/settings/webhooks/{hook.Id}", hook);
            })
            .WithName("CreateWebhook")
            .WithSummary("A WeCom, DingTalk or Feishu robot, or a JSON endpoint signed with HMAC-SHA256.");
        settings
            .MapPut("/webhooks/{id:guid}", (Guid id, SaveWebhook body, HttpRequest req, NotificationService s, CancellationToken ct) =>
                s.SaveWebhookAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("UpdateWebhook")
            .WithSummary("Update a webhook");
        settings
            .MapDelete("/webhooks/{id:guid}", async (Guid id, NotificationService s, CancellationToken ct) =>
            {
                await s.DeleteWebhookAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook");
    }
}
