using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Requests;

public enum RequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Received = 3,
    Cancelled = 4,
}

/// <summary>An engineer's request for parts (备件申领), usually for a work order, from central stock or a colleague's van.</summary>
[RecordType(PartRequestApproval.RecordType)]
internal sealed class PartRequest : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid? WorkOrderId { get; set; }
    public string WorkOrderNumber { get; set; } = "";
    public Guid RequesterId { get; set; }
    public string RequesterName { get; set; } = "";
    public Guid FromWarehouseId { get; set; }
    public Guid ToWarehouseId { get; set; }
    public RequestStatus Status { get; set; }

    /// <summary>
    /// Why it waits: "approval" (an approval process applies, see <see cref="ApprovalId"/>) or "stock" (nothing to approve,
    /// but the source is short); empty when it was sent at once.
    /// </summary>
    public string ApprovalReasons { get; set; } = "";

    /// <summary>At the source's average cost when asked, fen.</summary>
    public long EstimatedValue { get; set; }

    /// <summary>Every part fits the order's machine (or there is no order): an approval process's condition may ask.</summary>
    public bool FitsMachine { get; set; } = true;

    /// <summary>The approval the request follows, if a process applied.</summary>
    public Guid? ApprovalId { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string DecidedBy { get; set; } = "";
    public DateTime? DecidedAtUtc { get; set; }
    public string DecisionNote { get; set; } = "";
    public Guid? TransferId { get; set; }
    public DateTime? ReceivedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public List<PartRequestLine> Lines { get; set; } = [];
}

internal sealed class PartRequestConfiguration : IEntityTypeConfiguration<PartRequest>, IEntityTypeConfiguration<PartRequestLine>
{
    public void Configure(EntityTypeBuilder<PartRequest> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.WorkOrderNumber).HasMaxLength(20);
        b.Property(x => x.RequesterName).HasMaxLength(200);
        b.Property(x => x.ApprovalReasons).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.DecidedBy).HasMaxLength(200);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.Status, x.CreatedAtUtc });
        b.HasIndex(x => new { x.RequesterId, x.CreatedAtUtc });
        b.HasIndex(x => x.WorkOrderId);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.FromWarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.ToWarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PartRequestLine> b) => b.HasKey(l => new { l.RequestId, l.PartId });
}
