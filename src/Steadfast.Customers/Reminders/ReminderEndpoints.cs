using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Identity;

namespace Steadfast.Customers.Reminders;

internal static class ReminderEndpoints
{
    public static void MapReminderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/customers/follow-ups-due",
                (bool? mine, Guid? ownerId, int? page, int? pageSize, CurrentActor me, ReminderService s, CancellationToken ct) =>
                    s.FollowUpsDueAsync(mine == true ? me.UserId : ownerId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithTags("Customers")
            .WithName("FollowUpsDue")
            .WithSummary(
                "Customers to contact now: a planned follow-up date that has come (reason scheduled), or past the tier's contact "
                    + "frequency (reason frequency). mine=true for your own customers."
            );
        api.MapGet(
                "/equipment/warranty-ending",
                (bool? mine, int? days, int? page, int? pageSize, CurrentActor me, ReminderService s, CancellationToken ct) =>
                    s.WarrantyEndingAsync(mine == true ? me.UserId : null, Days(days), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithTags("Equipment")
            .WithName("WarrantyEnding")
            .WithSummary("Machines whose warranty ends within days (the notice period unless given), soonest first.");
        var g = api.MapGroup("/reminder-settings").WithTags("Customers");
        g.MapGet("", (ReminderService s, CancellationToken ct) => s.GetSettingsAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetReminderSettings")
            .WithSummary("Contact frequency per tier in days (none when absent) and the warranty notice period.");
        g.MapPut("", (SaveReminderSettings body, HttpRequest req, ReminderService s, CancellationToken ct) =>
                s.SaveSettingsAsync(body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("SaveReminderSettings")
            .WithSummary("Set the contact frequencies (1–3650 days, or absent for none) and the warranty notice period (1–365 days).");
    }

    private static int? Days(int? days) => days is < 1 or > 3650 ? throw AppValidationException.For("days", $"1–3650") : days;
}
