using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.ImportExport;

public static class ImportEndpoints
{
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static void MapImportEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/imports").WithTags("Import").RequirePolicy(Policies.Importers);
        g.MapGet("/targets", (ImportService s) => s.Targets())
            .WithName("ImportTargets")
            .WithSummary("What can be imported, with each field.");
        g.MapPost("/preview", Preview)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .WithName("PreviewImport")
            .WithSummary("Headers, a suggested column mapping and the first rows of an uploaded file.");
        g.MapPost("", Start)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .WithName("StartImport")
            .WithSummary("multipart: file, target, mode (goodRows|allOrNothing), mapping (JSON header → field). Answers 202 with the job.");
        g.MapGet("/{id:guid}", (Guid id, ImportService s, CancellationToken ct) => s.GetAsync(id, ct))
            .WithName("GetImport")
            .WithSummary("An import job with its progress and counts");
        g.MapGet(
                "/{id:guid}/errors",
                async Task<Results<FileStreamHttpResult, NotFound>> (Guid id, ImportService s, CancellationToken ct) =>
                    await s.ErrorReportAsync(id, ct) is { } report
                        ? TypedResults.File(report, ExcelExport.ContentType, $"import-errors-{id:N}.xlsx")
                        : TypedResults.NotFound()
            )
            .WithName("ImportErrorReport")
            .WithSummary("The rejected rows with the reason per cell, as .xlsx.")
            .ProducesXlsx();
    }

    private static async Task<ImportPreview> Preview(
        IFormFile? file,
        [Microsoft.AspNetCore.Mvc.FromForm] string? target,
        ImportService s,
        IStringLocalizer<Strings> t,
        CancellationToken ct
    )
    {
        await using var stream = await BufferAsync(file, t, ct);
        return await s.PreviewAsync(target, stream, ct);
    }

    private static async Task<Accepted<ImportJobDto>> Start(
        IFormFile? file,
        [Microsoft.AspNetCore.Mvc.FromForm] string? target,
        [Microsoft.AspNetCore.Mvc.FromForm] string? mode,
        [Microsoft.AspNetCore.Mvc.FromForm] string? mapping,
        ImportService s,
        IStringLocalizer<Strings> t,
        CancellationToken ct
    )
    {
        ImportMode? parsedMode =
            mode is null ? null
            : Enum.TryParse<ImportMode>(mode, ignoreCase: true, out var m) && Enum.IsDefined(m) ? m
            : throw AppValidationException.For("mode", t["Import.Error.Mode"]);
        Dictionary<string, string>? parsedMapping;
        try
        {
            parsedMapping = mapping is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(mapping);
        }
        catch (JsonException)
        {
            throw AppValidationException.For("mapping", t["Import.Error.Mapping"]);
        }
        await using var stream = await BufferAsync(file, t, ct);
        var job = await s.StartAsync(target, stream, file!.FileName, parsedMode, parsedMapping, ct);
        return TypedResults.Accepted($"/api/v1/imports/{job.Id}", job);
    }

    private static async Task<MemoryStream> BufferAsync(IFormFile? file, IStringLocalizer<Strings> t, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            throw AppValidationException.For("file", t["Import.Error.FileRequired"]);
        var memory = new MemoryStream();
        await file.CopyToAsync(memory, ct);
        memory.Position = 0;
        return memory;
    }
}
