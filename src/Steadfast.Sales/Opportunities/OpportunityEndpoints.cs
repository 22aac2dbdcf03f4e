using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Sales.Leads;

namespace Steadfast.Sales.Opportunities;

internal static class OpportunityEndpoints
{
    public static void MapOpportunityEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/opportunities").WithTags("Sales");
        g.MapGet(
                "",
                (
                    string? q,
                    StageKind? status,
                    Guid? stageId,
                    Guid? ownerId,
                    bool? mine,
                    Guid? customerId,
                    DateOnly? closeFrom,
                    DateOnly? closeTo,
                    bool? overdue,
                    int? page,
                    int? pageSize,
                    OpportunityService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        new OpportunityQuery(q, status, stageId, ownerId, mine ?? false, customerId, closeFrom, closeTo, overdue ?? false),
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .RequirePolicy(Policies.SalesStaff)
            .WithName("ListOpportunities")
            .WithSummary("Opportunities the caller may see, by expected close date");
        g.MapGet("/board", (Guid? ownerId, bool? mine, Pipeline p, CancellationToken ct) => p.BoardAsync(ownerId, mine ?? false, ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("OpportunityBoard")
            .WithSummary("The pipeline by stage: count, amount and weighted amount per stage, and the first cards by close date.");
        g.MapGet("/forecast", (int? months, ForecastBy? by, Guid? ownerId, bool? mine, Pipeline p, CancellationToken ct) =>
                p.ForecastAsync(months ?? 6, by ?? ForecastBy.Owner, ownerId, mine ?? false, ct)
            )
            .RequirePolicy(Policies.SalesStaff)
            .WithName("OpportunityForecast")
            .WithSummary("Weighted open amount (amount × stage probability) by month of expected close, by owner, team or region.");
        g.MapGet("/suggestions", (Guid customerId, Pipeline p, CancellationToken ct) => p.SuggestAsync(customerId, ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("OpportunitySuggestions")
            .WithSummary("What the customer bought before, and what customers of its industry and size buy most.");
        g.MapGet("/{id:guid}", (Guid id, OpportunityService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("GetOpportunity")
            .WithSummary("An opportunity with its lines and contacts");
        g.MapPost("", async (SaveOpportunity body, OpportunityService s, CancellationToken ct) =>
            {
                var o = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/opportunities/{o.Id}", o);
            })
            .RequirePolicy(Policies.SalesWork)
            .WithName("CreateOpportunity")
            .WithSummary("A close date already past is accepted and named in warnings.");
        g.MapPut("/{id:guid}", (Guid id, SaveOpportunity body, HttpRequest req, OpportunityService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("UpdateOpportunity")
            .WithSummary("Update an open opportunity");
        g.MapPost("/{id:guid}/move", (Guid id, MoveOpportunity body, HttpRequest req, OpportunityService s, CancellationToken ct) =>
                s.MoveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("MoveOpportunity")
            .WithSummary("To another stage (the board's drag). Lost needs lostReason; won makes the won order from the lines.");
        g.MapPost("/{id:guid}/contacts", (Guid id, LogContact body, OpportunityService s, CancellationToken ct) =>
                s.LogContactAsync(id, body, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("LogOpportunityContact")
            .WithSummary("A call, visit or message about the opportunity");

        var stages = api.MapGroup("/opportunity-stages").WithTags("Sales");
        stages
            .MapGet("", (OpportunityService s, CancellationToken ct) => s.StagesAsync(ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("ListOpportunityStages")
            .WithSummary("The pipeline's stages in order, with their win probability");
        stages
            .MapPost("", async (SaveStage body, OpportunityService s, CancellationToken ct) =>
            {
                var st = await s.SaveStageAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/opportunity-stages/{st.Id}", st);
            })
            .RequirePolicy(Policies.SalesManagers)
            .WithName("CreateOpportunityStage")
            .WithSummary("Add a stage");
        stages
            .MapPut("/{id:guid}", (Guid id, SaveStage body, HttpRequest req, OpportunityService s, CancellationToken ct) =>
                s.SaveStageAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesManagers)
            .WithName("UpdateOpportunityStage")
            .WithSummary("Rename, reorder, set the probability or retire a stage");
    }
}
