using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;

namespace Steadfast.Sales.Ecn;

internal static class EcnEndpoints
{
    public static void MapEcnEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/ecns").WithTags("ECN");
        g.MapGet("", (EcnStatus? status, string? q, int? page, int? pageSize, EcnService s, CancellationToken ct) =>
                s.ListAsync(status, q, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.EcnReaders)
            .WithName("ListEcns")
            .WithSummary("Engineering changes, drafts first, then the newest published, with confirmation progress");
        g.MapGet("/{id:guid}", (Guid id, EcnService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.EcnReaders)
            .WithName("GetEcn")
            .WithSummary("An ECN with its scope and counts");
        g.MapGet("/{id:guid}/impacts", (Guid id, ImpactKind kind, int? page, int? pageSize, EcnService s, CancellationToken ct) =>
                s.ImpactsAsync(id, kind, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.EcnReaders)
            .WithName("ListEcnImpacts")
            .WithSummary("The records of one kind a published ECN touched (SalesOrder, Opportunity, Project, Machine, WorkOrder)");
        g.MapGet("/{id:guid}/confirmations", (Guid id, bool? open, int? page, int? pageSize, EcnService s, CancellationToken ct) =>
                s.ConfirmationsAsync(id, open ?? false, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.EcnReaders)
            .WithName("ListEcnConfirmations")
            .WithSummary("One row per affected customer: account manager, due time, answer per order");
        g.MapPost("", async (SaveEcn body, EcnService s, CancellationToken ct) =>
            {
                var e = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/ecns/{e.Id}", e);
            })
            .RequirePolicy(Policies.EcnPublishers)
            .WithName("CreateEcn")
            .WithSummary("Write an ECN draft: at least one model or part; a number already used is a 409");
        g.MapPut("/{id:guid}", (Guid id, SaveEcn body, HttpRequest req, EcnService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.EcnPublishers)
            .WithName("UpdateEcn")
            .WithSummary("Change a draft (a published ECN is final)");
        g.MapPost("/{id:guid}/publish", (Guid id, PublishEcn body, HttpRequest req, EcnService s, CancellationToken ct) =>
                s.PublishAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.EcnPublishers)
            .WithName("PublishEcn")
            .WithSummary("Publish: find what it touches and ask each affected customer's account manager to confirm within 24 h");
        g.MapPost(
                "/{id:guid}/confirmations/{confirmationId:guid}/answer",
                (Guid id, Guid confirmationId, AnswerEcn body, HttpRequest req, EcnService s, CancellationToken ct) =>
                    s.AnswerAsync(id, confirmationId, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.EcnReaders)
            .WithName("AnswerEcn")
            .WithSummary(
                "Record the customer's answer (Accepted, Rejected, Discuss), overall and per order; the account manager or a manager"
            );
        AttachmentRoutes.Map(
            api.MapGroup("/ecns/{id:guid}/attachments").WithTags("ECN"),
            Ecn.RecordTypeName,
            Policies.EcnPublishers,
            (sp, id, ct) => sp.GetRequiredService<AppDbContext>().Set<Ecn>().AnyAsync(e => e.Id == id, ct),
            Policies.EcnReaders
        );
    }
}
