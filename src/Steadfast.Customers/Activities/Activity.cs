using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Customers.Customers;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Activities;

public enum ActivityType
{
    Call = 0,
    Visit = 1,
    Meeting = 2,
    Email = 3,
    WeChat = 4,
    Note = 5,
}

/// <summary>
/// A follow-up (跟进记录) or, when <see cref="IsPrivate"/>, a private note (私密笔记) that only its author
/// ever sees: not other users, not admins, not exports, not the audit log's values.
/// </summary>
internal sealed class Activity : IVersioned, IAudited, IPrivateRecord
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? ContactId { get; set; }
    public ActivityType Type { get; set; }
    public DateTime AtUtc { get; set; }
    public string Summary { get; set; } = "";
    public DateOnly? NextFollowUpOn { get; set; }
    public Guid AuthorId { get; set; }
    public bool IsPrivate { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(a => a.Summary).HasMaxLength(4000);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.CustomerId, a.AtUtc });
        b.HasIndex(a => new { a.AuthorId, a.NextFollowUpOn });
    }
}
