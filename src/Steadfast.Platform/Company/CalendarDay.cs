using Steadfast.Platform.Data;

namespace Steadfast.Platform.Company;

/// <summary>An exception to the working week: a public holiday or a 调休 working weekend day.</summary>
public class CalendarDay : IAudited, IConfigRecord
{
    public Guid Id { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
}
