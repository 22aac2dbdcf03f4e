using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Service.Maintenance;

public enum CheckKind
{
    /// <summary>Passed or failed.</summary>
    PassFail = 0,

    /// <summary>A number read off a gauge, with limits and a unit.</summary>
    Measure = 1,
}

/// <summary>One inspection item of a task's checklist. The key stays when the text is edited, so answers keep their item.</summary>
public sealed record CheckItem(
    string Key,
    string Text,
    CheckKind Kind,
    string Unit = "",
    double? Min = null,
    double? Max = null,
    bool Photo = false
)
{
    /// <summary>Whether a measured value is outside the item's limits.</summary>
    public bool OutOfLimits(double value) => (Min is { } min && value < min) || (Max is { } max && value > max);
}

/// <summary>A part or consumable a task normally uses.</summary>
public sealed record TaskPart(Guid PartId, long Quantity);

/// <summary>
/// What a maintenance task is: its interval by calendar (days or months), by running hours, or both (whichever comes first), its
/// checklist, its usual parts and its labour. A model's template and a machine's plan hold the same thing.
/// </summary>
internal abstract class TaskSpec
{
    public string Name { get; set; } = "";
    public int? EveryDays { get; set; }
    public int? EveryMonths { get; set; }
    public int? EveryHours { get; set; }
    public int LabourMinutes { get; set; }
    public List<CheckItem> Checklist { get; set; } = [];
    public List<TaskPart> Parts { get; set; } = [];

    public bool ByCalendar => EveryDays is not null || EveryMonths is not null;

    public void CopyFrom(TaskSpec other)
    {
        Name = other.Name;
        EveryDays = other.EveryDays;
        EveryMonths = other.EveryMonths;
        EveryHours = other.EveryHours;
        LabourMinutes = other.LabourMinutes;
        Checklist = [.. other.Checklist];
        Parts = [.. other.Parts];
    }

    /// <summary>The columns every task table has; the checklist and parts are JSON text on both databases.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> b)
        where T : TaskSpec
    {
        b.Property(x => x.Name).HasMaxLength(100);
        Json(b.Property(x => x.Checklist)).HasMaxLength(20_000);
        Json(b.Property(x => x.Parts)).HasMaxLength(4_000);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    internal static PropertyBuilder<List<TItem>> Json<TItem>(PropertyBuilder<List<TItem>> p) =>
        p.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<List<TItem>>(v, Options) ?? new List<TItem>(),
            new ValueComparer<List<TItem>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList())
        );
}
