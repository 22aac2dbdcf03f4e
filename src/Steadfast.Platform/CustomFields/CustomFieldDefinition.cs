using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.CustomFields;

public enum CustomFieldType
{
    Text = 0,
    Number = 1,
    Date = 2,
    Choice = 3,
    MultiChoice = 4,
    YesNo = 5,
    User = 6,
}

/// <summary>An admin-defined field on one record type. Its key is what the API and the index use.</summary>
public class CustomFieldDefinition : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string RecordType { get; set; } = "";
    public string Key { get; set; } = "";
    public string LabelEn { get; set; } = "";
    public string LabelZh { get; set; } = "";
    public CustomFieldType Type { get; set; }
    public bool Required { get; set; }
    public List<string> Options { get; set; } = [];
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public long Version { get; set; } = 1;

    public string Label(bool chinese) => chinese && LabelZh.Length > 0 ? LabelZh : LabelEn;
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

internal sealed class CustomFieldConfiguration
    : IEntityTypeConfiguration<CustomFieldDefinition>,
        IEntityTypeConfiguration<CustomFieldIndexEntry>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> b)
    {
        b.Property(d => d.RecordType).HasMaxLength(40);
        b.Property(d => d.Key).HasMaxLength(40);
        b.Property(d => d.LabelEn).HasMaxLength(100);
        b.Property(d => d.LabelZh).HasMaxLength(100);
        b.HasIndex(d => new { d.RecordType, d.Key }).IsUnique();
        // JSON text on both providers (not a PostgreSQL array), so both schemas stay the same.
        b.Property(d => d.Options)
            .HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v =>
                    System.Text.Json.JsonSerializer.Deserialize<List<string>>(v, (System.Text.Json.JsonSerializerOptions?)null)
                    ?? new List<string>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                    (a, c) => a!.SequenceEqual(c!),
                    v => v.Count,
                    v => v.ToList()
                )
            );
    }

    public void Configure(EntityTypeBuilder<CustomFieldIndexEntry> b)
    {
        b.ToTable("CustomFieldIndex");
        b.Property(i => i.RecordType).HasMaxLength(40);
        b.Property(i => i.FieldKey).HasMaxLength(40);
        b.Property(i => i.Text).HasMaxLength(200);
        b.HasIndex(i => new
        {
            i.RecordType,
            i.FieldKey,
            i.Text,
        });
        b.HasIndex(i => new
        {
            i.RecordType,
            i.FieldKey,
            i.Number,
        });
        b.HasIndex(i => new
        {
            i.RecordType,
            i.FieldKey,
            i.Date,
        });
        b.HasIndex(i => new { i.RecordType, i.RecordId });
    }
}
