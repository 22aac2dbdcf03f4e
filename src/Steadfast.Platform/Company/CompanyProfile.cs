using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Company;

/// <summary>The one company this installation serves, with the calendar SLAs are measured in.</summary>
public class CompanyProfile : IVersioned, IAudited, IConfigRecord
{
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-000000000001");

    public Guid Id { get; set; } = SingletonId;
    public string Name { get; set; } = "";
    public string CurrencyCode { get; set; } = "CNY";
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
    public TimeOnly WorkdayStart { get; set; } = new(8, 30);
    public TimeOnly WorkdayEnd { get; set; } = new(17, 30);

    /// <summary>Normal working days of the week, Monday..Friday by default.</summary>
    public WorkWeek WorkingDays { get; set; } =
        WorkWeek.Monday | WorkWeek.Tuesday | WorkWeek.Wednesday | WorkWeek.Thursday | WorkWeek.Friday;
    public string ServicePhone { get; set; } = "";
    public long Version { get; set; } = 1;
}

[Flags]
#pragma warning disable CA1714 // a flags enum named for what it holds reads better here
public enum WorkWeek
#pragma warning restore CA1714
{
    None = 0,
    Sunday = 1,
    Monday = 2,
    Tuesday = 4,
    Wednesday = 8,
    Thursday = 16,
    Friday = 32,
    Saturday = 64,
}

public enum CalendarDayKind
{
    /// <summary>A public holiday: no business hours although it may be a weekday.</summary>
    Holiday = 0,

    /// <summary>调休: a weekend day declared a working day around a holiday.</summary>
    WorkingDay = 1,
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<CompanyProfile>, IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CompanyProfile> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.CurrencyCode).HasMaxLength(3);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        b.Property(c => c.ServicePhone).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasIndex(c => c.Date).IsUnique();
    }
}
