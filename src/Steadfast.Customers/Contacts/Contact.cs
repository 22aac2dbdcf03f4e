using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Customers.Customers;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Contacts;

/// <summary>Where the person sits in the customer's buying decision.</summary>
public enum DecisionRole
{
    EndUser = 0,
    DecisionMaker = 1,
    Technical = 2,
    Procurement = 3,
    Finance = 4,
}

internal sealed class Contact : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string Title { get; set; } = "";
    public string Mobile { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string WeChat { get; set; } = "";
    public DecisionRole Role { get; set; }

    /// <summary>性格特征, e.g. 严谨型 / 急躁型: how to talk to this person.</summary>
    public string Personality { get; set; } = "";
    public bool IsPrimary { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Title).HasMaxLength(100);
        b.Property(c => c.Mobile).HasMaxLength(40);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Email).HasMaxLength(200);
        b.Property(c => c.WeChat).HasMaxLength(100);
        b.Property(c => c.Personality).HasMaxLength(200);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.CustomerId, c.IsPrimary });
        b.HasIndex(c => c.Mobile);
        b.HasIndex(c => c.Phone);
    }
}
