using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dashboard;

/// <summary>Where a cell counts: the period (yyyyMM or yyyyMMdd), region and product category the dashboard filters by.</summary>
internal interface IKpiCellKey
{
    int Period { get; }
    string Region { get; }
    string ProductCategory { get; }
}

/// <summary>
/// The sums and counts of the orders reported in one period (a month, yyyyMM, or a day, yyyyMMdd) in one
/// region, product category and fault category. Means and rates are taken only after cells are added up,
/// so they weigh every order once. Stored as the roll-up of months that are over (<see cref="KpiRollup"/>),
/// and computed the same way, by the same query, for the days that are not.
/// </summary>
internal sealed class KpiCell : IKpiCellKey
{
    public int Period { get; set; }
    public string Region { get; set; } = "";
    public string ProductCategory { get; set; } = "";
    public string Category { get; set; } = "";
    public int Reported { get; set; }
    public int Resolved { get; set; }
    public int Open { get; set; }
    public long FirstResponseSum { get; set; }
    public int FirstResponseCount { get; set; }
    public long ResolutionSum { get; set; }
    public int FirstTimeFix { get; set; }
    public int Repairs { get; set; }
    public int Rework { get; set; }
    public int FrMet { get; set; }
    public int FrDecided { get; set; }
    public int ArMet { get; set; }
    public int ArDecided { get; set; }
    public int ResMet { get; set; }
    public int ResDecided { get; set; }
    public long CostSum { get; set; }
    public int Breached { get; set; }
    public int Surveys { get; set; }
    public long CsatSum { get; set; }
    public int Promoters { get; set; }
    public int Detractors { get; set; }

    /// <summary>Surveys at 4 or 5 (好评).</summary>
    public int Good { get; set; }
    public int Closed { get; set; }
    public long CloseSum { get; set; }
    public int Complaints { get; set; }
    public long ComplaintFirstResponseSum { get; set; }
    public int ComplaintFirstResponseCount { get; set; }

    /// <summary>The cells of some orders, counted by the database: one row per period, region, product and fault category.</summary>
    public static IQueryable<KpiCell> Of(IQueryable<WorkOrder> orders, bool byMonth) =>
        orders
            .GroupBy(w => new
            {
                Period = byMonth ? w.ReportedDay / 100 : w.ReportedDay,
                w.Region,
                w.ProductCategory,
                w.Category,
            })
            .Select(g => new KpiCell
            {
                Period = g.Key.Period,
                Region = g.Key.Region,
                ProductCategory = g.Key.ProductCategory,
                Category = g.Key.Category,
                Reported = g.Count(),
                Resolved = g.Count(w => w.ResolutionMinutes != null),
                Open = g.Count(w => w.Status != WorkOrderStatus.Closed),
                FirstResponseSum = g.Sum(w => (long?)w.FirstResponseMinutes) ?? 0,
                FirstResponseCount = g.Count(w => w.FirstResponseMinutes != null),
                ResolutionSum = g.Sum(w => (long?)w.ResolutionMinutes) ?? 0,
                FirstTimeFix = g.Count(w => w.ResolutionMinutes != null && w.VisitCount <= 1 && w.ReopenCount == 0 && !w.HasRework),
                Repairs = g.Count(w => w.Type == WorkOrderType.Repair),
                Rework = g.Count(w => w.Type == WorkOrderType.Repair && w.ReworkOfId != null),
                FrMet = g.Count(w => w.FirstResponseBreached == false),
                FrDecided = g.Count(w => w.FirstResponseBreached != null),
                ArMet = g.Count(w => w.ArrivalBreached == false),
                ArDecided = g.Count(w => w.ArrivalBreached != null),
                ResMet = g.Count(w => w.ResolutionBreached == false),
                ResDecided = g.Count(w => w.ResolutionBreached != null),
                CostSum = g.Sum(w => w.ResolutionMinutes != null ? w.LabourCost + w.TravelCost + w.PartsCost : 0),
                Breached = g.Count(w => w.SlaBreached),
                Surveys = g.Count(w => w.Csat != null),
                CsatSum = g.Sum(w => (long?)w.Csat) ?? 0,
                Promoters = g.Count(w => w.Nps >= 9),
                Detractors = g.Count(w => w.Nps <= 6),
                Good = g.Count(w => w.Csat >= 4),
                Closed = g.Count(w => w.CloseMinutes != null),
                CloseSum = g.Sum(w => (long?)w.CloseMinutes) ?? 0,
                Complaints = g.Count(w => w.Type == WorkOrderType.Complaint),
                ComplaintFirstResponseSum = g.Sum(w => w.Type == WorkOrderType.Complaint ? (long?)w.FirstResponseMinutes : null) ?? 0,
                ComplaintFirstResponseCount = g.Count(w => w.Type == WorkOrderType.Complaint && w.FirstResponseMinutes != null),
            });

    /// <summary>Cells added up into one: a period's, or the whole range's.</summary>
    public static KpiCell Sum(IEnumerable<KpiCell> cells, int period = 0)
    {
        var s = new KpiCell { Period = period };
        foreach (var c in cells)
        {
            s.Reported += c.Reported;
            s.Resolved += c.Resolved;
            s.Open += c.Open;
            s.FirstResponseSum += c.FirstResponseSum;
            s.FirstResponseCount += c.FirstResponseCount;
            s.ResolutionSum += c.ResolutionSum;
            s.FirstTimeFix += c.FirstTimeFix;
            s.Repairs += c.Repairs;
            s.Rework += c.Rework;
            s.FrMet += c.FrMet;
            s.FrDecided += c.FrDecided;
            s.ArMet += c.ArMet;
            s.ArDecided += c.ArDecided;
            s.ResMet += c.ResMet;
            s.ResDecided += c.ResDecided;
            s.CostSum += c.CostSum;
            s.Breached += c.Breached;
            s.Surveys += c.Surveys;
            s.CsatSum += c.CsatSum;
            s.Promoters += c.Promoters;
            s.Detractors += c.Detractors;
            s.Good += c.Good;
            s.Closed += c.Closed;
            s.CloseSum += c.CloseSum;
            s.Complaints += c.Complaints;
            s.ComplaintFirstResponseSum += c.ComplaintFirstResponseSum;
            s.ComplaintFirstResponseCount += c.ComplaintFirstResponseCount;
        }
        return s;
    }
}

internal sealed class KpiCellConfiguration : IEntityTypeConfiguration<KpiCell>, IEntityTypeConfiguration<EngineerCell>
{
    public void Configure(EntityTypeBuilder<KpiCell> b)
    {
        b.ToTable("KpiCells");
        b.HasKey(c => new
        {
            c.Period,
            c.Region,
            c.ProductCategory,
            c.Category,
        });
        b.Property(c => c.Region).HasMaxLength(64);
        b.Property(c => c.ProductCategory).HasMaxLength(100);
        b.Property(c => c.Category).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<EngineerCell> b)
    {
        b.ToTable("KpiEngineerCells");
        b.HasKey(c => new
        {
            c.Period,
            c.Region,
            c.ProductCategory,
            c.AssigneeId,
        });
        b.Property(c => c.Region).HasMaxLength(64);
        b.Property(c => c.ProductCategory).HasMaxLength(100);
    }
}
