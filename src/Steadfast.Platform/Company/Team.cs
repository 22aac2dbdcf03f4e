using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Company;

/// <summary>A team of users working one region (华东, 华南...): the unit for data visibility and dispatch.</summary>
public class Team : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public Guid? ManagerId { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Region).HasMaxLength(100);
        b.HasIndex(t => t.Name).IsUnique();
    }
}
