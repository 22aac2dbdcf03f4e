using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Leads;

/// <summary>
/// One rule of lead assignment (线索分配), tried in <see cref="Order"/>: a lead matches when each criterion that is set
/// holds (its province among <see cref="Provinces"/>, its industry among <see cref="Industries"/>, its product category
/// among <see cref="Categories"/>); it then goes round robin to the rule's reps under the open-lead cap.
/// </summary>
internal sealed class AssignmentRule : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int Order { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Lists as "|a|b|"; empty means "any".</summary>
    public string Provinces { get; set; } = "";
    public string Industries { get; set; } = "";
    public string Categories { get; set; } = "";

    /// <summary>The reps' user ids as "|id|id|".</summary>
    public string Reps { get; set; } = "";
    public long Version { get; set; } = 1;
}

/// <summary>Sales switches: one row.</summary>
internal sealed class SalesSettings : IVersioned, IAudited
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;

    /// <summary>A rep with this many open leads gets no more from the rules.</summary>
    public int OpenLeadCap { get; set; } = 50;
    public long Version { get; set; } = 1;
}

internal sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> b)
    {
        b.ToTable("LeadAssignmentRules");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Provinces).HasMaxLength(1000);
        b.Property(r => r.Industries).HasMaxLength(1000);
        b.Property(r => r.Categories).HasMaxLength(1000);
        b.Property(r => r.Reps).HasMaxLength(2000);
        b.HasIndex(r => r.Order);
    }
}

internal sealed class SalesSettingsConfiguration : IEntityTypeConfiguration<SalesSettings>
{
    public void Configure(EntityTypeBuilder<SalesSettings> b) => b.Property(s => s.Id).ValueGeneratedNever();
}
