namespace Steadfast.Service.Maintenance;

/// <summary>A task as a form edits it: mutable, turned into the API's input when saved.</summary>
public sealed class TaskForm
{
    public string Name { get; set; } = "";
    public int? EveryDays { get; set; }
    public int? EveryMonths { get; set; }
    public int? EveryHours { get; set; }
    public int? LabourMinutes { get; set; }
    public List<ItemForm> Checklist { get; set; } = [];
    public List<TaskPartDto> Parts { get; set; } = [];

    public sealed class ItemForm
    {
        public string? Key { get; set; }
        public string Text { get; set; } = "";
        public CheckKind Kind { get; set; }
        public string Unit { get; set; } = "";
        public double? Min { get; set; }
        public double? Max { get; set; }
        public bool Photo { get; set; }
    }

    public static TaskForm From(
        string name,
        int? days,
        int? months,
        int? hours,
        int labour,
        IEnumerable<CheckItem> checklist,
        IEnumerable<TaskPartDto> parts
    ) =>
        new()
        {
            Name = name,
            EveryDays = days,
            EveryMonths = months,
            EveryHours = hours,
            LabourMinutes = labour,
            Checklist =
            [
                .. checklist.Select(c => new ItemForm
                {
                    Key = c.Key,
                    Text = c.Text,
                    Kind = c.Kind,
                    Unit = c.Unit,
                    Min = c.Min,
                    Max = c.Max,
                    Photo = c.Photo,
                }),
            ],
            Parts = [.. parts],
        };

    public TaskInput ToInput() =>
        new(
            Name,
            EveryDays,
            EveryMonths,
            EveryHours,
            LabourMinutes,
            [.. Checklist.Select(c => new CheckItemInput(c.Key, c.Text, c.Kind, c.Unit, c.Min, c.Max, c.Photo))],
            [.. Parts.Select(p => new TaskPartInput(p.PartId, p.Quantity))]
        );
}
