using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Platform.Views;

/// <summary>A named set of list filters a user keeps for themselves ("我的华东战略客户").</summary>
internal sealed class SavedView
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string List { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The list's filters as a query string (q=...&tier=...&cf.key=...), the same the API list takes.</summary>
    public string Query { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.Property(v => v.List).HasMaxLength(40);
        b.Property(v => v.Name).HasMaxLength(100);
        b.Property(v => v.Query).HasMaxLength(2000);
        b.HasIndex(v => new
            {
                v.UserId,
                v.List,
                v.Name,
            })
            .IsUnique();
    }
}
