using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Approvals;

/// <summary>
/// An approval process (审批流程) for one record type: the first enabled process in order whose conditions hold is the
/// one a new request follows. Running approvals keep the steps they started with; an edit applies to new ones.
/// </summary>
[RecordType("approvalprocess")]
internal sealed class ApprovalProcess : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string RecordType { get; set; } = "";

    /// <summary>Lower first: a narrower process ("over ¥50,000") goes before a catch-all.</summary>
    public int Order { get; set; }
    public bool Enabled { get; set; }
    public string Definition { get; set; } = "{}";
    public int Revision { get; set; } = 1;

    /// <summary>Set when the process was shipped as a default (the parts request's), so it is made once only.</summary>
    public string? Key { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class ApprovalProcessConfiguration : IEntityTypeConfiguration<ApprovalProcess>
{
    public void Configure(EntityTypeBuilder<ApprovalProcess> b)
    {
        b.ToTable("ApprovalProcesses");
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.RecordType).HasMaxLength(50);
        b.Property(p => p.Definition).HasMaxLength(20000);
        b.Property(p => p.Key).HasMaxLength(50);
        b.HasIndex(p => new
        {
            p.RecordType,
            p.Enabled,
            p.Order,
        });
        b.HasIndex(p => p.Key).IsUnique();
    }
}
