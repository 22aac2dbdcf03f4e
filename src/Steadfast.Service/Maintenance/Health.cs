using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Maintenance;

/// <summary>What a recommendation rule looks at.</summary>
public enum HealthMetric
{
    Hours = 0,
    AgeYears = 1,
    Failures90 = 2,
    OverdueTasks = 3,
    PartsPastLife = 4,
}

/// <summary>A recommendation on the health report (建议): when the metric is above the threshold, say the text.</summary>
[RecordType("healthrule")]
internal sealed class HealthRule : IAudited
{
    public Guid Id { get; set; }
    public HealthMetric Metric { get; set; }
    public double Threshold { get; set; }
    public string TextZh { get; set; } = "";
    public string TextEn { get; set; } = "";
    public int Position { get; set; }
}

internal sealed class HealthRuleConfiguration : IEntityTypeConfiguration<HealthRule>
{
    public void Configure(EntityTypeBuilder<HealthRule> b)
    {
        b.Property(x => x.TextZh).HasMaxLength(300);
        b.Property(x => x.TextEn).HasMaxLength(300);
        b.HasIndex(x => x.Position);
    }
}

/// <summary>The recommendations every installation starts with (seed 004: "使用时长超8000小时，建议升级核心部件").</summary>
internal sealed class HealthDefaults(AppDbContext db) : IShippedData
{
    internal static readonly (HealthMetric Metric, double Threshold, string Zh, string En)[] Rules =
    [
        (
            HealthMetric.Hours,
            8000,
            "使用时长超8000小时，建议升级核心部件",
            "Over 8,000 running hours: upgrading the core components is recommended"
        ),
        (
            HealthMetric.PartsPastLife,
            0,
            "有备件已超过预期寿命，建议安排预防性更换",
            "Parts are past their expected life: replace them before they fail"
        ),
        (HealthMetric.OverdueTasks, 0, "存在逾期保养，建议尽快安排上门", "Maintenance is overdue: schedule a visit soon"),
        (
            HealthMetric.Failures90,
            2,
            "近90天故障频繁，建议全面检修",
            "Frequent failures in the last 90 days: a full overhaul is recommended"
        ),
        (HealthMetric.AgeYears, 10, "设备使用超过10年，建议评估更新换代", "Over 10 years in service: consider a replacement"),
    ];

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (await db.Set<HealthRule>().AnyAsync(ct))
            return;
        var position = 0;
        foreach (var (metric, threshold, zh, en) in Rules)
            db.Add(
                new HealthRule
                {
                    Id = Guid.CreateVersion7(),
                    Metric = metric,
                    Threshold = threshold,
                    TextZh = zh,
                    TextEn = en,
                    Position = position++,
                }
            );
        await db.SaveChangesAsync(ct);
    }
}

public sealed record HealthReason(string Code, int Points, string Text);

public sealed record HealthDto(
    Guid MachineId,
    string SerialNumber,
    string Model,
    Guid CustomerId,
    string CustomerName,
    string Site,
    int Score,
    IReadOnlyList<HealthReason> Reasons,
    IReadOnlyList<string> Recommendations,
    double? Hours,
    double AgeYears,
    int Failures90,
    double ModelFailures90,
    int OverdueTasks,
    int PartsPastLife,
    double? HoursSinceService,
    DateOnly? LastServiceOn
);

public sealed record HealthRuleDto(HealthMetric Metric, double Threshold, string TextZh, string TextEn);

public sealed record SaveHealthRules(IReadOnlyList<HealthRuleInput>? Rules);

public sealed record HealthRuleInput(HealthMetric? Metric, double? Threshold, string? TextZh, string? TextEn);
