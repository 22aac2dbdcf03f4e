using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Localization;

namespace Steadfast.Service.Maintenance;

/// <summary>What makes a task valid, for a template's and a machine's alike; errors name the field under <c>prefix</c>.</summary>
internal static class TaskRules
{
    public const int MaxItems = 60;
    public const int MaxParts = 30;

    /// <summary>Checks <paramref name="input"/> and, when it is valid, writes it into <paramref name="into"/>.</summary>
    public static void Apply(
        TaskInput input,
        TaskSpec into,
        string prefix,
        IReadOnlySet<Guid> knownParts,
        ValidationErrors errors,
        IStringLocalizer<Strings> t
    )
    {
        var bad = false;
        void Add(string field, string message)
        {
            errors.Add(prefix + field, message);
            bad = true;
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            Add("name", name.Length == 0 ? t["Common.Error.Required"] : t["Common.Error.MaxLength", 100]);
        if (input.EveryDays is < 1 or > 3650)
            Add("everyDays", t["Common.Error.Range", 1, 3650]);
        if (input.EveryMonths is < 1 or > 120)
            Add("everyMonths", t["Common.Error.Range", 1, 120]);
        if (input.EveryHours is < 1 or > 100_000)
            Add("everyHours", t["Common.Error.Range", 1, 100_000]);
        if (input.EveryDays is not null && input.EveryMonths is not null)
            Add("everyMonths", t["Maintenance.Error.DaysOrMonths"]);
        if (input.EveryDays is null && input.EveryMonths is null && input.EveryHours is null)
            Add("everyDays", t["Maintenance.Error.NoInterval"]);
        if (input.LabourMinutes is < 0 or > 10_000)
            Add("labourMinutes", t["Common.Error.Range", 0, 10_000]);
        var items = input.Checklist ?? [];
        if (items.Count > MaxItems)
            Add("checklist", t["Maintenance.Error.TooMany", MaxItems]);
        var checklist = new List<CheckItem>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count && i < MaxItems; i++)
        {
            var it = items[i];
            var at = $"checklist[{i}].";
            if (it is null)
            {
                Add($"checklist[{i}]", t["Common.Error.Required"]);
                continue;
            }
            var text = it.Text?.Trim() ?? "";
            if (text.Length is 0 or > 200)
                Add(at + "text", text.Length == 0 ? t["Common.Error.Required"] : t["Common.Error.MaxLength", 200]);
            if (it.Kind is { } k && !Enum.IsDefined(k))
                Add(at + "kind", t["Common.Error.Choice"]);
            var kind = it.Kind ?? CheckKind.PassFail;
            var unit = it.Unit?.Trim() ?? "";
            if (unit.Length > 20)
                Add(at + "unit", t["Common.Error.MaxLength", 20]);
            if (it.Min is { } mn && !double.IsFinite(mn))
                Add(at + "min", t["Maintenance.Error.Number"]);
            if (it.Max is { } mx && !double.IsFinite(mx))
                Add(at + "max", t["Maintenance.Error.Number"]);
            if (it.Min > it.Max)
                Add(at + "min", t["Maintenance.Error.MinAboveMax"]);
            if (kind == CheckKind.PassFail && (it.Min is not null || it.Max is not null))
                Add(at + "kind", t["Maintenance.Error.LimitsNeedMeasure"]);
            var key = it.Key?.Trim();
            if (key is { Length: > 0 } && (key.Length > 20 || !key.All(char.IsAsciiLetterOrDigit)))
                Add(at + "key", t["Maintenance.Error.Key"]);
            else if (key is { Length: > 0 } && !keys.Add(key))
                Add(at + "key", t["Maintenance.Error.KeyTwice"]);
            checklist.Add(new CheckItem(key is { Length: > 0 } ? key : "", text, kind, unit, it.Min, it.Max, it.Photo ?? false));
        }
        var parts = input.Parts ?? [];
        if (parts.Count > MaxParts)
            Add("parts", t["Maintenance.Error.TooMany", MaxParts]);
        var taskParts = new List<TaskPart>();
        for (var i = 0; i < parts.Count && i < MaxParts; i++)
        {
            var p = parts[i];
            if (p?.PartId is not { } partId || !knownParts.Contains(partId))
                Add($"parts[{i}].partId", t["Maintenance.Error.Part"]);
            else if (taskParts.Any(x => x.PartId == partId))
                Add($"parts[{i}].partId", t["Maintenance.Error.PartTwice"]);
            if (p?.Quantity is not (>= 1 and <= 10_000))
                Add($"parts[{i}].quantity", t["Common.Error.Range", 1, 10_000]);
            if (p?.PartId is { } id && p.Quantity is { } q)
                taskParts.Add(new TaskPart(id, q));
        }
        if (bad)
            return;
        // New items get the next free key: c1, c2… (never a key another item of the task has, or had in this list).
        var next = 1;
        for (var i = 0; i < checklist.Count; i++)
            if (checklist[i].Key.Length == 0)
            {
                while (keys.Contains("c" + next))
                    next++;
                keys.Add("c" + next);
                checklist[i] = checklist[i] with { Key = "c" + next };
            }
        into.Name = name;
        into.EveryDays = input.EveryDays;
        into.EveryMonths = input.EveryMonths;
        into.EveryHours = input.EveryHours;
        into.LabourMinutes = input.LabourMinutes ?? 0;
        into.Checklist = checklist;
        into.Parts = taskParts;
    }

    /// <summary>The part ids named anywhere in the tasks, to look up in one query.</summary>
    public static List<Guid> PartIds(IEnumerable<TaskInput?> tasks) =>
        [.. tasks.SelectMany(x => x?.Parts ?? []).Select(p => p?.PartId).OfType<Guid>().Distinct()];
}
