using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.Files;

/// <summary>
/// The four attachment endpoints of one record type under a group ending in <c>{id:guid}/attachments</c>: the owning module
/// says who may read and write and whether the caller sees the record (a record they cannot see is a 404).
/// </summary>
public static class AttachmentRoutes
{
    public static void Map(
        RouteGroupBuilder g,
        string recordType,
        string writers,
        Func<IServiceProvider, Guid, CancellationToken, Task<bool>> visible,
        string readers = Policies.SignedIn
    )
    {
        // Operation ids in PascalCase (ListEquipmentAttachments), as generated clients name their methods after them.
        var name = string.Concat(recordType[..1].ToUpperInvariant(), recordType[1..]);
        async Task Check(HttpContext http, Guid id, CancellationToken ct)
        {
            if (!await visible(http.RequestServices, id, ct))
                throw new AppNotFoundException(http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()["Common.NotFound"]);
        }

        g.MapGet("", async (Guid id, HttpContext http, AttachmentService s, CancellationToken ct) =>
            {
                await Check(http, id, ct);
                return await s.ListAsync(recordType, id, ct);
            })
            .RequirePolicy(readers)
            .WithName($"List{name}Attachments")
            .WithSummary($"List {recordType} attachments");
        g.MapPost(
                "",
                async Task<Created<AttachmentDto>> (
                    Guid id,
                    IFormFile? file,
                    [FromForm] AttachmentKind? kind,
                    HttpContext http,
                    AttachmentService s,
                    IStringLocalizer<Strings> t,
                    CancellationToken ct
                ) =>
                {
                    await Check(http, id, ct);
                    if (file is null)
                        throw AppValidationException.For("file", t["Import.Error.FileRequired"]);
                    await using var content = file.OpenReadStream();
                    var added = await s.AddAsync(recordType, id, kind, file.FileName, content, file.Length, ct);
                    return TypedResults.Created($"{http.Request.Path}/{added.Id}", added);
                }
            )
            .RequirePolicy(writers)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentService.MaxBytes + 64 * 1024))
            .WithName($"Add{name}Attachment")
            .WithSummary("multipart: file (JPEG, PNG, WebP or PDF, at most 10 MB), kind.");
        g.MapGet("/{attachmentId:guid}", async (Guid id, Guid attachmentId, HttpContext http, AttachmentService s, CancellationToken ct) =>
            {
                await Check(http, id, ct);
                var (content, type, name) = await s.OpenAsync(recordType, id, attachmentId, ct);
                return TypedResults.File(content, type, name);
            })
            .RequirePolicy(readers)
            .WithName($"Get{name}Attachment")
            .WithSummary($"Download one of the {recordType} attachments")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapDelete(
                "/{attachmentId:guid}",
                async (Guid id, Guid attachmentId, HttpContext http, AttachmentService s, CancellationToken ct) =>
                {
                    await Check(http, id, ct);
                    await s.DeleteAsync(recordType, id, attachmentId, ct);
                    return TypedResults.NoContent();
                }
            )
            .RequirePolicy(writers)
            .WithName($"Delete{name}Attachment")
            .WithSummary($"Delete one of the {recordType} attachments");
    }
}
