using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// A part fitted on a machine (换件记录), from the issue on a work order. Fitting one ends the life of the unit it replaced: the
/// previous fitting of the same part on the machine, or the original unit from installation. That life, in days and running hours,
/// is what the part's statistics are made of; the open fittings are what the replace-soon list watches.
/// </summary>
internal sealed class PartFitting : IAudited
{
    public Guid Id { get; set; }
    public Guid PartId { get; set; }
    public Guid MachineId { get; set; }

    /// <summary>The machine's model: a part's life is told per model it is fitted on.</summary>
    public Guid ProductId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? WorkOrderId { get; set; }
    public long Quantity { get; set; }
    public DateOnly FittedOn { get; set; }
    public double? FittedHours { get; set; }

    /// <summary>The serial of the unit taken off (a faulty return on the same order), where the engineer recorded it.</summary>
    public string ReplacedSerial { get; set; } = "";

    // The life of the unit this fitting replaced, in days and in running hours (null when unknown).
    public int? ReplacedLifeDays { get; set; }
    public double? ReplacedLifeHours { get; set; }

    /// <summary>Replaced on a preventive visit, before it failed; otherwise on a repair, after it failed.</summary>
    public bool BeforeFailure { get; set; }

    /// <summary>Set when a later fitting replaced this one.</summary>
    public DateOnly? RemovedOn { get; set; }

    /// <summary>When this unit is expected to need replacing (observed life, or the catalogue's); kept by the nightly run.</summary>
    public DateOnly? ExpectedEndOn { get; set; }
}

internal sealed class PartFittingConfiguration : IEntityTypeConfiguration<PartFitting>
{
    public void Configure(EntityTypeBuilder<PartFitting> b)
    {
        b.Property(x => x.ReplacedSerial).HasMaxLength(100);
        // A part's statistics read its observed lives from this index alone.
        b.HasIndex(x => new
        {
            x.PartId,
            x.ProductId,
            x.ReplacedLifeDays,
            x.ReplacedLifeHours,
            x.BeforeFailure,
        });
        b.HasIndex(x => new
        {
            x.MachineId,
            x.PartId,
            x.FittedOn,
        });
        // The replace-soon list: open fittings by expected end.
        b.HasIndex(x => new { x.ExpectedEndOn, x.RemovedOn });
        b.HasIndex(x => x.WorkOrderId);
    }
}
