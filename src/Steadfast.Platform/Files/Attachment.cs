using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Files;

public enum AttachmentKind
{
    Other = 0,
    Photo = 1,
    InstallationReport = 2,
    Document = 3,
    PhotoBefore = 4,
    PhotoAfter = 5,
    Signature = 6,
}

/// <summary>A file attached to a record (a machine's installation report, a model's manual...). The bytes live in the file store.</summary>
internal sealed class Attachment : IAudited
{
    public Guid Id { get; set; }
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public AttachmentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string StoragePath { get; set; } = "";
    public Guid? UploadedById { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(a => a.RecordType).HasMaxLength(40);
        b.Property(a => a.FileName).HasMaxLength(260);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.StoragePath).HasMaxLength(300);
        b.HasIndex(a => new { a.RecordType, a.RecordId });
    }
}
