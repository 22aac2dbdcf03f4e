using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

public enum ContractKind
{
    Sales = 0,

    /// <summary>维保合同: what a manufacturer's service sells after the machine (see <see cref="ServiceKind"/>).</summary>
    Service = 1,

    /// <summary>框架协议: prices and terms for orders to come; no machines, usually no payment plan of its own.</summary>
    Framework = 2,
}

public enum ServiceKind
{
    AnnualMaintenance = 0,
    ExtendedWarranty = 1,
    PartsPackage = 2,
    Training = 3,
}

/// <summary>In flow order: draft → in approval → approved → signed → active → expired / terminated / renewed.</summary>
public enum ContractStatus
{
    Draft = 0,
    InApproval = 1,

    /// <summary>Approved (or needing no approval), waiting for the customer's signature.</summary>
    Approved = 2,

    /// <summary>Signed, starting on a later day.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The contract's word, not a type")]
    Signed = 3,
    Active = 4,
    Expired = 5,
    Terminated = 6,

    /// <summary>Ended and followed by its renewal.</summary>
    Renewed = 7,
}

/// <summary>
/// A contract (合同) with a customer: a sale, a service contract that covers machines and entitles them to visits and
/// covered costs, or a framework agreement. Amounts in fen. Once signed it never changes: a change is an amendment, a
/// new contract pointing back to it, with its own approval.
/// </summary>
[RecordType(RecordTypeName)]
internal sealed class Contract : IVersioned, IAudited, IHasCustomFields
{
    public const string RecordTypeName = Public.SalesRecords.Contract;
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public ContractKind Kind { get; set; }
    public ServiceKind? ServiceKind { get; set; }
    public ContractStatus Status { get; set; }
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";

    /// <summary>The customer's province, copied so receivables group by region without joining the customers.</summary>
    public string Region { get; set; } = "";
    public Guid? OwnerId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public DateOnly? SignedOn { get; set; }

    /// <summary>Fen, tax included.</summary>
    public long Amount { get; set; }
    public string Currency { get; set; } = "CNY";

    /// <summary>Percent (13 for VAT at 13 %).</summary>
    public decimal TaxRate { get; set; }

    /// <summary>Percent off the list price: what the approval process looks at, beside the amount and the terms.</summary>
    public decimal DiscountPercent { get; set; }
    public bool NonStandardTerms { get; set; }
    public string Terms { get; set; } = "";

    // Where it came from.
    public Guid? OpportunityId { get; set; }
    public Guid? QuoteId { get; set; }
    public Guid? SalesOrderId { get; set; }
    public Guid? RenewalOfId { get; set; }
    public Guid? AmendmentOfId { get; set; }
    public Guid? ApprovalId { get; set; }

    // The signature: who signed for the customer, when, and the signed copy (an uploaded PDF or the on-screen signature).
    public string SignedBy { get; set; } = "";
    public DateTime? SignedAtUtc { get; set; }
    public Guid? SignedFileId { get; set; }
    public DateTime? TerminatedAtUtc { get; set; }
    public string TerminationReason { get; set; } = "";

    // Milestones a payment plan may count from.
    public DateOnly? DeliveredOn { get; set; }
    public DateOnly? AcceptedOn { get; set; }

    // Entitlements of a service contract.
    /// <summary>Picks the SLA policy made for this level (GOLD) for the covered machines' orders.</summary>
    public string ServiceLevel { get; set; } = "";
    public int VisitsPerYear { get; set; }

    /// <summary>Over the whole term (per year × years, rounded up); <see cref="VisitsUsed"/> counts up in one statement.</summary>
    public int VisitsIncluded { get; set; }

    [NotAudited]
    public int VisitsUsed { get; set; }
    public int LabourPercent { get; set; }
    public int PartsPercent { get; set; }
    public bool TravelCovered { get; set; }

    /// <summary>The most the contract pays for parts over its term (fen); null: no cap.</summary>
    public long? PartsCap { get; set; }

    /// <summary>What its repairs have taken of the cap so far (fen): moved in one statement, like the visits.</summary>
    public long PartsCapUsed { get; set; }
    public bool RemoteSupport { get; set; }

