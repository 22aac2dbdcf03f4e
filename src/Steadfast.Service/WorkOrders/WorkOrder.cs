using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Service.WorkOrders;

public enum WorkOrderType
{
    Repair = 0,
    Installation = 1,
    Maintenance = 2,
    Inspection = 3,
    Training = 4,
    Complaint = 5,
}

/// <summary>In flow order; the list filters rely on the closing states coming last.</summary>
public enum WorkOrderStatus
{
    New = 0,
    Assigned = 1,
    Accepted = 2,
    EnRoute = 3,
    OnSite = 4,
    WaitingForParts = 5,
    Resolved = 6,
    Closed = 7,
    Cancelled = 8,
}

/// <summary>How badly the customer is hit: stopped production is measured in calendar hours, the rest in business hours.</summary>
public enum Severity
{
    Question = 0,
    Degraded = 1,
    StoppedProduction = 2,
}

public enum WorkOrderSource
{
    Phone = 0,
    QrScan = 1,
    Portal = 2,
    Dealer = 3,
    Email = 4,
    Preventive = 5,

    /// <summary>A finding of a maintenance checklist (巡检发现): the corrective order opened from it.</summary>
    Inspection = 6,
}

/// <summary>A service work order (售后工单): one request for service on a customer's machine, from report to close.</summary>
[RecordType("workorder")]
internal sealed class WorkOrder : IVersioned, IAudited, IHasCustomFields
{
    public Guid Id { get; set; }

