namespace Steadfast.Service.Dashboard;

/// <summary>
/// A change to an order of a past month, written in the same transaction as the change: while one is
/// left, that month's roll-up is stale. Rolling the month up deletes the touches it has counted.
/// </summary>
internal sealed class KpiTouch
{
    public Guid Id { get; set; }
    public int Month { get; set; }
}
