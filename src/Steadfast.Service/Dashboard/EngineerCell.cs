using Microsoft.EntityFrameworkCore;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dashboard;

/// <summary>
/// An engineer's resolved orders in one period, region and product category: the dashboard's ranking, before it is ranked.
/// </summary>
internal sealed class EngineerCell : IKpiCellKey
{
    public int Period { get; set; }
    public string Region { get; set; } = "";
    public string ProductCategory { get; set; } = "";
    public Guid AssigneeId { get; set; }
    public int Resolved { get; set; }
    public double LabourHours { get; set; }
    public long CsatSum { get; set; }
    public int Surveys { get; set; }

    /// <summary>Surveys at 4 or 5 (好评).</summary>
    public int Good { get; set; }

    public static IQueryable<EngineerCell> Of(IQueryable<WorkOrder> orders, bool byMonth) =>
        orders
            .Where(w => w.ResolutionMinutes != null && w.AssigneeId != null)
            .GroupBy(w => new
            {
                Period = byMonth ? w.ReportedDay / 100 : w.ReportedDay,
                w.Region,
                w.ProductCategory,
                AssigneeId = w.AssigneeId!.Value,
            })
            .Select(g => new EngineerCell
            {
                Period = g.Key.Period,
                Region = g.Key.Region,
                ProductCategory = g.Key.ProductCategory,
                AssigneeId = g.Key.AssigneeId,
                Resolved = g.Count(),
                LabourHours = g.Sum(w => w.LabourHours),
                CsatSum = g.Sum(w => (long?)w.Csat) ?? 0,
                Surveys = g.Count(w => w.Csat != null),
                Good = g.Count(w => w.Csat >= 4),
            });
}
