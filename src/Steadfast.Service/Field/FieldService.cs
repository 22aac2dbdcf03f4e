using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Service.Surveys;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Field;

/// <summary>What happens on site: visits, photos, the customer's signature and the report it signs.</summary>
internal sealed class FieldService(
    Inventory.Public.WorkOrderParts stockParts,
    AppDbContext db,
    WorkOrderService orders,
    CustomerDirectory customers,
    AttachmentService attachments,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const int MaxPhotos = 20;
    public const int MaxPublicPhotos = 6;
    public const long MaxPublicPhotoBytes = 5 * 1024 * 1024;

    public async Task<List<VisitDto>> VisitsAsync(Guid id, CancellationToken ct)
    {
        await orders.FindAsync(id, ct);
        return await VisitsOf(id, ct);
    }

    private Task<List<VisitDto>> VisitsOf(Guid id, CancellationToken ct) =>
        db.Set<WorkOrderVisit>()
            .AsNoTracking()
            .Where(v => v.WorkOrderId == id)
            .OrderBy(v => v.CheckInAtUtc)
            .Select(v => new VisitDto(
                v.Id,
                v.EngineerId,
                db.Users.Where(u => u.Id == v.EngineerId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                v.CheckInAtUtc,
                v.CheckInLatitude,
                v.CheckInLongitude,
                v.CheckInDistance,
                v.Flagged,
                v.CheckOutAtUtc,
                v.QrVerified
            ))
            .ToListAsync(ct);

    public async Task<List<AttachmentDto>> PhotosAsync(Guid id, CancellationToken ct)
    {
        await orders.FindAsync(id, ct);
        return [.. (await attachments.ListAsync(WorkOrderService.RecordType, id, ct)).Where(a => a.Kind != AttachmentKind.Signature)];
    }

    /// <summary>Before/after photos by the engineers on the order, or the desk.</summary>
    public async Task<AttachmentDto> AddPhotoAsync(
        Guid id,
        AttachmentKind? kind,
        string? fileName,
        Stream content,
        long length,
        CancellationToken ct
    )
    {
        var order = await orders.FindAsync(id, ct);
        if (
            actor.IsInRole(Roles.Engineer)
            && !actor.IsInRole(Roles.Dispatcher)
            && !actor.IsInRole(Roles.Admin)
            && !await OnOrderAsync(order, ct)
        )
            throw new AppConflictException(t["WorkOrders.Error.NotYours"]);
        if (kind is not (AttachmentKind.PhotoBefore or AttachmentKind.PhotoAfter or AttachmentKind.Photo))
            throw AppValidationException.For("kind", t["Common.Error.Choice"]);
        if (await PhotoCountAsync(id, ct) >= MaxPhotos)
            throw AppValidationException.For("file", t["Field.Error.TooManyPhotos", MaxPhotos]);
        return await attachments.AddAsync(WorkOrderService.RecordType, id, kind, fileName, content, length, ct);
    }

    /// <summary>Photos from the QR reporter, by the tracking token: images only, 5 MB each, six per order.</summary>
    public async Task<AttachmentDto> AddPublicPhotoAsync(
        string trackingToken,
        string? fileName,
        Stream content,
        long length,
        CancellationToken ct
    )
    {
        var id = trackingToken.Length is < 16 or > 40
            ? (Guid?)null
            : await db.Set<WorkOrder>()
                .Where(w => w.TrackingToken == trackingToken && w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled)
                .Select(w => (Guid?)w.Id)
                .FirstOrDefaultAsync(ct);
        if (id is null)
            throw new AppNotFoundException(t["Common.NotFound"]);
        if (length > MaxPublicPhotoBytes)
            throw AppValidationException.For("file", t["Attachments.Error.TooLarge", MaxPublicPhotoBytes / 1024 / 1024]);
        var reporterPhotos = await attachments.CountAsync(WorkOrderService.RecordType, id.Value, anonymousOnly: true, ct);
        if (reporterPhotos >= MaxPublicPhotos)
            throw AppValidationException.For("file", t["Field.Error.TooManyPhotos", MaxPublicPhotos]);
        return await attachments.AddAsync(WorkOrderService.RecordType, id.Value, AttachmentKind.Photo, fileName, content, length, ct);
    }

    public async Task<(Stream Content, string ContentType, string FileName)> OpenPhotoAsync(Guid id, Guid photoId, CancellationToken ct)
    {
        await orders.FindAsync(id, ct);
        return await attachments.OpenAsync(WorkOrderService.RecordType, id, photoId, ct);
    }

    /// <summary>The customer signs on the engineer's phone: a PNG or JPEG data URL, the signer's name, and the time.</summary>
    public async Task<WorkOrderDto> SignAsync(Guid id, SignatureRequest input, CancellationToken ct)
    {
        var order = await orders.FindAsync(id, ct);
        if (order.AssigneeId != actor.UserId && !actor.IsInRole(Roles.Admin))
            throw new AppConflictException(t["WorkOrders.Error.NotYours"]);
        if (order.Status is not (WorkOrderStatus.OnSite or WorkOrderStatus.Resolved))
            throw new AppConflictException(t["Field.Error.SignWhen"]);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.SignerName))
            errors.Add("signerName", t["Common.Error.Required"]);
        else if (input.SignerName.Trim().Length > 100)
            errors.Add("signerName", t["Common.Error.MaxLength", 100]);
        var bytes = AttachmentService.FromDataUrl(input.Image);
        if (bytes is null || AttachmentService.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 16))) is not ("image/png" or "image/jpeg"))
            errors.Add("image", t["Field.Error.SignatureImage"]);
        else if (bytes.Length > 1024 * 1024)
            errors.Add("image", t["Attachments.Error.TooLarge", 1]);
        errors.ThrowIfAny();
        return await db.InTransactionAsync(
            async () =>
            {
                await using var stream = new MemoryStream(bytes!);
                var file = await attachments.AddAsync(
                    WorkOrderService.RecordType,
                    id,
                    AttachmentKind.Signature,
                    "signature.png",
                    stream,
                    bytes!.Length,
                    ct
                );
                order.SignatureId = file.Id;
                order.SignedBy = input.SignerName!.Trim();
                order.SignedAtUtc = clock.GetUtcNow().UtcDateTime;
                orders.AddEvent(order, order.Status, t["Field.SignedNote", order.SignedBy]);
                await db.SaveChangesAsync(ct);
                return await orders.GetAsync(id, ct);
            },
            ct
        );
    }

    public async Task<(Stream Content, string ContentType, string FileName)?> SignatureAsync(Guid id, CancellationToken ct)
    {
        var order = await orders.FindAsync(id, ct);
        return order.SignatureId is { } s ? await attachments.OpenAsync(WorkOrderService.RecordType, id, s, ct) : null;
    }

    public async Task<ServiceReport> ReportAsync(Guid id, CancellationToken ct) =>
        await BuildReportAsync(await orders.FindAsync(id, ct), ct);

    /// <summary>The report by the order's tracking token, for the customer's link; null for an unknown token.</summary>
    public async Task<ServiceReport?> PublicReportAsync(string trackingToken, CancellationToken ct)
    {
        if (trackingToken.Length is < 16 or > 40)
            return null;
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.TrackingToken == trackingToken, ct);
        return order is null || order.ResolvedAtUtc is null ? null : await BuildReportAsync(order, ct);
    }

    public async Task<(Stream Content, string ContentType, string FileName)?> PublicFileAsync(
        string trackingToken,
        Guid fileId,
        CancellationToken ct
    )
    {
        if (trackingToken.Length is < 16 or > 40)
            return null;
        var id = await db.Set<WorkOrder>()
            .Where(w => w.TrackingToken == trackingToken && w.ResolvedAtUtc != null)
            .Select(w => (Guid?)w.Id)
            .FirstOrDefaultAsync(ct);
        return id is null ? null : await attachments.OpenAsync(WorkOrderService.RecordType, id.Value, fileId, ct);
    }

    public async Task<Guid?> PublicSignatureIdAsync(string trackingToken, CancellationToken ct) =>
        trackingToken.Length is < 16 or > 40
            ? null
            : await db.Set<WorkOrder>()
                .Where(w => w.TrackingToken == trackingToken && w.ResolvedAtUtc != null)
                .Select(w => w.SignatureId)
                .FirstOrDefaultAsync(ct);

    private async Task<ServiceReport> BuildReportAsync(WorkOrder order, CancellationToken ct)
    {
        var dto = await db.Set<WorkOrder>().AnyAsync(w => w.Id == order.Id, ct)
            ? await orders.GetUnscopedAsync(order.Id, ct)
            : throw new AppNotFoundException(t["Common.NotFound"]);
        var machine = order.MachineId is { } m ? await customers.MachineForTokenHolderAsync(m, ct) : null;
        var customer = await customers.CustomerFactsAsync(order.CustomerId, ct);
        var engineer = order.AssigneeId is { } a
            ? await db.Users.Where(u => u.Id == a).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? ""
            : "";
        var photos = (await attachments.ListAsync(WorkOrderService.RecordType, order.Id, ct))
            .Where(p => p.Kind != AttachmentKind.Signature)
            .ToList();
        var survey = await db.Set<Survey>()
            .AsNoTracking()
            .Where(s => s.WorkOrderId == order.Id)
            .Select(s => new SurveyAnswer(s.Csat, s.Nps, s.Comment, s.AnsweredAtUtc))
            .FirstOrDefaultAsync(ct);
        return new ServiceReport(
            dto,
            customer?.Name ?? "",
            machine?.ProductName ?? "",
            machine?.SerialNumber ?? "",
            machine?.SiteAddress ?? customer?.Address ?? "",
            engineer,
            await VisitsOf(order.Id, ct),
            photos,
            order.SignatureId is not null,
            survey,
            ReportParts(await stockParts.LinesAsync(order.Id, ct))
        );
    }

    private static List<ReportPart> ReportParts(List<Inventory.Public.WorkOrderPartLine> lines)
    {
        var fitted = lines
            .Where(l => !l.Faulty)
            .GroupBy(l => (l.PartNumber, l.PartName))
            .Select(g => new ReportPart(
                g.Key.PartNumber,
                g.Key.PartName,
                g.Sum(l => l.Kind == Inventory.Public.MovementKind.Issue ? l.Quantity : -l.Quantity),
                g.Any(l => l.Billable),
                false,
                ""
            ))
            .Where(p => p.Quantity > 0);
        return
        [
            .. fitted,
            .. lines.Where(l => l.Faulty).Select(l => new ReportPart(l.PartNumber, l.PartName, l.Quantity, false, true, l.Serial)),
        ];
    }

    internal async Task<bool> OnOrderAsync(WorkOrder order, CancellationToken ct) =>
        order.AssigneeId == actor.UserId
        || await db.Set<WorkOrderHelper>().AnyAsync(h => h.WorkOrderId == order.Id && h.UserId == actor.UserId, ct);

    private Task<int> PhotoCountAsync(Guid id, CancellationToken ct) =>
        attachments.CountAsync(WorkOrderService.RecordType, id, anonymousOnly: false, ct, except: AttachmentKind.Signature);
}
