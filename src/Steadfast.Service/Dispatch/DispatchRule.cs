using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dispatch;

/// <summary>What dispatch does with a new order: nothing, rank engineers for the dispatcher (today's way), or assign the best.</summary>
public enum DispatchMode
{
    Off = 0,
    Suggest = 1,
    Auto = 2,
}

/// <summary>
/// Dispatch at intake for one region and severity (区域 × 紧急程度). An empty region, or no severity, is the rule for all the
/// others; the most specific rule wins. Without any rule an order is suggested, as before.
/// </summary>
[RecordType("dispatchrule")]
internal sealed class DispatchRule : IVersioned, IAudited, IConfigRecord
{
    public Guid Id { get; set; }
    public string Region { get; set; } = "";
    public Severity? Severity { get; set; }
    public DispatchMode Mode { get; set; } = DispatchMode.Suggest;
    public long Version { get; set; } = 1;

    /// <summary>The rule for an order: region and severity, then region, then severity, then the catch-all.</summary>
    public static DispatchMode ModeFor(IReadOnlyList<DispatchRule> rules, string region, Severity severity) =>
        (
            rules.FirstOrDefault(r => r.Region == region && r.Severity == severity)
            ?? rules.FirstOrDefault(r => r.Region == region && r.Severity == null)
            ?? rules.FirstOrDefault(r => r.Region == "" && r.Severity == severity)
            ?? rules.FirstOrDefault(r => r.Region == "" && r.Severity == null)
        )?.Mode
        ?? DispatchMode.Suggest;
}

internal sealed class DispatchRuleConfiguration : IEntityTypeConfiguration<DispatchRule>
{
    public void Configure(EntityTypeBuilder<DispatchRule> b)
    {
        b.ToTable("DispatchRules");
        b.Property(r => r.Region).HasMaxLength(64);
        b.HasIndex(r => new { r.Region, r.Severity }).IsUnique();
    }
}
