using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Platform.Api;

/// <summary>
/// A POST made with an <c>Idempotency-Key</c>. The row is inserted in the same transaction as the
/// write it guards, so a retry after a crash finds either nothing (redo) or the completed result.
/// </summary>
public class IdempotencyRecord
{
    public string Key { get; set; } = "";
    public Guid UserId { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.UserId, r.Key });
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.Method).HasMaxLength(10);
        b.Property(r => r.Path).HasMaxLength(400);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.Property(r => r.Location).HasMaxLength(400);
        b.HasIndex(r => r.CreatedAtUtc);
    }
}