    /// <summary>What people say on the phone: WO-260302-0007.</summary>
    public string Number { get; set; } = "";
    public WorkOrderType Type { get; set; }
    public WorkOrderStatus Status { get; set; }
    public Severity Severity { get; set; }
    public WorkOrderSource Source { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? MachineId { get; set; }
    public string ContactName
    {
        get => _contactText;
        set
        {
            _contactText = value;
            _grams = null;
        }
    }
    public string ContactPhone { get; set; } = "";
    public string FaultDescription
    {
        get => _faultText;
        set
        {
            _faultText = value;
            _grams = null;
        }
    }
    public string Category { get; set; } = "";

    /// <summary>Decided when the order opens: in warranty means not billable.</summary>
    public bool InWarranty { get; set; }

    // The service contract covering the machine when the order opened (see Public.IContractCoverage): the shares of
    // each cost line it pays, copied so that the bill and the figures never reach into the contracts module.
    public Guid? ContractId { get; set; }
    public string ContractNumber { get; set; } = "";
    public int CoveredLabourPercent { get; set; }
    public int CoveredPartsPercent { get; set; }
    public bool CoveredTravel { get; set; }

    /// <summary>
    /// The contract's share of the parts, fixed when the order is resolved: only the parts on the contract's list, and
    /// no more than is left under its cap. Null until then (the parts percent gives the share meanwhile).
    /// </summary>
    public long? PartsCovered { get; set; }

    /// <summary>The contract's service level, which picks the SLA policy made for it.</summary>
    public string ServiceLevel { get; set; } = "";

    /// <summary>This order used one of the contract's included visits (given back if it is cancelled).</summary>
    public bool VisitTaken { get; set; }

    /// <summary>A preventive visit on a contract whose included visits were all used: billable, and the dispatcher told.</summary>
    public bool EntitlementExhausted { get; set; }
    public string ContactEmail { get; set; } = "";

    /// <summary>Copied at intake so lists, dispatch and the dashboard filter without joining other modules.</summary>
    public string Region { get; set; } = "";
    public string ProductCategory { get; set; } = "";
    public int CustomerTier { get; set; }
    public Guid? AssigneeId { get; set; }

    /// <summary>When the current engineer got the order: automatic dispatch counts an engineer's day by it.</summary>
    public DateTime? AssignedAtUtc { get; set; }
    public DateTime ReportedAtUtc { get; set; }

    /// <summary>The company-local report date as yyyyMMdd: trends group by it in any database.</summary>
    public int ReportedDay { get; set; }
    public DateTime? FirstResponseAtUtc { get; set; }
    public DateTime? ArrivedAtUtc { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public string Diagnosis
    {
        get => _diagnosisText;
        set
        {
            _diagnosisText = value;
            _grams = null;
        }
    }

    // Named off EF's conventions so that EF reads and writes through the properties, which keep SearchGrams.
    private string _faultText = "",
        _diagnosisText = "",
        _contactText = "";

    /// <summary>
    /// The two-character words of the fault, the diagnosis and the contact's name (漏油, 异响, 李工), space-separated: what
    /// lets a two-character search use the trigram index (see <see cref="WorkOrderSearch"/>). Follows those three properties.
    /// </summary>
    [NotAudited]
    public string SearchGrams
    {
        // Worked out when read (by a save, or EF's snapshot of a tracked order), once, not on every setter call while a
        // row is loaded; a value loaded from the database is replaced by the same one.
        get => _grams ??= WorkOrderSearch.Grams(_faultText, _diagnosisText, _contactText);
        private set => _grams = value;
    }

    private string? _grams;
    public string RootCause { get; set; } = "";
    public string Actions { get; set; } = "";

    // SLA: the targets this order must meet, decided at intake and moved while the clock is paused.
    public Guid? SlaPolicyId { get; set; }
    public DateTime? FirstResponseDueUtc { get; set; }
    public DateTime? ArrivalDueUtc { get; set; }
    public DateTime? ResolutionDueUtc { get; set; }
    public DateTime? SlaPausedAtUtc { get; set; }

    /// <summary>Null until the target is met or missed; then whether it was missed.</summary>
    public bool? FirstResponseBreached
    {
        get => _fr;
        set
        {
            _fr = value;
            SyncBreached();
        }
    }
    public bool? ArrivalBreached
    {
        get => _ar;
        set
        {
            _ar = value;
            SyncBreached();
        }
    }
    public bool? ResolutionBreached
    {
        get => _rr;
        set
        {
            _rr = value;
            SyncBreached();
        }
    }

    /// <summary>Any target missed: one indexed column, so "breached" lists stay fast at a million orders.</summary>
    public bool SlaBreached { get; private set; }
    private bool? _fr,
        _ar,
        _rr;

    private void SyncBreached() => SlaBreached = _fr == true || _ar == true || _rr == true;

    public int EscalationLevel { get; set; }

    // KPI facts kept as the order moves, so the dashboard aggregates columns and never replays events.
    public int? FirstResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }

    /// <summary>Report to close, in calendar minutes: the MTTR the seeds define (to closing), beside report to resolved.</summary>
    public int? CloseMinutes { get; set; }
    public int VisitCount { get; set; }
    public int ReopenCount { get; set; }

    /// <summary>A later repair on the same machine within 30 days points back here.</summary>
    public bool HasRework { get; set; }

    /// <summary>
    /// The customer's survey answer, copied here when it is given (the Surveys row stays the record), so the
    /// dashboard reads satisfaction from the KPI index instead of joining every survey.
    /// </summary>
    public int? Csat { get; set; }
    public int? Nps { get; set; }

    // Cost, in fen.
    public double LabourHours { get; set; }
    public long LabourCost { get; set; }
    public long TravelCost { get; set; }
    public long PartsCost { get; set; }
    public string PartsUsed { get; set; } = "";

    public string SignedBy { get; set; } = "";
    public DateTime? SignedAtUtc { get; set; }
    public Guid? SignatureId { get; set; }

    /// <summary>Unguessable: the customer answers the survey with it.</summary>
    public string SurveyToken { get; set; } = "";

    /// <summary>Set when this repair comes within 30 days of a closed one on the same machine (返修).</summary>
    public Guid? ReworkOfId { get; set; }

    /// <summary>Unguessable: the reporter follows the order with it, without an account.</summary>
    public string TrackingToken { get; set; } = "";
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
}

internal sealed class WorkOrderConfiguration
    : IEntityTypeConfiguration<WorkOrder>,
        IEntityTypeConfiguration<WorkOrderEvent>,
        IEntityTypeConfiguration<WorkOrderHelper>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.Property(w => w.Number).HasMaxLength(20);
        b.Property(w => w.ContactName).HasMaxLength(100);
        b.Property(w => w.ContactPhone).HasMaxLength(40);
        b.Property(w => w.FaultDescription).HasMaxLength(4000);
        b.Property(w => w.Category).HasMaxLength(100);
        b.Property(w => w.Diagnosis).HasMaxLength(4000);
        b.Property(w => w.SearchGrams).HasMaxLength(8000);
        b.Property(w => w.RootCause).HasMaxLength(100);
        b.Property(w => w.Actions).HasMaxLength(4000);
        b.Property(w => w.TrackingToken).HasMaxLength(40);
        b.Property(w => w.ContactEmail).HasMaxLength(200);
        b.Property(w => w.Region).HasMaxLength(50);
        b.Property(w => w.ProductCategory).HasMaxLength(100);
        b.Property(w => w.PartsUsed).HasMaxLength(2000);
        b.Property(w => w.SignedBy).HasMaxLength(100);
        b.Property(w => w.SurveyToken).HasMaxLength(40);
        b.Property(w => w.ContractNumber).HasMaxLength(30);
        b.Property(w => w.ServiceLevel).HasMaxLength(30);
        b.HasIndex(w => w.Number).IsUnique();
        b.HasIndex(w => w.SurveyToken);
        // Everything the dashboard aggregates, led by the report day: a year's KPIs are read from this index
        // alone instead of from the whole rows, which at a million orders is the difference between instant and slow.
        b.HasIndex(w => new
            {
                w.ReportedDay,
                w.Status,
                w.Region,
                w.ProductCategory,
                w.Type,
                w.ResolutionMinutes,
                w.FirstResponseMinutes,
                w.CloseMinutes,
                w.VisitCount,
                w.ReopenCount,
                w.HasRework,
                w.ReworkOfId,
                w.FirstResponseBreached,
                w.ArrivalBreached,
                w.ResolutionBreached,
                w.LabourCost,
                w.TravelCost,
                w.PartsCost,
                w.SlaBreached,
                w.AssigneeId,
                w.LabourHours,
                w.Category,
                w.Csat,
                w.Nps,
                w.Id,
            })
            .HasDatabaseName("IX_WorkOrders_Kpi");
        // Status at the end: a region's count for a status and a period is read from the index alone.
        b.HasIndex(w => new
        {
            w.Region,
            w.ReportedDay,
            w.Status,
        });
        b.HasIndex(w => new
        {
            w.SlaBreached,
            w.ReportedAtUtc,
            w.Id,
        });
        b.HasIndex(w => w.TrackingToken).IsUnique();
        // Lists page newest first with Id as the tie-break: each index ends in (ReportedAtUtc, Id) so a page is read, not sorted.
        b.HasIndex(w => new { w.ReportedAtUtc, w.Id });
        b.HasIndex(w => new
        {
            w.Status,
            w.ReportedAtUtc,
            w.Id,
        });
        // Region and status together with a date range, the desk's commonest filter: counted and paged from the index alone.
        b.HasIndex(w => new
            {
                w.Region,
                w.Status,
                w.ReportedAtUtc,
                w.Id,
                w.ReportedDay,
            })
            .HasDatabaseName("IX_WorkOrders_Region_Status_Page");
        b.HasIndex(w => new { w.CustomerId, w.ReportedAtUtc });
        b.HasIndex(w => new { w.CustomerId, w.ClosedAtUtc });
        b.HasIndex(w => new { w.MachineId, w.ReportedAtUtc });
        b.HasIndex(w => new { w.MachineId, w.ClosedAtUtc });
        b.HasIndex(w => new { w.MachineId, w.Status });
        b.HasIndex(w => new { w.AssigneeId, w.Status });
        b.HasIndex(w => new { w.AssigneeId, w.AssignedAtUtc });
        // A contract's profitability sums its covered orders' costs.
        b.HasIndex(w => new { w.ContractId, w.ReportedDay });
    }

    public void Configure(EntityTypeBuilder<WorkOrderHelper> b)
    {
        b.HasKey(h => new { h.WorkOrderId, h.UserId });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(h => h.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => h.UserId);
    }

    public void Configure(EntityTypeBuilder<WorkOrderEvent> b)
    {
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.WorkOrderId, e.AtUtc });
    }
}
