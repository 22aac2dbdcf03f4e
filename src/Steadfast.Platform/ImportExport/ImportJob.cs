using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Platform.ImportExport;

/// <summary>One uploaded file being imported, and its outcome.</summary>
public class ImportJob
{
    public Guid Id { get; set; }
    public string Target { get; set; } = "";
    public string FileName { get; set; } = "";
    public ImportMode Mode { get; set; }

    /// <summary>JSON: header → field key.</summary>
    public string Mapping { get; set; } = "{}";
    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int Succeeded { get; set; }
    public int FailedRows { get; set; }
    public string? Message { get; set; }

    /// <summary>The uploader's language: messages and the error report are written in it.</summary>
    public string Culture { get; set; } = "en";
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>, IEntityTypeConfiguration<ImportMappingMemory>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.Property(j => j.Target).HasMaxLength(40);
        b.Property(j => j.FileName).HasMaxLength(260);
        b.Property(j => j.Message).HasMaxLength(1000);
        b.Property(j => j.Culture).HasMaxLength(10);
        b.HasIndex(j => new { j.CreatedById, j.CreatedAtUtc });
    }

    public void Configure(EntityTypeBuilder<ImportMappingMemory> b)
    {
        b.ToTable("ImportMappings");
        b.HasKey(m => new { m.UserId, m.Target });
        b.Property(m => m.Target).HasMaxLength(40);
    }
}
