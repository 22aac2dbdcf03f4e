using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Surveys;

internal static class SurveyEndpoints
{
    public static void MapSurveyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/work-orders/{id:guid}/survey",
                async Task<Results<Ok<SurveyForm>, NotFound>> (Guid id, WorkOrderService orders, SurveyService s, CancellationToken ct) =>
                {
                    var order = await orders.FindAsync(id, ct);
                    return await s.FormAsync(order.SurveyToken, ct) is { } f ? TypedResults.Ok(f) : TypedResults.NotFound();
                }
            )
            .RequirePolicy(Policies.Staff)
            .WithTags("Work orders")
            .WithName("WorkOrderSurvey")
            .WithSummary("The order's survey answer, if the customer gave one");

        api.MapGet(
                "/public/surveys/{token}",
                async Task<Results<Ok<SurveyForm>, NotFound>> (string token, SurveyService s, CancellationToken ct) =>
                    await s.FormAsync(token, ct) is { } f ? TypedResults.Ok(f) : TypedResults.NotFound()
            )
            .WithTags("Public")
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .WithName("GetSurvey")
            .WithSummary("Open a survey by its token (no account needed)");
        api.MapPost("/public/surveys/{token}", async (string token, AnswerSurvey body, SurveyService s, CancellationToken ct) =>
            {
                await s.AnswerAsync(token, body, ct);
                return TypedResults.NoContent();
            })
            .WithTags("Public")
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .WithName("AnswerSurvey")
            .WithSummary("CSAT 1–5, NPS 0–10, comment; one answer per order (409 the second time).");

        var cb = api.MapGroup("/callbacks").WithTags("Call-backs").RequirePolicy(Policies.ServiceDesk);
        cb.MapGet("", (bool? pending, int? page, int? pageSize, SurveyService s, CancellationToken ct) =>
                s.CallbacksAsync(pending ?? true, PageRequest.From(page, pageSize), ct)
            )
            .WithName("ListCallbacks")
            .WithSummary("Call-back tasks, the earliest due first.");
        cb.MapPost("/{id:guid}/complete", (Guid id, CompleteCallback body, HttpRequest req, SurveyService s, CancellationToken ct) =>
                s.CompleteAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .WithName("CompleteCallback")
            .WithSummary("Complete a call-back (回访) with its outcome");
    }
}
