using Steadfast.Platform.Company;

namespace Steadfast.Web.Home;

public sealed record HomeSummary(
    string CompanyName,
    int ActiveUsers,
    int Teams,
    int CustomFields,
    int ChangesLast7Days,
    IReadOnlyList<DayCount> ActivityByDay,
    CalendarDayInfo? NextDayOff,
    IReadOnlyList<RecentChange> Recent
);

public sealed record DayCount(DateOnly Day, int Count);

public sealed record CalendarDayInfo(DateOnly Date, string Name, CalendarDayKind Kind);

public sealed record RecentChange(DateTime At, string UserName, string Entity, string Action);
