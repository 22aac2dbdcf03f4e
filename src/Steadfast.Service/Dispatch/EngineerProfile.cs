using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Dispatch;

/// <summary>What dispatch knows of an engineer: where they work, what they can fix, what an hour costs.</summary>
[RecordType("engineer")]
internal sealed class EngineerProfile : IVersioned, IAudited
{
    public Guid UserId { get; set; }

    /// <summary>Comma-separated provinces the engineer covers.</summary>
    public string Regions { get; set; } = "";

    /// <summary>Comma-separated product categories the engineer is trained on.</summary>
    public string Skills { get; set; } = "";

    /// <summary>Labour rate in fen per hour.</summary>
    public long HourlyRate { get; set; } = 15000;

    /// <summary>The most orders automatic dispatch gives the engineer in one day (his own, and any a dispatcher gave).</summary>
    public int DailyCap { get; set; } = DefaultDailyCap;

    public const int DefaultDailyCap = 6;
    public long Version { get; set; } = 1;

    public static string[] Split(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class DispatchConfiguration : IEntityTypeConfiguration<EngineerProfile>, IEntityTypeConfiguration<ServiceSettings>
{
    public void Configure(EntityTypeBuilder<EngineerProfile> b)
    {
        b.HasKey(e => e.UserId);
        b.Property(e => e.Regions).HasMaxLength(1000);
        b.Property(e => e.Skills).HasMaxLength(1000);
    }

    public void Configure(EntityTypeBuilder<ServiceSettings> b) => b.ToTable("ServiceSettings");
}
