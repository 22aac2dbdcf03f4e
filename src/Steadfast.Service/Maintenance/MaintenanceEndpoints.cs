using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Service.Maintenance;

internal static class MaintenanceEndpoints
{
    public static void MapMaintenanceEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/maintenance").WithTags("Maintenance");
        g.MapGet("/templates", (TemplateService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("ListMaintenanceTemplates")
            .WithSummary("Every product model with its maintenance hints, whether it has a template, and how many machines have plans");
        g.MapGet("/templates/{productId:guid}", (Guid productId, TemplateService s, CancellationToken ct) => s.GetAsync(productId, ct))
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("GetMaintenanceTemplate")
            .WithSummary("A model's template; with none saved, one proposed from the model's hints (id null)");
        g.MapPut(
                "/templates/{productId:guid}",
                (Guid productId, SaveTemplate body, HttpRequest req, TemplateService s, CancellationToken ct) =>
                    s.SaveAsync(productId, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("SaveMaintenanceTemplate")
            .WithSummary("Save a model's tasks: intervals by days or months and/or running hours, checklist, parts, labour");
        g.MapPost("/plans", (CreatePlans body, PlanService s, CancellationToken ct) => s.CreateManyAsync(body.ProductId, ct))
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("CreateMaintenancePlans")
            .WithSummary("Plans for every installed machine (of a model, or of every model with a template) that has none");
        g.MapGet("/due", (int? days, Guid? customerId, bool? unscheduled, int? page, int? pageSize, PlanService s, CancellationToken ct) =>
                s.DueAsync(new DueQuery(days, customerId, unscheduled), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("ListDueMaintenance")
            .WithSummary("Tasks due within the next days (30 unless asked; overdue included), earliest first");
        g.MapPost("/generate", (VisitPlanner s, CancellationToken ct) => s.RunAsync(ct))
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("GenerateMaintenanceVisits")
            .WithSummary("Schedule now what the nightly run would: due tasks within the lead time become proposed visits, once");

        g.MapGet("/part-life", (int? take, PartLife s, CancellationToken ct) => s.ReportAsync(take ?? 100, ct))
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("PartLifeReport")
            .WithSummary("The parts replaced most often, per model, with their mean observed life");
        g.MapGet("/part-life/{partId:guid}", (Guid partId, PartLife s, CancellationToken ct) => s.StatsAsync(partId, ct))
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("PartLifeStats")
            .WithSummary("A part's observed life (days, running hours: median, mean, 10th–90th percentile) per model and overall");
        g.MapGet("/replace-soon", (int? days, Guid? customerId, int? page, int? pageSize, PartLife s, CancellationToken ct) =>
                s.ReplaceSoonAsync(new ReplaceSoonQuery(days, customerId), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("ReplaceSoon")
            .WithSummary("Fitted parts expected to need replacing within the next days (60 unless asked), soonest first");
        g.MapPost("/replace-soon/{fittingId:guid}/order", async (Guid fittingId, PartLife s, CancellationToken ct) =>
            {
                var order = await s.OrderReplacementAsync(fittingId, ct);
                return TypedResults.Created($"/api/v1/work-orders/{order.Id}", order);
            })
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("OrderPartReplacement")
            .WithSummary("Open a preventive order to replace the part before it fails");

        var m = api.MapGroup("/equipment/{machineId:guid}/maintenance-plan").WithTags("Maintenance");
        m.MapGet("", async (Guid machineId, PlanService s, CancellationToken ct) =>
                await s.GetAsync(machineId, ct) is { } plan ? Results.Ok(plan) : Results.NoContent()
            )
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("GetMaintenancePlan")
            .WithSummary("The machine's plan with each task's last done and next due, and the running-hours rate (204 when none)");
        m.MapPost("", async (Guid machineId, CreatePlan body, PlanService s, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/equipment/{machineId}/maintenance-plan", await s.CreateAsync(machineId, body, ct))
            )
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("CreateMaintenancePlan")
            .WithSummary("Make the machine's plan from its model's template (another model's template is a 400)");
        m.MapPost("/tasks", (Guid machineId, SavePlanTask body, PlanService s, CancellationToken ct) =>
                s.SaveTaskAsync(machineId, null, body, ct)
            )
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("AddMaintenanceTask")
            .WithSummary("Add a task to this machine's plan only");
        m.MapPut(
                "/tasks/{taskId:guid}",
                (Guid machineId, Guid taskId, SavePlanTask body, HttpRequest req, PlanService s, CancellationToken ct) =>
                    s.SaveTaskAsync(machineId, taskId, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("SaveMaintenanceTask")
            .WithSummary("Adjust one task of the machine's plan: intervals, checklist, parts, when it was last done, active");

        api.MapGet("/equipment/{machineId:guid}/health", (Guid machineId, HealthService s, CancellationToken ct) =>
                s.MachineAsync(machineId, ct)
            )
            .WithTags("Maintenance")
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("MachineHealth")
            .WithSummary("The machine's health score with its reasons and the recommendations the rules give");
        api.MapGet("/customers/{customerId:guid}/health", (Guid customerId, string? site, HealthService s, CancellationToken ct) =>
                s.CustomerAsync(customerId, site, ct)
            )
            .WithTags("Maintenance")
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("CustomerHealth")
            .WithSummary("The health of each machine of the customer (at one site if asked), worst first");
        g.MapGet("/health-rules", (HealthService s, CancellationToken ct) => s.RuleListAsync(ct))
            .RequirePolicy(Policies.MaintenanceReaders)
            .WithName("ListHealthRules")
            .WithSummary("The recommendation rules of the health report");
        g.MapPut("/health-rules", (SaveHealthRules body, HealthService s, CancellationToken ct) => s.SaveRulesAsync(body, ct))
            .RequirePolicy(Policies.MaintenancePlanners)
            .WithName("SaveHealthRules")
            .WithSummary("Replace the recommendation rules: when a metric is above its threshold, the report says the text");

        var w = api.MapGroup("/work-orders/{id:guid}").WithTags("Maintenance");
        w.MapGet("/maintenance", async (Guid id, VisitService s, CancellationToken ct) =>
                await s.GetAsync(id, ct) is { } v ? Results.Ok(v) : Results.NoContent()
            )
            .RequirePolicy(Policies.ServiceWork)
            .WithName("GetMaintenanceVisit")
            .WithSummary("A planned visit's machines, tasks and checklist answers (204 when the order is not a planned visit)");
        w.MapPut(
                "/checklist/{itemId:guid}/{key}",
                (Guid id, Guid itemId, string key, AnswerInput body, VisitService s, CancellationToken ct) =>
                    s.AnswerAsync(id, itemId, key, body, ct)
            )
            .RequirePolicy(Policies.ServiceWork)
            .WithName("AnswerChecklistItem")
            .WithSummary("Answer a checklist item on site; a fail or a value outside the limits is a finding");
        w.MapPost(
                "/checklist/{itemId:guid}/{key}/corrective",
                async (Guid id, Guid itemId, string key, VisitService s, CancellationToken ct) =>
                {
                    var order = await s.CorrectiveAsync(id, itemId, key, ct);
                    return TypedResults.Created($"/api/v1/work-orders/{order.Id}", order);
                }
            )
            .RequirePolicy(Policies.ServiceWork)
            .WithName("OpenCorrectiveOrder")
            .WithSummary("Open the repair a finding calls for; asked again, the order already opened");
        w.MapPost("/maintenance/date", (Guid id, MoveVisit body, HttpRequest req, VisitService s, CancellationToken ct) =>
                s.MoveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("MoveMaintenanceVisit")
            .WithSummary("Set the visit's date (the customer is told and asked again, unless it is the date they asked for)");

        var p = api.MapGroup("/my/maintenance").WithTags("Portal");
        p.MapGet("", (VisitService s, CancellationToken ct) => s.MineAsync(ct))
            .RequirePolicy(Policies.MaintenancePortal)
            .WithName("MyMaintenanceVisits")
            .WithSummary("The caller's company's coming visits and those of the last 90 days");
        p.MapPost("/{id:guid}/reply", (Guid id, VisitReply body, HttpRequest req, VisitService s, CancellationToken ct) =>
                s.ReplyAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.MaintenancePortal)
            .WithName("ReplyMaintenanceVisit")
            .WithSummary("Confirm the proposed date, or ask for another (the desk is told)");
    }
}
