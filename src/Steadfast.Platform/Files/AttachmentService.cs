using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.Files;

/// <summary>
/// Stores attachments for any record type. The module that owns the record decides who may see it and
/// calls this only after that check. Files are accepted by their first bytes (JPEG, PNG, WebP, PDF),
/// never by their name, and capped in size.
/// </summary>
public sealed class AttachmentService(AppDbContext db, FileStore files, CurrentActor actor, TimeProvider clock, IStringLocalizer<Strings> t)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public Task<List<AttachmentDto>> ListAsync(string recordType, Guid recordId, CancellationToken ct) =>
        db.Set<Attachment>()
            .AsNoTracking()
            .Where(a => a.RecordType == recordType && a.RecordId == recordId)
            .OrderByDescending(a => a.UploadedAtUtc)
            .Select(a => new AttachmentDto(
                a.Id,
                a.Kind,
                a.FileName,
                a.ContentType,
                a.Size,
                db.Users.Where(u => u.Id == a.UploadedById).Select(u => u.DisplayName).FirstOrDefault(),
                a.UploadedAtUtc
            ))
            .ToListAsync(ct);

    /// <summary>
    /// How many files a record has; anonymousOnly counts those uploaded without an account (a QR reporter's); one kind may be left out.
    /// </summary>
    public Task<int> CountAsync(
        string recordType,
        Guid recordId,
        bool anonymousOnly,
        CancellationToken ct,
        AttachmentKind? except = null
    ) =>
        db.Set<Attachment>()
            .CountAsync(
                a =>
                    a.RecordType == recordType
                    && a.RecordId == recordId
                    && (!anonymousOnly || a.UploadedById == null)
                    && (except == null || a.Kind != except),
                ct
            );

    public async Task<AttachmentDto> AddAsync(
        string recordType,
        Guid recordId,
        AttachmentKind? kind,
        string? fileName,
        Stream content,
        long length,
        CancellationToken ct
    )
    {
        var added = await StageAsync(recordType, recordId, kind, fileName, content, length, ct);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Stores the file and adds its row to the caller's unit of work without saving (many files in one save).</summary>
    public async Task<AttachmentDto> StageAsync(
        string recordType,
        Guid recordId,
        AttachmentKind? kind,
        string? fileName,
        Stream content,
        long length,
        CancellationToken ct
    )
    {
        var errors = new ValidationErrors();
        if (length == 0)
            errors.Add("file", t["Attachments.Error.Empty"]);
        else if (length > MaxBytes)
            errors.Add("file", t["Attachments.Error.TooLarge", MaxBytes / 1024 / 1024]);
        if (kind is { } k && !Enum.IsDefined(k))
            errors.Add("kind", t["Common.Error.Choice"]);
        errors.ThrowIfAny();
        await using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var type = Sniff(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 16)));
        if (type is null)
            throw AppValidationException.For("file", t["Attachments.Error.Type"]);
        if (
            kind is AttachmentKind.Photo or AttachmentKind.PhotoBefore or AttachmentKind.PhotoAfter or AttachmentKind.Signature
            && !type.StartsWith("image/", StringComparison.Ordinal)
        )
            throw AppValidationException.For("file", t["Attachments.Error.PhotoType"]);

        var id = Guid.CreateVersion7();
        buffer.Position = 0;
        var path = await files.SaveAsync(Path.Combine("attachments", recordType), id.ToString("N"), buffer, ct);
        var name = Path.GetFileName(fileName ?? "file");
        var attachment = new Attachment
        {
            Id = id,
            RecordType = recordType,
            RecordId = recordId,
            Kind = kind ?? AttachmentKind.Other,
            FileName = name.Length > 200 ? name[^200..] : name,
            ContentType = type,
            Size = buffer.Length,
            StoragePath = path,
            UploadedById = actor.UserId,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(attachment);
        return new AttachmentDto(
            attachment.Id,
            attachment.Kind,
            attachment.FileName,
            attachment.ContentType,
            attachment.Size,
            actor.Name,
            attachment.UploadedAtUtc
        );
    }

    public async Task<(Stream Content, string ContentType, string FileName)> OpenAsync(
        string recordType,
        Guid recordId,
        Guid id,
        CancellationToken ct
    )
    {
        var a = await db.Set<Attachment>()
            .AsNoTracking()
            .SingleOrDefaultAsync(x => x.Id == id && x.RecordType == recordType && x.RecordId == recordId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return (files.OpenRead(a.StoragePath), a.ContentType, a.FileName);
    }

    public async Task DeleteAsync(string recordType, Guid recordId, Guid id, CancellationToken ct)
    {
        var a = await db.Set<Attachment>().SingleOrDefaultAsync(x => x.Id == id && x.RecordType == recordType && x.RecordId == recordId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Remove(a);
        await db.SaveChangesAsync(ct);
        // The row is gone first: a crash here leaves an orphan file, never a row pointing at nothing.
        try
        {
            File.Delete(files.FullPath(a.StoragePath));
        }
        catch (IOException) { }
    }

    /// <summary>The content type the bytes really are, or null for anything not accepted.</summary>
    /// <summary>An image drawn on screen (a signature), sent as a data URL or bare base64; null when it is not one.</summary>
    public static byte[]? FromDataUrl(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
            return null;
        var comma = image.IndexOf(',', StringComparison.Ordinal);
        var b64 = image.StartsWith("data:", StringComparison.Ordinal) && comma > 0 ? image[(comma + 1)..] : image;
        if (b64.Length > 1_500_000)
            return null;
        try
        {
            return Convert.FromBase64String(b64);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head switch
        {
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => "application/pdf",
            _ => null,
        };
}
