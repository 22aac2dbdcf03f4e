using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Dispatch;

/// <summary>The service department's switches; one row.</summary>
[RecordType("servicesettings")]
internal sealed class ServiceSettings : IVersioned, IAudited
{
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-0000000005e1");
    public Guid Id { get; set; } = SingletonId;

    /// <summary>Engineers may grab unassigned orders of their regions (工单池).</summary>
    public bool PoolEnabled { get; set; }

    /// <summary>A check-in farther than this from the site is flagged to the dispatcher.</summary>
    public int CheckInDistanceMeters { get; set; } = 500;

    /// <summary>The SOP's call-back deadline after closing, in working days.</summary>
    public int CallbackWorkingDays { get; set; } = 2;

    /// <summary>How many days ahead a due maintenance task becomes a proposed visit.</summary>
    public int MaintenanceLeadDays { get; set; } = 14;

    /// <summary>Tasks at one site due within this many days of the first share its visit.</summary>
    public int MaintenanceGroupDays { get; set; } = 7;
    public long Version { get; set; } = 1;
}
