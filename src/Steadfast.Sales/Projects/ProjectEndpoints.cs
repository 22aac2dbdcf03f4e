using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Sales.Projects;

internal static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects").WithTags("Projects");
        g.MapGet(
                "",
                (
                    string? q,
                    ProjectStatus? status,
                    Guid? customerId,
                    Guid? ownerId,
                    bool? overdue,
                    int? page,
                    int? pageSize,
                    ProjectService s,
                    CancellationToken ct
                ) => s.ListAsync(new ProjectQuery(q, status, customerId, ownerId, overdue ?? false), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.ProjectReaders)
            .WithName("ListProjects")
            .WithSummary("Custom-order projects of the customers the caller sees; active first, the most urgent stage first");
        g.MapGet("/board", (Guid? ownerId, bool? overdue, ProjectBoard b, CancellationToken ct) =>
                b.BoardAsync(ownerId, overdue ?? false, ct)
            )
            .RequirePolicy(Policies.ProjectReaders)
            .WithName("GetProjectBoard")
            .WithSummary("Active projects by current stage, with overdue counts (at most 30 cards per stage)");
        g.MapGet("/kpis", (int? months, ProjectBoard b, IStringLocalizer<Strings> t, CancellationToken ct) =>
                months is < 1 or > 36
                    ? throw AppValidationException.For("months", t["Common.Error.Range", 1, 36])
                    : b.KpisAsync(months ?? 12, ct)
            )
            .RequirePolicy(Policies.ProjectReaders)
            .WithName("GetProjectKpis")
            .WithSummary("Average delivery cycle and time per stage over the last months (default 12)");
        g.MapGet("/{id:guid}", (Guid id, ProjectService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.ProjectReaders)
            .WithName("GetProject")
            .WithSummary("A project with its stages and deliverables");
        g.MapPost("", async (CreateProject body, ProjectService s, CancellationToken ct) =>
            {
                var p = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/projects/{p.Id}", p);
            })
            .RequirePolicy(Policies.ProjectEditors)
            .WithName("CreateProject")
            .WithSummary("Start a project for a sales order or an opportunity (exactly one) on a template (default if none)");
        g.MapPut(
                "/{id:guid}/stages/{stageId:guid}",
                (Guid id, Guid stageId, SaveProjectStage body, HttpRequest req, ProjectService s, CancellationToken ct) =>
                    s.UpdateStageAsync(id, stageId, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ProjectEditors)
            .WithName("UpdateProjectStage")
            .WithSummary("Set a stage's owner, planned dates or note (the project's owner or a manager)");
        g.MapPost(
                "/{id:guid}/stages/{stageId:guid}/complete",
                (Guid id, Guid stageId, CompleteStage body, HttpRequest req, ProjectService s, CancellationToken ct) =>
                    s.CompleteStageAsync(id, stageId, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ProjectEditors)
            .WithName("CompleteProjectStage")
            .WithSummary("Complete the current stage: 400 naming the deliverables still without a file");
        g.MapPost(
                "/{id:guid}/stages/{stageId:guid}/deliverables/{deliverableId:guid}",
                async (
                    Guid id,
                    Guid stageId,
                    Guid deliverableId,
                    IFormFile? file,
                    ProjectService s,
                    IStringLocalizer<Strings> t,
                    CancellationToken ct
                ) =>
                {
                    if (file is null)
                        throw AppValidationException.For("file", t["Import.Error.FileRequired"]);
                    await using var content = file.OpenReadStream();
                    return await s.UploadAsync(id, stageId, deliverableId, file.FileName, content, file.Length, ct);
                }
            )
            .RequirePolicy(Policies.ProjectEditors)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentService.MaxBytes + 64 * 1024))
            .WithName("UploadProjectDeliverable")
            .WithSummary("multipart: file (JPEG, PNG, WebP or PDF, at most 10 MB) fulfilling one required deliverable");
        g.MapGet(
                "/{id:guid}/stages/{stageId:guid}/files/{fileId:guid}",
                async (Guid id, Guid stageId, Guid fileId, ProjectService s, CancellationToken ct) =>
                {
                    var (content, type, name) = await s.OpenAsync(id, stageId, fileId, ct);
                    return TypedResults.File(content, type, name);
                }
            )
            .RequirePolicy(Policies.ProjectReaders)
            .WithName("GetProjectDeliverable")
            .WithSummary("Download a deliverable's file")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        g.MapPost("/{id:guid}/cancel", (Guid id, CancelProject body, HttpRequest req, ProjectService s, CancellationToken ct) =>
                s.CancelAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ProjectEditors)
            .WithName("CancelProject")
            .WithSummary("Cancel an active project with a reason");

        var tg = api.MapGroup("/project-templates").WithTags("Projects");
        tg.MapGet("", (TemplateService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.ProjectReaders)
            .WithName("ListProjectTemplates")
            .WithSummary("Project templates with their stages and required deliverables");
        tg.MapPost("", async (SaveTemplate body, TemplateService s, CancellationToken ct) =>
            {
                var x = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/project-templates/{x.Id}", x);
            })
            .RequirePolicy(Policies.SalesManagers)
            .WithName("CreateProjectTemplate")
            .WithSummary("Add a project template");
        tg.MapPut("/{id:guid}", (Guid id, SaveTemplate body, HttpRequest req, TemplateService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesManagers)
            .WithName("UpdateProjectTemplate")
            .WithSummary("Change a template (projects already started keep their stages)");

        api.MapGet("/portal/projects", (ProjectService s, CancellationToken ct) => s.ProgressAsync(null, ct))
            .WithTags("Portal")
            .RequirePolicy(Policies.ProjectProgress)
            .WithName("ListMyProjects")
            .WithSummary("The caller's company's projects and where each stands (customers and dealers)");
    }
}
