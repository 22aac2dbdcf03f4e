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
using Steadfast.Service.Dispatch;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Field;

internal static class FieldEndpoints
{
    public static void MapFieldEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/work-orders/{id:guid}").WithTags("Work orders");
        g.MapPost("/assignments", (Guid id, AssignRequest body, HttpRequest req, DispatchService s, CancellationToken ct) =>
                s.AssignAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("AssignWorkOrder")
            .WithSummary("Assign a lead engineer and up to five helpers.");
        g.MapPost("/auto-assign", (Guid id, DispatchService s, CancellationToken ct) => s.AutoAssignAsync(id, ct))
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("AutoAssignWorkOrder")
            .WithSummary("Assign the top-ranked engineer; the reasons go into the timeline.");
        g.MapGet("/check-ins", (Guid id, FieldService s, CancellationToken ct) => s.VisitsAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListVisits")
            .WithSummary("The order's check-ins and check-outs");
        g.MapPost("/check-ins", (Guid id, Position body, HttpRequest req, WorkOrderMoves s, CancellationToken ct) => s.TransitionAsync(
                    id,
                    new TransitionRequest(WorkOrderStatus.OnSite, Version: EndpointExtensions.VersionFrom(req, body.Version))
                    {
                        Latitude = body.Latitude,
                        Longitude = body.Longitude,
                        QrToken = body.QrToken,
                    },
                    ct
                ))
            .RequirePolicy(Policies.Engineers)
            .WithName("CheckIn")
            .WithSummary(
                "Arrive on site with the phone's position; without one the visit is allowed and flagged, as is one too far from the site. "
                    + "qrToken, the token of the machine label scanned (扫码签到), verifies presence instead; another machine's label is a "
                    + "409 naming the machine expected."
            );
        g.MapPost("/check-outs", (Guid id, Position body, WorkOrderMoves s, CancellationToken ct) =>
                s.CheckOutAsync(id, body.Latitude, body.Longitude, ct)
            )
            .RequirePolicy(Policies.Engineers)
            .WithName("CheckOut")
            .WithSummary("Check out of the site");
        g.MapGet("/photos", (Guid id, FieldService s, CancellationToken ct) => s.PhotosAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListWorkOrderPhotos")
            .WithSummary("The order's photos");
        g.MapPost(
                "/photos",
                async Task<Created<AttachmentDto>> (
                    Guid id,
                    IFormFile? file,
                    [FromForm] AttachmentKind? kind,
                    HttpContext http,
                    FieldService s,
                    IStringLocalizer<Strings> t,
                    CancellationToken ct
                ) =>
                {
                    if (file is null)
                        throw AppValidationException.For("file", t["Import.Error.FileRequired"]);
                    await using var content = file.OpenReadStream();
                    var added = await s.AddPhotoAsync(id, kind, file.FileName, content, file.Length, ct);
                    return TypedResults.Created($"{http.Request.Path}/{added.Id}", added);
                }
            )
            .RequirePolicy(Policies.ServiceWork)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentService.MaxBytes + 64 * 1024))
            .WithName("AddWorkOrderPhoto")
            .WithSummary("multipart: file (JPEG, PNG or WebP, at most 10 MB), kind photoBefore or photoAfter; 20 per order.");
        g.MapGet("/photos/{photoId:guid}", async (Guid id, Guid photoId, FieldService s, CancellationToken ct) =>
            {
                var (content, type, name) = await s.OpenPhotoAsync(id, photoId, ct);
                return TypedResults.File(content, type, name);
            })
            .RequirePolicy(Policies.Staff)
            .WithName("GetWorkOrderPhoto")
            .WithSummary("A photo of the order")
            .ProducesFile("image/jpeg", "image/png", "image/webp");
        g.MapPost("/signature", (Guid id, SignatureRequest body, FieldService s, CancellationToken ct) => s.SignAsync(id, body, ct))
            .RequirePolicy(Policies.ServiceWork)
            .WithName("SignWorkOrder")
            .WithSummary("The customer's signature: { signerName, image: PNG/JPEG data URL }.");
        g.MapGet("/signature", async Task<Results<FileStreamHttpResult, NotFound>> (Guid id, FieldService s, CancellationToken ct) =>
                await s.SignatureAsync(id, ct) is { } f ? TypedResults.File(f.Content, f.ContentType) : TypedResults.NotFound()
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetSignature")
            .WithSummary("The customer's signature (PNG)")
            .ProducesFile("image/png", "image/jpeg");
        g.MapGet("/report", (Guid id, FieldService s, CancellationToken ct) => s.ReportAsync(id, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetServiceReport")
            .WithSummary("The service report's content; the printable page is /r/{trackingToken}.");

        var pub = api.MapGroup("/public/work-orders/{trackingToken}").WithTags("Public").AllowAnonymous().RequireRateLimiting("public");
        pub.MapPost(
                "/photos",
                async Task<Created<AttachmentDto>> (
                    string trackingToken,
                    IFormFile? file,
                    HttpContext http,
                    FieldService s,
                    IStringLocalizer<Strings> t,
                    CancellationToken ct
                ) =>
                {
                    if (file is null)
                        throw AppValidationException.For("file", t["Import.Error.FileRequired"]);
                    await using var content = file.OpenReadStream();
                    var added = await s.AddPublicPhotoAsync(trackingToken, file.FileName, content, file.Length, ct);
                    return TypedResults.Created($"{http.Request.Path}/{added.Id}", added);
                }
            )
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(FieldService.MaxPublicPhotoBytes + 64 * 1024))
            .WithName("AddPublicPhoto")
            .WithSummary("The QR reporter's photos: images only, 5 MB each, six per order.");
        pub.MapGet(
                "/report",
                async Task<Results<Ok<ServiceReport>, NotFound>> (string trackingToken, FieldService s, CancellationToken ct) =>
                    await s.PublicReportAsync(trackingToken, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound()
            )
            .WithName("PublicServiceReport")
            .WithSummary("The service report by tracking token (no account needed)");
        pub.MapGet(
                "/files/{fileId:guid}",
                async Task<Results<FileStreamHttpResult, NotFound>> (
                    string trackingToken,
                    Guid fileId,
                    FieldService s,
                    CancellationToken ct
                ) =>
                    await s.PublicFileAsync(trackingToken, fileId, ct) is { } f
                        ? TypedResults.File(f.Content, f.ContentType)
                        : TypedResults.NotFound()
            )
            .WithName("PublicReportFile")
            .WithSummary("A photo or the signature of a public service report")
            .ProducesFile("image/jpeg", "image/png", "image/webp");
    }
}
