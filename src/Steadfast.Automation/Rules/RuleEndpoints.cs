using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Rules;

internal static class RuleEndpoints
{
    public static void MapRuleEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/automation").WithTags("Automation").RequirePolicy(Policies.RuleEditors);
        g.MapGet("/record-types", (RuleService s, CancellationToken ct) => s.RecordTypesAsync(ct))
            .WithName("AutomationRecordTypes")
            .WithSummary(
                "The record types rules can watch, with the fields they may read, watch, time from or set (custom fields as cf.key)."
            );
        g.MapGet("/targets", (RuleService s, CancellationToken ct) => s.TargetsAsync(ct))
            .WithName("AutomationTargets")
            .WithSummary("Whom and what a rule may name: active users, teams, robots and webhook endpoints.");
        g.MapGet("/templates", (RuleService s, CancellationToken ct) => s.TemplatesAsync(ct))
            .WithName("RuleTemplates")
            .WithSummary("Ready-made rules from the field (停产 → robot, untouched for 24 h, renewal 30 days ahead) to start from.");
        g.MapGet("/rules", (string? recordType, bool? enabled, int? page, int? pageSize, RuleService s, CancellationToken ct) =>
                s.ListAsync(recordType, enabled, PageRequest.From(page, pageSize), ct)
            )
            .WithName("ListRules")
            .WithSummary("Rules, enabled first, each with its plain-words summary and its run and failure counts.");
        g.MapGet("/rules/{id:guid}", (Guid id, RuleService s, CancellationToken ct) => s.GetAsync(id, ct))
            .WithName("GetRule")
            .WithSummary("One rule.");
        g.MapPost("/rules", async (SaveRule body, RuleService s, CancellationToken ct) =>
            {
                var dto = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/automation/rules/{dto.Id}", dto);
            })
            .WithName("CreateRule")
            .WithSummary(
                "Create a rule: name, recordType, definition {trigger, conditions, actions}, enabled, owner. Every field, value, "
                    + "placeholder, recipient and endpoint is checked; a 400 names the part (definition.actions[0].to[1].value)."
            );
        g.MapPut("/rules/{id:guid}", (Guid id, SaveRule body, HttpRequest req, RuleService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("UpdateRule")
            .WithSummary("Save a new revision of a rule (switching it on or off is a save too). 409 on a stale version.");
        g.MapGet("/rules/{id:guid}/runs", (Guid id, RunOutcome? outcome, int? page, int? pageSize, RuleService s, CancellationToken ct) =>
                s.RunsAsync(id, outcome, PageRequest.From(page, pageSize), ct)
            )
            .WithName("RuleRuns")
            .WithSummary("The rule's run log, newest first: each firing's record, the values its conditions saw, its actions and errors.");
        g.MapGet("/rules/{id:guid}/revisions", (Guid id, RuleService s, CancellationToken ct) => s.RevisionsAsync(id, ct))
            .WithName("RuleRevisions")
            .WithSummary("Every saved revision of the rule, newest first, in plain words.");
        g.MapPost("/rules/simulate", (SimulateRule body, RuleService s, CancellationToken ct) => s.SimulateAsync(body, ct))
            .WithName("SimulateRule")
            .WithSummary(
                "Dry run: what this definition would have done over the last days (1–90) from the audit log and the records. "
                    + "Nothing is sent or changed."
            );
    }
}
