using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Customers.Public;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Reminders;

/// <summary>
/// How often each tier must be contacted (seed 003: 战略客户 monthly) and how early a warranty end is announced. One row.
/// A tier without a frequency has none: only the follow-up dates people set remind.
/// </summary>
[RecordType("remindersettings")]
internal sealed class ReminderSettings : IVersioned, IAudited, IConfigRecord
{
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-0000000c0571");
    public Guid Id { get; set; } = SingletonId;
    public int? StrategicContactDays { get; set; } = 30;
    public int? KeyContactDays { get; set; } = 60;
    public int? NormalContactDays { get; set; }
    public int WarrantyNoticeDays { get; set; } = 60;
    public long Version { get; set; } = 1;

    public int? ContactDays(CustomerTier tier) =>
        tier switch
        {
            CustomerTier.Strategic => StrategicContactDays,
            CustomerTier.Key => KeyContactDays,
            _ => NormalContactDays,
        };
}

internal sealed class ReminderSettingsConfiguration : IEntityTypeConfiguration<ReminderSettings>
{
    public void Configure(EntityTypeBuilder<ReminderSettings> b) => b.ToTable("ReminderSettings");
}

public sealed record ReminderSettingsDto(
    int? StrategicContactDays,
    int? KeyContactDays,
    int? NormalContactDays,
    int WarrantyNoticeDays,
    long Version
);

/// <summary>A contact frequency left out (null) means none for that tier; 0 or less is refused.</summary>
public sealed record SaveReminderSettings(
    int? StrategicContactDays,
    int? KeyContactDays,
    int? NormalContactDays,
    int? WarrantyNoticeDays,
    long? Version
);

/// <summary>A customer to contact: a follow-up date that has come (Reason "scheduled"), or a tier's frequency past ("frequency").</summary>
public sealed record FollowUpDueDto(
    Guid CustomerId,
    string Name,
    CustomerTier Tier,
    Guid? OwnerId,
    string? OwnerName,
    string Reason,
    DateOnly? PlannedOn,
    DateTime? LastContactAt
);

/// <summary>A machine whose warranty ends soon, for its customer's owner and the service manager.</summary>
public sealed record WarrantyEndingDto(
    Guid MachineId,
    string SerialNumber,
    string ProductName,
    Guid CustomerId,
    string CustomerName,
    DateOnly WarrantyEndsOn,
    int DaysLeft
);
