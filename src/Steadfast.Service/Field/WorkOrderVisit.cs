using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Field;

/// <summary>One visit to the site: check-in and check-out with where the phone said it was.</summary>
internal sealed class WorkOrderVisit : Steadfast.Platform.Data.IAudited
{
    public Guid Id { get; set; }
    public Guid WorkOrderId { get; set; }

    // The order's customer and machine, copied so the customer's and the machine's timelines read their visits from an index.
    public Guid CustomerId { get; set; }
    public Guid? MachineId { get; set; }
    public Guid EngineerId { get; set; }
    public DateTime CheckInAtUtc { get; set; }
    public double? CheckInLatitude { get; set; }
    public double? CheckInLongitude { get; set; }

    /// <summary>Metres from the machine's site; null when either position is unknown.</summary>
    public double? CheckInDistance { get; set; }

    /// <summary>No position, or too far from the site: shown to the dispatcher.</summary>
    public bool Flagged { get; set; }

    /// <summary>Checked in by scanning the machine's own QR label (扫码签到): verified presence.</summary>
    public bool QrVerified { get; set; }
    public DateTime? CheckOutAtUtc { get; set; }
    public double? CheckOutLatitude { get; set; }
    public double? CheckOutLongitude { get; set; }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<WorkOrderVisit>
{
    public void Configure(EntityTypeBuilder<WorkOrderVisit> b)
    {
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(v => v.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.WorkOrderId, v.CheckInAtUtc });
        b.HasIndex(v => new { v.CustomerId, v.CheckInAtUtc });
        b.HasIndex(v => new { v.MachineId, v.CheckInAtUtc });
    }
}