    /// <summary>Fen received against the plan; kept with every receipt so lists need no sum.</summary>
    public long Received { get; set; }
    public long Invoiced { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
    public List<ContractLine> Lines { get; set; } = [];
    public List<CoveredMachine> Machines { get; set; } = [];
    public List<CoveredModel> Models { get; set; } = [];

    /// <summary>The parts the contract covers (备件清单); none listed means every part.</summary>
    public List<CoveredPart> Parts { get; set; } = [];
    public List<Instalment> Instalments { get; set; } = [];

    /// <summary>Approved and not yet signed, or in approval: editing would change what was approved.</summary>
    public bool IsEditable => Status is ContractStatus.Draft;
}

internal sealed class ContractLine : IPricedRow
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public int Position { get; set; }
    public Guid? ProductId { get; set; }
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; }
    public long UnitPrice { get; set; }
    public long Amount { get; set; }
}

/// <summary>A machine a service contract names by serial.</summary>
internal sealed class CoveredMachine
{
    public Guid ContractId { get; set; }
    public Guid MachineId { get; set; }
    public string SerialNumber { get; set; } = "";
}

/// <summary>"All machines of this model at this customer": machines installed later are covered too.</summary>
internal sealed class CoveredPart
{
    public Guid ContractId { get; set; }
    public Guid PartId { get; set; }
}

internal sealed class CoveredModel
{
    public Guid ContractId { get; set; }
    public Guid ProductId { get; set; }
}

internal sealed class ContractConfiguration
    : IEntityTypeConfiguration<Contract>,
        IEntityTypeConfiguration<ContractLine>,
        IEntityTypeConfiguration<CoveredMachine>,
        IEntityTypeConfiguration<CoveredPart>,
        IEntityTypeConfiguration<CoveredModel>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.Property(c => c.Number).HasMaxLength(40);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.CustomerName).HasMaxLength(200);
        b.Property(c => c.Region).HasMaxLength(50);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.TaxRate).HasPrecision(5, 2);
        b.Property(c => c.DiscountPercent).HasPrecision(5, 2);
        b.Property(c => c.Terms).HasMaxLength(4000);
        b.Property(c => c.SignedBy).HasMaxLength(100);
        b.Property(c => c.TerminationReason).HasMaxLength(500);
        b.Property(c => c.ServiceLevel).HasMaxLength(30);
        b.HasIndex(c => c.Number).IsUnique();
        // Coverage at intake: a customer's service contracts in force, read from this index.
        b.HasIndex(c => new
        {
            c.CustomerId,
            c.Kind,
            c.Status,
            c.EndsOn,
        });
        b.HasIndex(c => new { c.OwnerId, c.EndsOn });
        // Renewals due: service contracts by end date.
        b.HasIndex(c => new
        {
            c.Kind,
            c.Status,
            c.EndsOn,
        });
        b.HasIndex(c => new { c.SignedOn, c.Id });
        b.HasIndex(c => c.OpportunityId);
        b.HasIndex(c => c.RenewalOfId);
        b.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Machines).WithOne().HasForeignKey(m => m.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Models).WithOne().HasForeignKey(m => m.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Parts).WithOne().HasForeignKey(p => p.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Instalments).WithOne().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ContractLine> b)
    {
        b.ToTable("ContractLines");
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.Quantity).HasPrecision(18, 3);
    }

    public void Configure(EntityTypeBuilder<CoveredMachine> b)
    {
        b.ToTable("ContractMachines");
        b.HasKey(m => new { m.ContractId, m.MachineId });
        b.Property(m => m.SerialNumber).HasMaxLength(100);
        b.HasIndex(m => m.MachineId);
    }

    public void Configure(EntityTypeBuilder<CoveredPart> b)
    {
        b.ToTable("ContractParts");
        b.HasKey(p => new { p.ContractId, p.PartId });
    }

    public void Configure(EntityTypeBuilder<CoveredModel> b)
    {
        b.ToTable("ContractModels");
        b.HasKey(m => new { m.ContractId, m.ProductId });
        b.HasIndex(m => m.ProductId);
    }
}
