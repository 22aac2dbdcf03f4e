using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Receivables;

/// <summary>What an instalment's due date counts from.</summary>
public enum DueFrom
{
    /// <summary>A date written in the plan.</summary>
    Fixed = 0,
    Signing = 1,
    Delivery = 2,
    Acceptance = 3,
}

/// <summary>
/// One payment of a contract's plan (回款计划): 30 % on signing, 60 % on delivery, 10 % retention 12 months after
/// acceptance. The due date is known once its milestone is; until then it is not ageing. Customer, owner and region are
/// copied from the contract so the receivables page groups a million rows from one index.
/// </summary>
[RecordType("instalment")]
internal sealed class Instalment : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid ContractId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public DueFrom DueFrom { get; set; }

    /// <summary>Days after the milestone (a retention: 365 after acceptance).</summary>
    public int OffsetDays { get; set; }

    /// <summary>The written date of a fixed instalment.</summary>
    public DateOnly? FixedOn { get; set; }

    /// <summary>Null until the milestone it counts from has happened.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>Fen.</summary>
    public long Amount { get; set; }
    public long Paid { get; set; }
    public long Invoiced { get; set; }

    /// <summary>Amount − paid, kept so the ageing sums one column of open rows.</summary>
    public long Open { get; set; }
    public DateOnly? PaidOn { get; set; }

    public Guid CustomerId { get; set; }
    public Guid? OwnerId { get; set; }
    public string Region { get; set; } = "";

    /// <summary>Copied for reminders and lists: "HT-2026-00042 预付款, 苏州精密".</summary>
    public string ContractNumber { get; set; } = "";
    public string CustomerName { get; set; } = "";

    /// <summary>Counted by the contract's status: a draft's plan is not owed yet.</summary>
    public bool Owed { get; set; }

    /// <summary>The reminder stages already sent (1 before due, 2 on the day, 3+ the escalations), so none is sent twice.</summary>
    [NotAudited]
    public int Reminded { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>Money received from a customer (回款), paying one or several instalments; what is left over is the customer's credit.</summary>
[RecordType("receipt")]
internal sealed class Receipt : IAudited
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";

    /// <summary>The ERP's key: a receipt synced twice is one receipt.</summary>
    public string? ExternalId { get; set; }
    public Guid CustomerId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public long Amount { get; set; }

    /// <summary>The part not applied to any instalment, held for the customer.</summary>
    public long Credit { get; set; }
    public string Reference { get; set; } = "";
    public string Notes { get; set; } = "";
    public Guid? RecordedById { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<ReceiptAllocation> Allocations { get; set; } = [];
}

internal sealed class ReceiptAllocation
{
    public Guid ReceiptId { get; set; }
    public Guid InstalmentId { get; set; }
    public Guid ContractId { get; set; }
    public long Amount { get; set; }
}

/// <summary>An invoice issued (开票) against an instalment.</summary>
[RecordType("invoice")]
internal sealed class Invoice : IAudited
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid InstalmentId { get; set; }
    public Guid ContractId { get; set; }
    public Guid CustomerId { get; set; }
    public DateOnly IssuedOn { get; set; }
    public long Amount { get; set; }
    public Guid? RecordedById { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ReceivablesConfiguration
    : IEntityTypeConfiguration<Instalment>,
        IEntityTypeConfiguration<Receipt>,
        IEntityTypeConfiguration<ReceiptAllocation>,
        IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Instalment> b)
    {
        b.ToTable("Instalments");
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.Region).HasMaxLength(50);
        b.Property(i => i.ContractNumber).HasMaxLength(40);
        b.Property(i => i.CustomerName).HasMaxLength(200);
        // The ageing and a customer's open items: only the open, owed rows (a small share once most are paid), carrying
        // every column the ageing groups by and sums, so it never reads the table itself.
        b.HasIndex(i => new
            {
                i.CustomerId,
                i.DueOn,
                i.Open,
                i.OwnerId,
                i.Region,
                i.Owed,
            })
            .HasDatabaseName("IX_Instalments_Ageing")
            .HasFilter("\"Owed\" AND \"Open\" > 0");
        b.HasIndex(i => new { i.CustomerId, i.DueOn });
        b.HasIndex(i => new { i.ContractId, i.Position });
    }

    public void Configure(EntityTypeBuilder<Receipt> b)
    {
        b.ToTable("Receipts");
        b.Property(r => r.Number).HasMaxLength(30);
        b.Property(r => r.ExternalId).HasMaxLength(100);
        b.Property(r => r.Reference).HasMaxLength(100);
        b.Property(r => r.Notes).HasMaxLength(1000);
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => r.ExternalId).IsUnique();
        b.HasIndex(r => new { r.CustomerId, r.ReceivedOn });
        b.HasMany(r => r.Allocations).WithOne().HasForeignKey(a => a.ReceiptId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReceiptAllocation> b)
    {
        b.ToTable("ReceiptAllocations");
        b.HasKey(a => new { a.ReceiptId, a.InstalmentId });
        b.HasIndex(a => a.InstalmentId);
        b.HasIndex(a => a.ContractId);
    }

    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("Invoices");
        b.Property(i => i.Number).HasMaxLength(50);
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => i.InstalmentId);
        b.HasIndex(i => new { i.ContractId, i.IssuedOn });
        // Profitability by customer: a period's invoiced amounts per customer, read from the index alone.
        b.HasIndex(i => new
        {
            i.CustomerId,
            i.IssuedOn,
            i.Amount,
        });
    }
}
