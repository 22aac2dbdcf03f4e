using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Sales.Quotes;

internal static class QuoteEndpoints
{
    public static void MapQuoteEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/quotes").WithTags("Sales");
        g.MapGet("", (Guid opportunityId, QuoteService s, CancellationToken ct) => s.ListAsync(opportunityId, ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("ListQuotes")
            .WithSummary("An opportunity's quotes, newest first");
        g.MapGet("/{id:guid}", (Guid id, QuoteService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SalesStaff)
            .WithName("GetQuote")
            .WithSummary("A quote with its lines; the printable A4 page is /quotes/{id}/print");
        g.MapPost("", async (NewQuote body, QuoteService s, CancellationToken ct) =>
            {
                var q = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/quotes/{q.Id}", q);
            })
            .RequirePolicy(Policies.SalesWork)
            .WithName("CreateQuote")
            .WithSummary("A draft from the opportunity's lines at their prices, valid 30 days");
        g.MapPut("/{id:guid}", (Guid id, SaveQuote body, HttpRequest req, QuoteService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("UpdateQuote")
            .WithSummary("Lines (list price, discount %), validity and terms of a draft or rejected quote");
        g.MapPost("/{id:guid}/submit", (Guid id, VersionOnly? body, HttpRequest req, QuoteService s, CancellationToken ct) =>
                s.SubmitAsync(id, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("SubmitQuote")
            .WithSummary(
                "To the approval process that applies (by default a discount over 10 % goes to the sales managers), else approved"
            );
        g.MapPost("/{id:guid}/send", (Guid id, VersionOnly? body, HttpRequest req, QuoteService s, CancellationToken ct) =>
                s.AdvanceAsync(id, QuoteStatus.Sent, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("SendQuote")
            .WithSummary("Mark an approved quote sent to the customer");
        g.MapPost("/{id:guid}/accept", (Guid id, VersionOnly? body, HttpRequest req, QuoteService s, CancellationToken ct) =>
                s.AdvanceAsync(id, QuoteStatus.Accepted, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.SalesWork)
            .WithName("AcceptQuote")
            .WithSummary("The customer accepted a sent quote");
    }
}
