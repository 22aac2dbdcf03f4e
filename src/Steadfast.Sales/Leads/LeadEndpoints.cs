using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Sales.Leads;

internal static class LeadEndpoints
{
    public static void MapLeadEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/leads").WithTags("Sales");
        g.MapGet(
                "",
                (
                    string? q,
                    LeadStatus? status,
                    LeadSource? source,
                    Guid? ownerId,
                    bool? mine,
                    bool? pool,
                    bool? overdue,
                    string? province,
                    int? page,
                    int? pageSize,
                    LeadService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        new LeadQuery(q, status, source, ownerId, mine ?? false, pool ?? false, overdue ?? false, province),
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .RequirePolicy(Policies.SalesStaff)
            .WithName("ListLeads")
            .WithSummary("Leads the caller may see, newest first; overdue = assigned over 24 h ago and never contacted (shown red).");
        g.MapGet("/{id:guid}", (Guid id, LeadService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("GetLead")
            .WithSummary("A lead with its assignment reason and contacts");
        g.MapGet(
                "/duplicates",
                (string? companyName, string? creditCode, string? phone, Guid? except, LeadService s, CancellationToken ct) =>
                    s.DuplicatesAsync(companyName, creditCode, phone, except, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("LeadDuplicates")
            .WithSummary("Customers and open leads matching by credit code, name or phone, before a lead is entered.");
        g.MapPost("", CreateAsync)
            .RequirePolicy(Policies.LeadIntake)
            .RequireRateLimiting(RateLimits.LeadIntake)
            .WithName("CreateLead")
            .WithSummary(
                "Enter a lead. Staff: assigned by hand, to the rep entering it, or by the rules. A website form's token (scope "
                    + "leads.intake): always by the rules, and a second post from the same phone or e-mail while the first lead is "
                    + "open answers 200 with that lead (duplicate: true) instead of making another."
            );
        g.MapPut("/{id:guid}", (Guid id, SaveLead body, HttpRequest req, LeadService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("UpdateLead")
            .WithSummary("Update a lead");
        g.MapPost("/{id:guid}/assign", (Guid id, AssignLead body, HttpRequest req, LeadService s, CancellationToken ct) =>
                s.AssignAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesManagers)
            .WithName("AssignLead")
            .WithSummary("To a rep by hand, back to the pool (no owner), or by the rules again (auto: true).");
        g.MapPost("/{id:guid}/contacts", (Guid id, LogContact body, LeadService s, CancellationToken ct) => s.LogContactAsync(id, body, ct))
            .RequirePolicy(Policies.SalesWork)
            .WithName("LogLeadContact")
            .WithSummary("A call, visit or message with the lead; the first stops the 24-hour clock.");
        g.MapPost("/{id:guid}/qualify", (Guid id, VersionOnly? body, HttpRequest req, LeadService s, CancellationToken ct) =>
                s.QualifyAsync(id, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("QualifyLead")
            .WithSummary("Qualify a lead");
        g.MapPost("/{id:guid}/disqualify", (Guid id, Disqualify body, HttpRequest req, LeadService s, CancellationToken ct) =>
                s.DisqualifyAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("DisqualifyLead")
            .WithSummary("Disqualify with a reason");
        g.MapPost("/{id:guid}/convert", async (Guid id, ConvertLead body, HttpRequest req, LeadService s, CancellationToken ct) =>
            {
                var c = await s.ConvertAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct);
                return TypedResults.Created($"/api/v1/opportunities/{c.OpportunityId}", c);
            })
            .RequirePolicy(Policies.SalesWork)
            .WithName("ConvertLead")
            .WithSummary(
                "Registers the company (credit code checked) and its contact, or links the customer named, and opens an opportunity: "
                    + "all or nothing."
            );

        var rules = api.MapGroup("/lead-assignment-rules").WithTags("Sales");
        rules
            .MapGet("", (AssignmentRuleService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.SalesManagers)
            .WithName("ListLeadAssignmentRules")
            .WithSummary("The assignment rules in the order they are tried");
        rules
            .MapPost("", async (SaveAssignmentRule body, AssignmentRuleService s, CancellationToken ct) =>
            {
                var r = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/lead-assignment-rules/{r.Id}", r);
            })
            .RequirePolicy(Policies.SalesManagers)
            .WithName("CreateLeadAssignmentRule")
            .WithSummary("Provinces, industries, product categories (each empty = any) → reps, round robin under the cap.");
        rules
            .MapPut("/{id:guid}", (Guid id, SaveAssignmentRule body, HttpRequest req, AssignmentRuleService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesManagers)
            .WithName("UpdateLeadAssignmentRule")
            .WithSummary("Update an assignment rule");
        rules
            .MapDelete("/{id:guid}", async (Guid id, AssignmentRuleService s, CancellationToken ct) =>
            {
                await s.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePolicy(Policies.SalesManagers)
            .WithName("DeleteLeadAssignmentRule")
            .WithSummary("Delete an assignment rule");
        var settings = api.MapGroup("/sales/settings").WithTags("Sales");
        settings
            .MapGet("", (AssignmentRuleService s, CancellationToken ct) => s.SettingsAsync(ct))
            .RequirePolicy(Policies.SalesManagers)
            .WithName("GetSalesSettings")
            .WithSummary("The open-lead cap per rep");
        settings
            .MapPut("", (SaveSalesSettings body, HttpRequest req, AssignmentRuleService s, CancellationToken ct) =>
                s.SaveSettingsAsync(body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesManagers)
            .WithName("SaveSalesSettings")
            .WithSummary("Set the open-lead cap per rep");
    }

    private static async Task<Results<Created<LeadDetail>, Created<LeadCreated>, Ok<LeadCreated>>> CreateAsync(
        SaveLead body,
        HttpContext http,
        LeadService s,
        CancellationToken ct
    )
    {
        if (http.User.HasClaim(ApiScopes.Claim, ApiScopes.LeadIntake))
        {
            var r = await s.IntakeAsync(body, ct);
            return r.Duplicate ? TypedResults.Ok(r) : TypedResults.Created($"/api/v1/leads/{r.Id}", r);
        }
        var lead = await s.CreateAsync(body, ct);
        return TypedResults.Created($"/api/v1/leads/{lead.Id}", lead);
    }
}
