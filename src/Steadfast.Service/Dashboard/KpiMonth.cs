namespace Steadfast.Service.Dashboard;

/// <summary>A month whose cells are rolled up.</summary>
internal sealed class KpiMonth
{
    public int Month { get; set; }
    public DateTime RolledAtUtc { get; set; }
}
